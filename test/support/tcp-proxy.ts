// A TCP proxy between an SDK and the devserver, to take the network away for real: cut every
// connection, refuse new ones, or silently drop bytes in one direction (a lost ack).
import net from "node:net";

export class TcpProxy {
  /** New connections are closed at once while true (the server looks down). */
  refuse = false;
  /** Bytes from the client are dropped while true. */
  dropUp = false;
  /** Bytes from the server are dropped while true. */
  dropDown = false;
  /** Bytes from the server are held this long (in order) before they are forwarded. */
  delayDownMs = 0;
  /** The request line of every connection (for a WebSocket: `GET /?sendID=…&isBackground=… HTTP/1.1`). */
  readonly requestLines: string[] = [];
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    let proxy: TcpProxy | undefined;
    const server = net.createServer((client) => proxy!.accept(client, target));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    proxy = new TcpProxy(server, (server.address() as net.AddressInfo).port);
    return proxy;
  }

  /** Closes every open connection (the client sees the network drop). */
  cut(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket, target: { host: string; port: number }): void {
    if (this.refuse) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on("error", () => {});
      s.on("close", () => {
        this.sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.once("data", (d: Buffer) => this.requestLines.push(d.toString("latin1").split("\r\n", 1)[0]!));
    client.on("data", (d) => this.dropUp || upstream.write(d));
    upstream.on("data", (d) => {
      if (this.dropDown) return;
      if (this.delayDownMs > 0) setTimeout(() => client.write(d), this.delayDownMs);
      else client.write(d);
    });
  }
}

/** ws://host:port of an address like ws://127.0.0.1:1234. */
export function hostPort(addr: string): { host: string; port: number } {
  const u = new URL(addr);
  return { host: u.hostname, port: Number(u.port) };
}
