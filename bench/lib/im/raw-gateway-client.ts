// The baselines of the transport figures, on a raw `ws` socket to the same gateway:
// - echo: the gateway's text heartbeat, {"type":"ping"} → {"type":"pong"}, the cheapest round
//   trip that server can make;
// - raw sends: SendMsg (1003) envelopes written by hand (JSON + base64, no gzip), which splits
//   a slow send figure into server cost and SDK-transport cost.
import WebSocket from "ws";
import { sdkws } from "../../../generated/protocol/index.js";
import { newClientMsgID, nowMs } from "./wire-client.js";

const PING = JSON.stringify({ type: "ping" });

export class RawGatewayClient {
  private waiting: ((at: number) => void)[] = [];
  private readonly responses = new Map<string, (error: string | undefined) => void>();
  private incr = 0;

  private constructor(
    private readonly ws: WebSocket,
    private readonly userID: string,
  ) {
    ws.on("message", (data, isBinary) => {
      if (isBinary) {
        const r = JSON.parse(data.toString()) as { msgIncr?: string; errCode?: number; errMsg?: string };
        if (r.msgIncr) this.responses.get(r.msgIncr)?.(r.errCode ? `${r.errCode} ${r.errMsg}` : undefined);
        return;
      }
      if (!data.toString().includes('"pong"')) return; // the handshake frame
      const at = nowMs();
      this.waiting.shift()?.(at);
    });
  }

  /** Connects with the user's token (a real gateway session) and waits for the handshake. */
  static connect(wsAddr: string, userID: string, token: string): Promise<RawGatewayClient> {
    const q = new URLSearchParams({ sendID: userID, token, platformID: "5", operationID: `echo_${Date.now()}`, isBackground: "false", isMsgResp: "true", sdkType: "js" });
    const ws = new WebSocket(`${wsAddr}/?${q}`);
    return new Promise((resolve, reject) => {
      ws.once("message", (data) => {
        const r = JSON.parse(data.toString()) as { errCode?: number };
        if (r.errCode === 0) resolve(new RawGatewayClient(ws, userID));
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

  /** One hand-built 1003 request; resolves when its response arrives. */
  sendRaw(recvID: string, text: string): Promise<void> {
    const msgIncr = `raw_${++this.incr}`;
    const data = sdkws.MsgData.encode(
      sdkws.MsgData.create({
        sendID: this.userID,
        recvID,
        clientMsgID: newClientMsgID(),
        senderPlatformID: 5,
        sessionType: 1,
        msgFrom: 100,
        contentType: 101,
        content: new TextEncoder().encode(JSON.stringify({ content: text })),
        createTime: Date.now(),
      }),
    );
    const frame = JSON.stringify({ reqIdentifier: 1003, token: "", sendID: this.userID, operationID: msgIncr, msgIncr, data: Buffer.from(data).toString("base64") });
    return new Promise((resolve, reject) => {
      this.responses.set(msgIncr, (error) => {
        this.responses.delete(msgIncr);
        if (error) reject(new Error(`hand-built send to ${recvID} refused: ${error}`));
        else resolve();
      });
      this.ws.send(Buffer.from(frame), { binary: true });
    });
  }

  /** `count` raw sends with up to `window` in flight; resolves with acks per second. */
  async sendThroughput(recvID: string, count: number, window: number): Promise<number> {
    const t0 = nowMs();
    let sent = 0;
    const lane = async () => {
      while (sent < count) await this.sendRaw(recvID, `raw #${sent++}`);
    };
    await Promise.all(Array.from({ length: Math.min(window, count) }, lane));
    return count / ((nowMs() - t0) / 1000);
  }

  close(): void {
    this.ws.terminate();
  }
}
