// The baseline of every transport figure: a raw `ws` socket doing the gateway's text
// heartbeat, {"type":"ping"} → {"type":"pong"}, on the same server and the same kind of
// connection as the SDK — the cheapest round trip that server can make.
import WebSocket from "ws";
import { nowMs } from "./wire-client.js";

const PING = JSON.stringify({ type: "ping" });

export class EchoClient {
  private waiting: ((at: number) => void)[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data, isBinary) => {
      if (isBinary) return;
      if (!data.toString().includes('"pong"')) return; // the handshake frame
      const at = nowMs();
      this.waiting.shift()?.(at);
    });
  }

  /** Connects with the user's token (a real gateway session) and waits for the handshake. */
  static connect(wsAddr: string, userID: string, token: string): Promise<EchoClient> {
    const q = new URLSearchParams({ sendID: userID, token, platformID: "5", operationID: `echo_${Date.now()}`, isBackground: "false", isMsgResp: "true", sdkType: "js" });
    const ws = new WebSocket(`${wsAddr}/?${q}`);
    return new Promise((resolve, reject) => {
      ws.once("message", (data) => {
        const r = JSON.parse(data.toString()) as { errCode?: number };
        if (r.errCode === 0) resolve(new EchoClient(ws));
        else reject(new Error(`echo client handshake refused: ${data.toString()}`));
      });
      ws.once("error", reject);
    });
  }

  /** One ping; resolves with the round trip in ms. */
  roundTrip(): Promise<number> {
    const t0 = nowMs();
    return new Promise((resolve) => {
      this.waiting.push((at) => resolve(at - t0));
      this.ws.send(PING);
    });
  }

  /** `count` pings with up to `window` in flight; resolves with pongs per second. */
  async throughput(count: number, window: number): Promise<number> {
    const t0 = nowMs();
    let sent = 0;
    const lane = async () => {
      while (sent < count) {
        sent++;
        await this.roundTrip();
      }
    };
    await Promise.all(Array.from({ length: Math.min(window, count) }, lane));
    return count / ((nowMs() - t0) / 1000);
  }

  close(): void {
    this.ws.terminate();
  }
}
