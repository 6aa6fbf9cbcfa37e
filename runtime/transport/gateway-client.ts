// The typed face of the connection: protobuf codecs in and out, decoded pushes, and the two
// session requests the gateway defines — 2003 logout and 2004 background status.

import * as sdkws from "../../generated/protocol/sdkws.js";
import { ReqIdentifier, wsTable, type WsReq, type WsResp, type WsTypes } from "../../generated/protocol/ws.js";
import type { DeepPartial, MessageCodec } from "../contracts/protocol.js";
import { Emitter } from "../events/emitter.js";
import { silentLogger, type Logger } from "../events/logger.js";
import type { Connection, PushFrame, RequestOptions } from "./connection.js";
import { FrameError, LocalErrorCode, TransportError } from "./errors.js";

/** One request kind: its reqIdentifier and the codecs of its request and response payloads. */
export interface WsCallDef<Req, Resp> {
  reqIdentifier: number;
  req: Pick<MessageCodec<Req>, "encode">;
  resp: Pick<MessageCodec<Resp>, "decode">;
}

/** The reqIdentifiers a client sends and gets a typed answer to (1001–1007, 2003–2005). */
export type RequestIdentifier = {
  [I in ReqIdentifier]: WsTypes[I]["req"] extends null ? never : WsTypes[I]["resp"] extends null ? never : I;
}[ReqIdentifier];

export interface GatewayEvents {
  /** 2001: new messages (one per frame from the v3.8 gateway, but maps may hold several). */
  pushMessages: [sdkws.PushMessages];
  /** Unsolicited 2005: a subscribed user's online platforms changed. */
  userStatusChanged: [sdkws.SubUserOnlineStatusTips];
}

export class GatewayClient {
  readonly events: Emitter<GatewayEvents>;
  private readonly logger: Logger;
  /** Users whose online status this client follows; the gateway forgets them on every reconnect. */
  private readonly statusSubscriptions = new Set<string>();

  constructor(
    readonly connection: Connection,
    private readonly session: { userID: string; platformID: number },
    logger: Logger = silentLogger,
  ) {
    this.logger = logger;
    this.events = new Emitter<GatewayEvents>(logger, "gateway");
    connection.events.on("push", (frame) => this.onPush(frame));
    // The v3.8 gateway keeps neither the background flag nor status subscriptions across
    // connects; restore what the app set, as the Go SDK does first thing after connecting.
    connection.events.on("connectSuccess", () => this.restoreSessionState());
  }

  /** A request from the generated reqIdentifier table, e.g. `request(ReqIdentifier.SendMsg, msgData)`. */
  request<I extends RequestIdentifier>(id: I, req: DeepPartial<WsReq<I>>, options?: RequestOptions): Promise<WsResp<I>> {
    const entry = wsTable[id] as unknown as WsCallDef<WsReq<I>, WsResp<I>>;
    return this.call({ reqIdentifier: id, req: entry.req, resp: entry.resp }, req, options);
  }

  /** Encodes `req`, sends it, decodes the response. Errors are TransportError subclasses. */
  async call<Req, Resp>(def: WsCallDef<Req, Resp>, req: DeepPartial<Req>, options?: RequestOptions): Promise<Resp> {
    let bytes: Uint8Array;
    try {
      bytes = def.req.encode(req);
    } catch (err) {
      throw new TransportError(LocalErrorCode.ArgsError, `cannot encode request: ${(err as Error).message}`, def.reqIdentifier, options?.operationID);
    }
    const reply = await this.connection.request(def.reqIdentifier, bytes, options);
    try {
      return def.resp.decode(reply);
    } catch (err) {
      throw new FrameError(`response to ${def.reqIdentifier}: ${(err as Error).message}`);
    }
  }

  /**
   * Tells the server the app went to (or left) the background; only iOS (platform 1) online
   * push depends on it. Remembered and re-sent after every reconnect; sent at once if connected.
   */
  async setBackground(isBackground: boolean): Promise<void> {
    if (typeof isBackground !== "boolean") throw new TypeError(`setBackground(isBackground): expected a boolean, got ${typeof isBackground}`);
    this.connection.isBackground = isBackground;
    if (this.connection.state === "connected") await this.sendBackground(isBackground);
  }

  /**
   * Graceful logout: 2003 (the server drops this device's push token and closes the socket),
   * then the connection stops for good. A failed 2003 is logged, never blocks the logout.
   */
  async logout(options: RequestOptions = { timeoutMs: 3000 }): Promise<void> {
    if (this.connection.state === "connected") {
      this.connection.expectClose("logout");
      try {
        await this.request(ReqIdentifier.LogoutMsg, { userID: this.session.userID, platformID: this.session.platformID }, options);
      } catch (err) {
        this.logger.warn("gateway: 2003 logout request failed; closing anyway", { error: String(err) });
      }
    }
    this.connection.stop("logout");
  }

  /** Follows users' online status: resolves with their current platforms; changes arrive as `userStatusChanged`. */
  subscribeUsersStatus(userIDs: string[]): Promise<sdkws.SubUserOnlineStatusTips> {
    requireUserIDs("subscribeUsersStatus", userIDs);
    for (const id of userIDs) this.statusSubscriptions.add(id);
    return this.request(ReqIdentifier.SubUserOnlineStatus, { subscribeUserID: userIDs });
  }

  async unsubscribeUsersStatus(userIDs: string[]): Promise<void> {
    requireUserIDs("unsubscribeUsersStatus", userIDs);
    for (const id of userIDs) this.statusSubscriptions.delete(id);
    await this.request(ReqIdentifier.SubUserOnlineStatus, { unsubscribeUserID: userIDs });
  }

  private restoreSessionState(): void {
    const warn = (what: string) => (err: unknown) => this.logger.warn(`gateway: restoring ${what} after reconnect failed`, { error: String(err) });
    if (this.connection.isBackground) this.sendBackground(true).catch(warn("background status"));
    if (this.statusSubscriptions.size > 0) {
      this.request(ReqIdentifier.SubUserOnlineStatus, { subscribeUserID: [...this.statusSubscriptions] }).catch(warn("status subscriptions"));
    }
  }

  private sendBackground(isBackground: boolean): Promise<sdkws.SetAppBackgroundStatusResp> {
    return this.request(ReqIdentifier.SetBackgroundStatus, { userID: this.session.userID, isBackground });
  }

  private onPush(frame: PushFrame): void {
    try {
      // The session's message sync decodes 2001 itself; decoding each push twice would cost every message.
      if (frame.reqIdentifier === ReqIdentifier.PushMsg && this.events.listenerCount("pushMessages") > 0) {
        this.events.emit("pushMessages", sdkws.PushMessages$wire.decode(frame.data));
      } else if (frame.reqIdentifier === ReqIdentifier.SubUserOnlineStatus) {
        this.events.emit("userStatusChanged", sdkws.SubUserOnlineStatusTips$wire.decode(frame.data));
      }
    } catch (err) {
      // A push that does not decode is lost to live delivery, but not for good: the seq gap
      // it leaves is pulled on the next sync. Logged loudly so a codec mismatch is visible.
      this.logger.error("gateway: push frame does not decode; its seqs will be pulled by sync", {
        reqIdentifier: frame.reqIdentifier,
        operationID: frame.operationID,
        error: (err as Error).message,
      });
    }
  }
}

function requireUserIDs(method: string, userIDs: unknown): void {
  if (!Array.isArray(userIDs) || userIDs.length === 0 || !userIDs.every((id) => typeof id === "string" && id !== "")) {
    throw new TypeError(`${method}(userIDs): expected a non-empty array of non-empty user ID strings, got ${JSON.stringify(userIDs)}`);
  }
}
