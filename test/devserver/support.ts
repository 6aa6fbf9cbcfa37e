// Shared helpers for devserver conformance tests: raw HTTP (fetch) and a raw `ws` client that
// speaks the sdkType=js envelope — deliberately not the SDK, so the server is tested on its own.
import { randomBytes } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { WebSocket } from "ws";
import { msg, sdkws } from "../../generated/protocol/index.js";
import { startDevServer, type DevServer } from "../../devserver/index.js";
import type { DevServerOptions } from "../../devserver/options.js";

export interface Envelope {
  errCode: number;
  errMsg: string;
  errDlt: string;
  data?: any;
}

export function startTestServer(opts: DevServerOptions = {}): Promise<DevServer> {
  return startDevServer({ wsPort: 0, apiPort: 0, memory: true, log: null, ...opts });
}

export async function api(server: DevServer, path: string, body: unknown, token?: string, headers: Record<string, string> = {}): Promise<Envelope> {
  const res = await fetch(server.apiAddr + path, {
    method: "POST",
    headers: { "Content-Type": "application/json", operationID: `op_${randomBytes(4).toString("hex")}`, ...(token ? { token } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return (await res.json()) as Envelope;
}

/** api() that fails the test unless errCode is 0; returns data. */
export async function apiOk(server: DevServer, path: string, body: unknown, token?: string): Promise<any> {
  const env = await api(server, path, body, token);
  if (env.errCode !== 0) throw new Error(`${path} → ${env.errCode} ${env.errMsg}: ${env.errDlt}`);
  return env.data;
}

export async function adminToken(server: DevServer): Promise<string> {
  return (await apiOk(server, "/auth/get_admin_token", { secret: "openIM123", userID: "imAdmin" })).token;
}

export async function registerUsers(server: DevServer, admin: string, ...userIDs: string[]): Promise<void> {
  await apiOk(server, "/user/user_register", { users: userIDs.map((userID) => ({ userID, nickname: userID.toUpperCase(), faceURL: "" })) }, admin);
}

export async function userToken(server: DevServer, admin: string, userID: string, platformID = 5): Promise<string> {
  return (await apiOk(server, "/auth/get_user_token", { userID, platformID }, admin)).token;
}

export interface WsResp {
  reqIdentifier: number;
  msgIncr: string;
  operationID: string;
  errCode: number;
  errMsg: string;
  data: string | null;
}

export interface ConnectOptions {
  userID: string;
  token: string;
  platformID?: number;
  gzip?: boolean;
  /** Extra or overriding query parameters; a value of null removes the parameter. */
  query?: Record<string, string | null>;
}

export function connectURL(server: DevServer, o: ConnectOptions): string {
  const q: Record<string, string | null> = {
    sendID: o.userID,
    token: o.token,
    platformID: String(o.platformID ?? 5),
    operationID: `op_${randomBytes(4).toString("hex")}`,
    isBackground: "false",
    isMsgResp: "true",
    sdkType: "js",
    ...(o.gzip ? { compression: "gzip" } : {}),
    ...o.query,
  };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== null) params.set(k, v);
  return `${server.wsAddr}/?${params}`;
}

/** A raw gateway client: records every frame, matches responses by msgIncr. */
export class RawClient {
  readonly binary: WsResp[] = [];
  readonly text: string[] = [];
  closed: { code: number } | null = null;
  private waiters: (() => void)[] = [];

  private constructor(
    readonly ws: WebSocket,
    readonly userID: string,
    readonly gzip: boolean,
  ) {
    ws.on("message", (data: Buffer, isBinary) => {
      if (isBinary) this.binary.push(JSON.parse((gzip ? gunzipSync(data) : data).toString("utf8")) as WsResp);
      else this.text.push(data.toString("utf8"));
      this.wake();
    });
    ws.on("close", (code) => {
      this.closed = { code };
      this.wake();
    });
    ws.on("error", () => {});
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }

  /** Resolves when `pred` holds, re-checked on every frame; rejects after `ms`. */
  async until<T>(what: string, pred: () => T | undefined, ms = 5000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = pred();
      if (v !== undefined) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Opens a connection and waits for the handshake TEXT frame (isMsgResp=true). */
  static async connect(server: DevServer, o: ConnectOptions): Promise<RawClient> {
    const ws = new WebSocket(connectURL(server, o));
    const c = new RawClient(ws, o.userID, o.gzip ?? false);
    const first = await c.until("handshake frame", () => c.text[0] ?? (c.closed ? "closed" : undefined));
    const r = JSON.parse(first === "closed" ? "{}" : first) as { errCode?: number; errDlt?: string };
    if (r.errCode !== 0) throw new Error(`handshake failed: ${first}`);
    return c;
  }

  /** Opens a connection without judging the outcome (handshake tests). */
  static open(url: string, gzip = false): RawClient {
    return new RawClient(new WebSocket(url), "", gzip);
  }

  waitOpen(): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.ws.once("open", () => resolve());
      this.ws.once("close", () => reject(new Error("closed before open")));
    });
  }

  waitClosed(ms = 5000): Promise<{ code: number }> {
    return this.until("close", () => this.closed ?? undefined, ms);
  }

  sendFrame(bytes: Buffer | string, binary = true): void {
    this.ws.send(bytes, { binary });
  }

  envelope(reqIdentifier: number, data: Uint8Array, over: Partial<{ sendID: string; msgIncr: string; operationID: string }> = {}): { msgIncr: string; frame: Buffer } {
    const msgIncr = over.msgIncr ?? randomBytes(6).toString("hex");
    const json = Buffer.from(
      JSON.stringify({
        reqIdentifier,
        token: "",
        sendID: over.sendID ?? this.userID,
        operationID: over.operationID ?? `op_${msgIncr}`,
        msgIncr,
        data: Buffer.from(data).toString("base64"),
      }),
    );
    return { msgIncr, frame: this.gzip ? gzipSync(json) : json };
  }

  /** Sends a request and resolves with its response envelope. */
  async request(reqIdentifier: number, data: Uint8Array, over: Partial<{ sendID: string; msgIncr: string; operationID: string }> = {}): Promise<WsResp> {
    const { msgIncr, frame } = this.envelope(reqIdentifier, data, over);
    this.sendFrame(frame);
    return this.until(`response ${reqIdentifier}/${msgIncr}`, () => this.binary.find((r) => r.msgIncr === msgIncr && r.reqIdentifier === reqIdentifier));
  }

  /** Unsolicited frames (msgIncr "") of one reqIdentifier. */
  pushes(reqIdentifier = 2001): WsResp[] {
    return this.binary.filter((r) => r.msgIncr === "" && r.reqIdentifier === reqIdentifier);
  }

  /** Waits until at least `n` pushes of that kind arrived; returns them all. */
  async waitPushes(n: number, reqIdentifier = 2001, ms = 5000): Promise<WsResp[]> {
    return this.until(`${n} pushes of ${reqIdentifier}`, () => {
      const p = this.pushes(reqIdentifier);
      return p.length >= n ? p : undefined;
    }, ms);
  }

  close(): void {
    this.ws.terminate();
  }
}

export const b64 = (data: string | null): Uint8Array => new Uint8Array(Buffer.from(data ?? "", "base64"));

/** The messages of one 2001 push, flattened with their conversation IDs. */
export function pushedMessages(frames: WsResp[]): { conversationID: string; notification: boolean; msg: sdkws.MsgData }[] {
  return frames.flatMap((f) => {
    const p = sdkws.PushMessages.decode(b64(f.data));
    const out: { conversationID: string; notification: boolean; msg: sdkws.MsgData }[] = [];
    for (const [cid, pm] of Object.entries(p.msgs)) for (const m of pm.Msgs) out.push({ conversationID: cid, notification: false, msg: m });
    for (const [cid, pm] of Object.entries(p.notificationMsgs)) for (const m of pm.Msgs) out.push({ conversationID: cid, notification: true, msg: m });
    return out;
  });
}

/** The tips of a notification: content is {"detail": "<tips JSON>"}. */
export const detailOf = (m: sdkws.MsgData) => JSON.parse((JSON.parse(new TextDecoder().decode(m.content)) as { detail: string }).detail) as Record<string, unknown>;

let counter = 0;
export function textMessage(sendID: string, recvID: string, text: string, over: Partial<sdkws.MsgData> = {}): sdkws.MsgData {
  return sdkws.MsgData.create({
    sendID,
    recvID,
    clientMsgID: `${randomBytes(8).toString("hex")}${(counter++).toString(16).padStart(8, "0")}`,
    senderPlatformID: 5,
    sessionType: 1,
    msgFrom: 100,
    contentType: 101,
    content: new TextEncoder().encode(JSON.stringify({ content: text })),
    createTime: Date.now(),
    ...over,
  });
}

export async function sendText(c: RawClient, recvID: string, text: string, over: Partial<sdkws.MsgData> = {}): Promise<{ resp: WsResp; ack: msg.SendMsgResp; message: sdkws.MsgData }> {
  const message = textMessage(c.userID, recvID, text, over);
  const resp = await c.request(1003, sdkws.MsgData.encode(message));
  return { resp, ack: msg.SendMsgResp.decode(b64(resp.data)), message };
}

export const textOf = (m: sdkws.MsgData): string => (JSON.parse(new TextDecoder().decode(m.content)) as { content: string }).content;

/** si_ conversation ID the way the server forms it (byte-wise sort). */
export const singleID = (a: string, b: string): string => (Buffer.compare(Buffer.from(a), Buffer.from(b)) <= 0 ? `si_${a}_${b}` : `si_${b}_${a}`);

/** A server with users registered and one token each (platform 5). */
export async function withUsers(server: DevServer, ...userIDs: string[]): Promise<{ admin: string; tokens: Record<string, string> }> {
  const admin = await adminToken(server);
  await registerUsers(server, admin, ...userIDs);
  const tokens: Record<string, string> = {};
  for (const id of userIDs) tokens[id] = await userToken(server, admin, id);
  return { admin, tokens };
}
