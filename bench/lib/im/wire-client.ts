// A bare client for load tools: the SDK's transport Connection (real handshake, envelope,
// gzip, heartbeat, reconnect) without a database, like the seed's press tool drives a bare
// long connection. It sends single-chat text messages (1003) and decodes 2001 pushes.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import WebSocket from "ws";
import { msg, sdkws } from "../../../generated/protocol/index.js";
import { silentLogger } from "../../../runtime/events/logger.js";
import { AuthFailureGate } from "../../../runtime/transport/auth-failures.js";
import { ReqIdentifier } from "../../../generated/protocol/ws.js";
import { Connection } from "../../../runtime/transport/connection.js";
import { socketFactoryFrom } from "../../../runtime/transport/socket.js";

const SEND_MSG = 1003;
const WEB = 5;
const sockets = socketFactoryFrom(WebSocket);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Wall-clock milliseconds with sub-ms resolution, comparable across processes of one machine. */
export const nowMs = (): number => performance.timeOrigin + performance.now();

export interface Received {
  conversationID: string;
  message: sdkws.MsgData;
  /** When the push frame was handled here (nowMs). */
  atMs: number;
  /** The sender's nowMs stamp carried in the content, if any. */
  sentAtMs: number | undefined;
}

export interface WireClientOptions {
  wsAddr: string;
  userID: string;
  token: string;
  gzip?: boolean;
  requestTimeoutMs?: number;
  connectTimeoutMs?: number;
}

export class WireClient {
  private listeners: ((r: Received) => void)[] = [];

  private constructor(
    readonly userID: string,
    readonly connection: Connection,
  ) {
    connection.events.on("push", (frame) => {
      if (frame.reqIdentifier !== ReqIdentifier.PushMsg) return;
      const atMs = nowMs();
      const push = sdkws.PushMessages.decode(frame.data);
      for (const [conversationID, pulled] of Object.entries(push.msgs)) {
        for (const message of pulled.Msgs) {
          const r: Received = { conversationID, message, atMs, sentAtMs: stampOf(message) };
          for (const l of this.listeners) l(r);
        }
      }
    });
  }

  /** Opens the connection and resolves once the gateway accepted the handshake. */
  static connect(o: WireClientOptions): Promise<WireClient> {
    const connection = new Connection({
      wsAddr: o.wsAddr,
      userID: o.userID,
      token: o.token,
      platformID: WEB,
      socketFactory: sockets,
      authGate: new AuthFailureGate(silentLogger),
      compression: o.gzip === false ? "none" : "gzip",
      requestTimeoutMs: o.requestTimeoutMs ?? 30_000,
      watchOnline: false,
    });
    const client = new WireClient(o.userID, connection);
    return new Promise((resolve, reject) => {
      const limit = o.connectTimeoutMs ?? 30_000;
      const timer = setTimeout(() => fail(`no handshake within ${limit} ms`), limit);
      const offOk = connection.events.on("connectSuccess", () => {
        done();
        resolve(client);
      });
      const offFail = connection.events.on("connectFailed", (code, why) => fail(`connect refused: ${code} ${why}`));
      function done() {
        clearTimeout(timer);
        offOk();
        offFail();
      }
      function fail(why: string) {
        done();
        connection.stop(why);
        reject(new Error(`${o.userID}: ${why}`));
      }
      connection.start();
    });
  }

  onMessage(listener: (r: Received) => void): void {
    this.listeners.push(listener);
  }

  /** Sends a text message whose content carries the send time; resolves with the server's ack. */
  async sendText(recvID: string, text: string, clientMsgID = newClientMsgID()): Promise<{ clientMsgID: string; ack: msg.SendMsgResp; sentAtMs: number }> {
    const sentAtMs = nowMs();
    const data = sdkws.MsgData.encode(
      sdkws.MsgData.create({
        sendID: this.userID,
        recvID,
        clientMsgID,
        senderPlatformID: WEB,
        sessionType: 1,
        msgFrom: 100,
        contentType: 101,
        content: encoder.encode(JSON.stringify({ content: text, sentAtMs })),
        createTime: Math.floor(sentAtMs),
      }),
    );
    const ack = msg.SendMsgResp.decode(await this.connection.request(SEND_MSG, data));
    if (!ack.serverMsgID) throw new Error(`send ${clientMsgID} to ${recvID}: empty ack (the server dropped it)`);
    return { clientMsgID, ack, sentAtMs };
  }

  close(): void {
    this.connection.stop("load tool finished");
  }
}

export const newClientMsgID = (): string => randomBytes(16).toString("hex");

function stampOf(m: sdkws.MsgData): number | undefined {
  try {
    const v = (JSON.parse(decoder.decode(m.content)) as { sentAtMs?: unknown }).sentAtMs;
    return typeof v === "number" ? v : undefined;
  } catch {
    return undefined;
  }
}
