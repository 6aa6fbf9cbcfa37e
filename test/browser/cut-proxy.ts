// A TCP pass-through in front of the devserver gateway that can drop every connection at once
// without a WebSocket close frame — what a dying NAT or a crashed gateway looks like to a page.
import net from "node:net";
import type { AddressInfo } from "node:net";

export interface CutProxy {
  /** ws://127.0.0.1:<port> to give the SDK instead of the gateway's address. */
  wsAddr: string;
  /** Destroys every proxied connection (both sides); new connections still pass. */
  cutAll(): number;
  close(): Promise<void>;
}

export async function startCutProxy(targetPort: number): Promise<CutProxy> {
  const live = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    live.add(socket);
    socket.on("close", () => live.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, "127.0.0.1");
    track(client);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    wsAddr: `ws://127.0.0.1:${port}`,
    cutAll() {
      const n = live.size;
      for (const socket of live) socket.destroy();
      return n;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of live) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
