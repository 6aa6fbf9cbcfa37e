// One client WebSocket: heartbeat, read deadline, frame rules and the per-connection request
// queue. Violations of §1.3 terminate the TCP connection without a close frame, as OpenIM does.
import type { WebSocket } from "ws";
import { toCodeError } from "../errors.js";
import { withOperationID } from "../logic/operation.js";
import { decodeRequest, encodeResponse, FatalFrame, unwrapFrame, wrapFrame, type WsRequest, type WsResponse } from "./envelope.js";

export interface ConnInfo {
  connID: string;
  userID: string;
  platformID: number;
  token: string;
  gzip: boolean;
  isBackground: boolean;
}

/** Answers one request: resolves to the response `data` (null = JSON null) or throws CodeError. */
export type RequestHandler = (conn: ClientConn, req: WsRequest) => Uint8Array | null | Promise<Uint8Array | null>;

export interface ConnHooks {
  /** The handler for a reqIdentifier, or undefined when it is unknown (→ close). */
  handlerFor(reqIdentifier: number): RequestHandler | undefined;
  onClose(conn: ClientConn): void;
  log(line: string): void;
}

/** Outbound frames queued beyond this close the connection (OpenIM's 256-message queue). */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export class ClientConn {
  isBackground: boolean;
  /** Users this connection subscribed to with 2005; lost on reconnect, as in OpenIM. */
  readonly subscriptions = new Set<string>();
  private deadline: NodeJS.Timeout | undefined;
  private pinger: NodeJS.Timeout | undefined;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private closeAfterReply = false;

  constructor(
    private readonly ws: WebSocket,
    readonly info: ConnInfo,
    private readonly hooks: ConnHooks,
    private readonly readDeadlineMs: number,
    webPingIntervalMs: number | null,
  ) {
    this.isBackground = info.isBackground;
    this.armDeadline();
    // Control pings re-arm the deadline; control pongs deliberately do not (OpenIM v3.8.3).
    ws.on("ping", () => this.armDeadline());
    ws.on("message", (data, isBinary) => {
      this.armDeadline();
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      if (isBinary) {
        this.queue = this.queue.then(() => this.onBinary(buf)).catch((err: unknown) => {
          hooks.log(`devserver: dropping connection ${info.userID}/${info.platformID}: ${(err as Error).message}`);
          this.terminate();
        });
      }
      else this.onText(buf.toString("utf8"));
    });
    ws.on("close", () => this.finish());
    ws.on("error", (err) => {
      hooks.log(`devserver: connection ${info.userID}/${info.platformID} error: ${err.message}`);
      this.terminate();
    });
    if (webPingIntervalMs !== null) this.pinger = setInterval(() => ws.ping(), webPingIntervalMs);
  }

  get userID(): string {
    return this.info.userID;
  }
  get platformID(): number {
    return this.info.platformID;
  }
  get isOpen(): boolean {
    return !this.closed;
  }

  private armDeadline(): void {
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = setTimeout(() => this.terminate(), this.readDeadlineMs);
  }

  private onText(text: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      return this.terminate();
    }
    if (typeof msg !== "object" || msg === null) return this.terminate();
    const { type, body } = msg as { type?: unknown; body?: unknown };
    if (type === "ping") this.sendText(JSON.stringify({ type: "pong", body: body === undefined ? null : body }));
    else if (type !== "pong") this.terminate();
  }

  private async onBinary(frame: Buffer): Promise<void> {
    if (this.closed) return;
    let req: WsRequest;
    try {
      req = decodeRequest(unwrapFrame(frame, this.info.gzip));
    } catch (err) {
      if (err instanceof FatalFrame) return this.terminate();
      throw err;
    }
    if (req.sendID !== this.info.userID) return this.terminate();
    const handler = this.hooks.handlerFor(req.reqIdentifier);
    if (!handler) return this.terminate();
    let resp: WsResponse;
    try {
      const data = await withOperationID(req.operationID, () => handler(this, req));
      resp = { reqIdentifier: req.reqIdentifier, msgIncr: req.msgIncr, operationID: req.operationID, errCode: 0, errMsg: "", data };
    } catch (err) {
      const e = toCodeError(err);
      resp = { reqIdentifier: req.reqIdentifier, msgIncr: req.msgIncr, operationID: req.operationID, errCode: e.code, errMsg: e.detail ? `${e.errMsg}: ${e.detail}` : e.errMsg, data: null };
    }
    this.send(resp, this.closeAfterReply ? () => this.terminate() : undefined);
  }

  /** The current request's reply is the last frame (2003 logout). */
  endAfterReply(): void {
    this.closeAfterReply = true;
  }

  /** Sends an envelope frame (binary, gzip-wrapped if negotiated); `then` runs once it is flushed. */
  send(resp: WsResponse, then?: () => void): void {
    if (this.closed) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) return this.terminate();
    this.ws.send(wrapFrame(encodeResponse(resp), this.info.gzip), { binary: true }, () => then?.());
  }

  sendText(text: string, then?: () => void): void {
    if (this.closed) return;
    this.ws.send(text, { binary: false }, () => then?.());
  }

  /** Sends 2002 and closes: a newer login on this platform, or an admin force-logout. */
  kick(): void {
    this.send({ reqIdentifier: 2002, msgIncr: "", operationID: this.info.connID, errCode: 0, errMsg: "", data: null }, () => this.terminate());
  }

  /** Closes the TCP connection without a close frame (the client sees 1006), like OpenIM. */
  terminate(): void {
    if (this.closed) return;
    this.ws.terminate();
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.deadline);
    clearInterval(this.pinger);
    this.hooks.onClose(this);
  }
}
