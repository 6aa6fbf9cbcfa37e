// The long connection to the OpenIM gateway: connect → handshake → requests and pushes,
// reconnecting with back-off until stopped. Payloads are protobuf bytes; the typed layer
// (gateway-client.ts) encodes and decodes them.
//
// Guarantees:
// - any number of requests in flight, each with its own timeout (requests issued while
//   disconnected wait for the next connection within that same timeout);
// - every socket has a generation; frames from any socket but the current one are dropped,
//   and a socket's death fails only the requests written to it;
// - token errors (at connect, 2002 kick, or reported by HTTP through the shared
//   AuthFailureGate) stop the connection for good: no further attempts until a new login.

import { ReqIdentifier } from "../../generated/protocol/ws.js";
import { Emitter } from "../events/emitter.js";
import { silentLogger, type Logger } from "../events/logger.js";
import type { AuthFailure, AuthFailureGate } from "./auth-failures.js";
import { TOKEN_KICKED } from "./auth-failures.js";
import { buildConnectUrl } from "./connect-url.js";
import { encodeRequest, fflateCompressor, PING_FRAME, type FrameCompressor, type HandshakeResult, type ResponseEnvelope } from "./envelope.js";
import {
  ConnectionLostError,
  HandshakeError,
  LocalErrorCode,
  RequestTimeoutError,
  ServerResponseError,
  TransportError,
  TransportStoppedError,
} from "./errors.js";
import { Heartbeat, type HeartbeatOptions } from "./heartbeat.js";
import { newOperationID, randomHex } from "./ids.js";
import { PendingRequests, type PendingRequest } from "./pending.js";
import { ReconnectScheduler, type BackoffOptions } from "./reconnect.js";
import type { SocketFactory } from "./socket.js";
import { SocketSession } from "./socket-session.js";
import { defaultTimers, type Timers } from "./timers.js";

export interface ConnectionOptions {
  wsAddr: string;
  userID: string;
  token: string;
  platformID: number;
  socketFactory: SocketFactory;
  /** Shared with the HTTP client so a token error from either side ends the session once. */
  authGate: AuthFailureGate;
  logger?: Logger;
  /** Default "gzip" (both directions, per frame). */
  compression?: "gzip" | "none";
  /** Gzip implementation; default fflate (see envelope.ts). */
  compressor?: FrameCompressor;
  /**
   * Largest frame the gateway accepts, bytes after gzip. Default 51200 (v3.8 `maxMessageSize`):
   * a bigger frame would make the server close the socket and fail every request on it, so
   * such a request is rejected alone, before it is written.
   */
  maxFrameBytes?: number;
  /** Default per-request timeout, ms. Default 10000 (the Go SDK's wait per request). */
  requestTimeoutMs?: number;
  /** How long the gateway may take to send its handshake frame, ms. Default 10000. */
  handshakeTimeoutMs?: number;
  heartbeat?: HeartbeatOptions;
  backoff?: BackoffOptions;
  /** Default: worker-backed timers in browsers, global timers elsewhere (see timers.ts). */
  timers?: Timers;
  /** Listen to the browser `online` event (when the environment has one). Default true. */
  watchOnline?: boolean;
}

export type ConnectionState = "idle" | "connecting" | "connected" | "waiting" | "stopped";

export interface PushFrame {
  reqIdentifier: number;
  operationID: string;
  data: Uint8Array;
  /** The socket generation it arrived on. */
  generation: number;
}

export interface ConnectionEvents {
  connecting: [];
  connectSuccess: [];
  /** errCode is the server's (handshake refusal) or 10000 (network); `error` is the typed form. */
  connectFailed: [errCode: number, errMsg: string, error: TransportError];
  /** A connected socket was lost; a reconnect follows unless the connection is stopped. */
  disconnected: [reason: string];
  /** 2001 message pushes and unsolicited 2005 status changes, in arrival order. */
  push: [PushFrame];
  stateChanged: [ConnectionState];
}

export interface RequestOptions {
  timeoutMs?: number;
  operationID?: string;
}

export class Connection {
  readonly events: Emitter<ConnectionEvents>;
  private readonly logger: Logger;
  private readonly timers: Timers;
  private readonly gzip: boolean;
  private readonly compressor: FrameCompressor;
  private readonly requestTimeoutMs: number;
  private readonly maxFrameBytes: number;
  private readonly handshakeTimeoutMs: number;
  private readonly pending = new PendingRequests();
  private readonly heartbeat: Heartbeat;
  private readonly reconnect: ReconnectScheduler;
  private readonly incrPrefix: string;
  private incrCounter = 0;
  private currentState: ConnectionState = "idle";
  private session: SocketSession | undefined;
  private generationCounter = 0;
  private attempts = 0;
  private background = false;
  private stopReason = "";
  /** Set by expectClose(): the server is about to close the socket and that ends the connection. */
  private closingReason: string | undefined;
  private readonly detachers: (() => void)[] = [];

  constructor(private readonly options: ConnectionOptions) {
    requireString("wsAddr", options.wsAddr);
    requireString("userID", options.userID);
    requireString("token", options.token);
    if (!Number.isInteger(options.platformID) || options.platformID < 1) {
      throw new TypeError(`platformID must be a positive integer (1 iOS … 5 Web … 11 HarmonyOS), got ${String(options.platformID)}`);
    }
    // A bad address is a configuration error: say so now rather than retry it forever.
    buildConnectUrl(options.wsAddr, { userID: options.userID, token: options.token, platformID: options.platformID, operationID: "check", isBackground: false, compression: "none" });
    if (typeof options.socketFactory !== "function") {
      throw new TypeError("socketFactory is required: pass socketFactoryFrom(WebSocket) from the binding");
    }
    this.logger = options.logger ?? silentLogger;
    this.timers = options.timers ?? defaultTimers();
    this.gzip = (options.compression ?? "gzip") === "gzip";
    this.compressor = options.compressor ?? fflateCompressor;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.maxFrameBytes = options.maxFrameBytes ?? 51_200;
    this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? 10_000;
    this.events = new Emitter<ConnectionEvents>(this.logger, "transport");
    this.incrPrefix = `${options.userID}_${randomHex(4)}_`;
    this.heartbeat = new Heartbeat(
      this.timers,
      () => this.sendPing(),
      () => this.socketLost(this.generationCounter, "no frame from the server after a ping (heartbeat watchdog)", true),
      options.heartbeat,
    );
    this.reconnect = new ReconnectScheduler(this.timers, () => this.openSocket(), options.backoff);
    this.detachers.push(options.authGate.events.on("sessionEnded", (failure) => this.onAuthFailure(failure)));
    if (options.watchOnline ?? true) this.watchBrowserOnline();
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  /** The current socket's generation; it grows by one for every socket opened. */
  get generation(): number {
    return this.generationCounter;
  }

  /** How many sockets were opened so far (first connect included). */
  get connectAttempts(): number {
    return this.attempts;
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** Why the connection stopped ("" while it is running). */
  get stoppedBecause(): string {
    return this.stopReason;
  }

  /** Opens the first socket. Later sockets are opened by the reconnect logic. */
  start(): void {
    if (this.currentState !== "idle") {
      throw new Error(`Connection.start(): already ${this.currentState}; create a new Connection for a new login`);
    }
    if (this.options.authGate.failure) {
      this.stop(`token error ${this.options.authGate.failure.errCode} before start`);
      return;
    }
    this.openSocket();
  }

  /**
   * Sends one request and resolves with the response payload. Rejects with
   * RequestTimeoutError, ConnectionLostError, ServerResponseError or TransportStoppedError.
   */
  request(reqIdentifier: number, data: Uint8Array, options: RequestOptions = {}): Promise<Uint8Array> {
    if (!Number.isInteger(reqIdentifier) || reqIdentifier <= 0) {
      return Promise.reject(new TypeError(`reqIdentifier must be a positive integer, got ${String(reqIdentifier)}`));
    }
    if (!(data instanceof Uint8Array)) {
      return Promise.reject(new TypeError(`request ${reqIdentifier}: data must be a Uint8Array (encoded protobuf)`));
    }
    const operationID = options.operationID ?? newOperationID();
    if (this.currentState === "stopped") {
      return Promise.reject(new TransportStoppedError(this.stopReason, reqIdentifier, operationID));
    }
    const timeoutMs = options.timeoutMs ?? this.requestTimeoutMs;
    if (!(timeoutMs > 0 && Number.isFinite(timeoutMs))) {
      return Promise.reject(new TypeError(`request ${reqIdentifier}: timeoutMs must be a positive number of ms, got ${String(timeoutMs)}`));
    }
    return new Promise<Uint8Array>((resolve, reject) => {
      const request: PendingRequest = {
        reqIdentifier,
        operationID,
        msgIncr: this.incrPrefix + ++this.incrCounter,
        data,
        sentOn: undefined,
        resolve,
        reject,
        cancelTimeout: this.timers.setTimeout(() => {
          this.pending.remove(request);
          reject(new RequestTimeoutError(reqIdentifier, operationID, timeoutMs));
        }, timeoutMs),
      };
      this.pending.add(request);
      if (this.currentState === "connected") this.write(request);
    });
  }

  /** Remembered so a reconnect can restore it (the v3.8 gateway resets it on every connect). */
  get isBackground(): boolean {
    return this.background;
  }

  set isBackground(value: boolean) {
    this.background = value;
  }

  /**
   * The network changed (app callback, browser `online`): a waiting reconnect runs now, and a
   * connected socket is probed at once — it may be dead without knowing it.
   */
  networkStatusChanged(): void {
    if (this.currentState === "waiting") this.reconnect.retryNow();
    else if (this.currentState === "connected") this.heartbeat.probe();
  }

  /**
   * The server will close the socket on purpose (it does after a 2003 logout): when it does,
   * stop instead of reconnecting.
   */
  expectClose(reason: string): void {
    this.closingReason = reason;
  }

  /**
   * Ends the connection for good: pending and later requests fail with TransportStoppedError.
   * For a graceful logout, send 2003 first (GatewayClient.logout).
   */
  stop(reason: string): void {
    if (this.currentState === "stopped") return;
    this.stopReason = reason;
    this.generationCounter++; // anything still arriving from the last socket is now stale
    this.heartbeat.stop();
    this.reconnect.cancel();
    this.session?.close(reason, false);
    this.session = undefined;
    for (const detach of this.detachers.splice(0)) detach();
    this.pending.failAll((r) => new TransportStoppedError(reason, r.reqIdentifier, r.operationID));
    this.setState("stopped");
    this.logger.info("transport: stopped", { reason });
  }

  private openSocket(): void {
    if (this.currentState === "stopped") return;
    const generation = ++this.generationCounter;
    this.attempts++;
    this.setState("connecting");
    this.events.emit("connecting");
    if (this.currentState !== "connecting" || generation !== this.generationCounter) return; // a listener stopped us
    const operationID = newOperationID();
    let url: string;
    let socket;
    try {
      url = buildConnectUrl(this.options.wsAddr, {
        userID: this.options.userID,
        token: this.options.token,
        platformID: this.options.platformID,
        operationID,
        isBackground: this.background,
        compression: this.gzip ? "gzip" : "none",
      });
      socket = this.options.socketFactory(url);
    } catch (err) {
      this.connectFailed(generation, LocalErrorCode.NetworkError, `cannot open socket: ${(err as Error).message}`);
      return;
    }
    this.logger.debug("transport: connecting", { generation, operationID });
    this.session = new SocketSession(
      generation,
      socket,
      {
        ready: (gen) => this.onReady(gen),
        refused: (gen, result) => this.onRefused(gen, result, operationID),
        frame: (gen, envelope) => this.onFrame(gen, envelope),
        heartbeat: (gen) => this.onHeartbeat(gen),
        broken: (gen, why) => this.socketLost(gen, why, false),
      },
      this.timers,
      this.handshakeTimeoutMs,
      this.compressor,
    );
  }

  private isCurrent(generation: number, what: string): boolean {
    if (generation === this.generationCounter && this.session?.generation === generation) return true;
    this.logger.debug(`transport: dropped ${what} from stale socket`, { generation, current: this.generationCounter });
    return false;
  }

  private onReady(generation: number): void {
    if (!this.isCurrent(generation, "handshake")) return;
    this.reconnect.reset();
    this.setState("connected");
    this.heartbeat.start();
    this.logger.info("transport: connected", { generation });
    for (const request of this.pending.unsent()) this.write(request);
    this.events.emit("connectSuccess");
  }

  private onRefused(generation: number, result: HandshakeResult, operationID: string): void {
    if (!this.isCurrent(generation, "handshake")) return;
    const error = new HandshakeError(result.errCode, result.errMsg, result.errDlt, operationID);
    this.logger.warn("transport: connect refused", { errCode: result.errCode, errMsg: result.errMsg, errDlt: result.errDlt });
    this.session?.close("handshake refused", false);
    this.session = undefined;
    this.events.emit("connectFailed", result.errCode, error.errMsg, error);
    // A token error ends the session through the gate (onAuthFailure → stop); anything else retries.
    if (!this.options.authGate.report(result.errCode, result.errMsg, "ws-connect")) this.scheduleReconnect();
  }

  private onHeartbeat(generation: number): void {
    if (this.isCurrent(generation, "pong")) this.heartbeat.alive();
  }

  private onFrame(generation: number, envelope: ResponseEnvelope): void {
    if (!this.isCurrent(generation, `frame ${envelope.reqIdentifier}`)) return;
    this.heartbeat.alive();
    if (envelope.msgIncr) {
      const request = this.pending.take(envelope.msgIncr, generation);
      if (!request) {
        this.logger.debug("transport: response for no pending request (timed out already?)", {
          reqIdentifier: envelope.reqIdentifier,
          msgIncr: envelope.msgIncr,
        });
        return;
      }
      if (envelope.errCode !== 0) {
        request.reject(new ServerResponseError(envelope.errCode, envelope.errMsg, request.reqIdentifier, request.operationID));
      } else request.resolve(envelope.data);
      return;
    }
    switch (envelope.reqIdentifier) {
      case ReqIdentifier.KickOnlineMsg:
        this.logger.warn("transport: kicked by the server (2002)", { operationID: envelope.operationID });
        this.options.authGate.report(TOKEN_KICKED, "kicked offline by another login (2002 KickOnline)", "ws-kick");
        // The gate ignores a second session end, yet the socket must stop in any case.
        this.stop("kicked offline (2002)");
        return;
      case ReqIdentifier.PushMsg:
      case ReqIdentifier.SubUserOnlineStatus:
        this.events.emit("push", {
          reqIdentifier: envelope.reqIdentifier,
          operationID: envelope.operationID,
          data: envelope.data,
          generation,
        });
        return;
      default:
        this.logger.warn("transport: unsolicited frame with unknown reqIdentifier dropped", {
          reqIdentifier: envelope.reqIdentifier,
          errCode: envelope.errCode,
        });
    }
  }

  private sendPing(): void {
    const session = this.session;
    if (!session) return;
    try {
      session.send(PING_FRAME);
    } catch (err) {
      this.socketLost(session.generation, `ping failed: ${(err as Error).message}`, true);
    }
  }

  private write(request: PendingRequest): void {
    const session = this.session;
    if (!session) return;
    request.sentOn = session.generation;
    let frame: Uint8Array;
    try {
      frame = encodeRequest(
        {
          reqIdentifier: request.reqIdentifier,
          sendID: this.options.userID,
          operationID: request.operationID,
          msgIncr: request.msgIncr,
          data: request.data,
        },
        this.gzip ? this.compressor : undefined,
      );
    } catch (err) {
      this.pending.remove(request);
      request.reject(new TransportError(LocalErrorCode.ArgsError, `cannot encode request: ${(err as Error).message}`, request.reqIdentifier, request.operationID));
      return;
    }
    if (frame.length > this.maxFrameBytes) {
      this.pending.remove(request);
      request.reject(
        new TransportError(
          LocalErrorCode.ArgsError,
          `request frame is ${frame.length} bytes, over the gateway's ${this.maxFrameBytes}-byte limit; send large content through object storage`,
          request.reqIdentifier,
          request.operationID,
        ),
      );
      return;
    }
    try {
      session.send(frame);
    } catch (err) {
      this.socketLost(session.generation, `send failed: ${(err as Error).message}`, true);
    }
  }

  private socketLost(generation: number, why: string, abrupt: boolean): void {
    if (!this.isCurrent(generation, `loss report (${why})`)) return;
    if (this.closingReason !== undefined) {
      this.stop(this.closingReason);
      return;
    }
    const wasConnected = this.currentState === "connected";
    this.heartbeat.stop();
    this.session?.close(why, abrupt);
    this.session = undefined;
    this.pending.failSentOn(generation, (r) => new ConnectionLostError(r.reqIdentifier, r.operationID, why));
    this.logger.warn("transport: socket lost", { generation, why, wasConnected });
    if (wasConnected) this.events.emit("disconnected", why);
    else this.events.emit("connectFailed", LocalErrorCode.NetworkError, why, new TransportError(LocalErrorCode.NetworkError, why));
    this.scheduleReconnect();
  }

  private connectFailed(generation: number, errCode: number, why: string): void {
    if (generation !== this.generationCounter) return;
    this.session = undefined;
    this.logger.warn("transport: connect failed", { why });
    this.events.emit("connectFailed", errCode, why, new TransportError(errCode, why));
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.currentState === "stopped") return;
    this.setState("waiting");
    const delay = this.reconnect.schedule();
    this.logger.info("transport: reconnect scheduled", { delayMs: delay });
  }

  private onAuthFailure(failure: AuthFailure): void {
    this.stop(`${failure.kind} (errCode ${failure.errCode} from ${failure.source})`);
  }

  private setState(state: ConnectionState): void {
    if (this.currentState === state) return;
    this.currentState = state;
    this.events.emit("stateChanged", state);
  }

  /**
   * Browser `online` → networkStatusChanged(). A page becoming visible again gets the same
   * treatment: after a sleep or a long hidden period the socket is often dead without knowing.
   */
  private watchBrowserOnline(): void {
    type Target = { addEventListener?(type: string, fn: () => void): void; removeEventListener?(type: string, fn: () => void): void };
    const g = globalThis as unknown as Target & { document?: Target & { visibilityState?: string } };
    const listen = (target: Target | undefined, type: string, fn: () => void): void => {
      if (typeof target?.addEventListener !== "function" || typeof target.removeEventListener !== "function") return;
      target.addEventListener(type, fn);
      this.detachers.push(() => target.removeEventListener?.(type, fn));
    };
    listen(g, "online", () => this.networkStatusChanged());
    listen(g.document, "visibilitychange", () => {
      if (g.document?.visibilityState === "visible") this.networkStatusChanged();
    });
  }
}

function requireString(name: string, value: unknown): void {
  if (typeof value !== "string" || value === "") {
    throw new TypeError(`${name} is required (a non-empty string), got ${JSON.stringify(value)}`);
  }
}
