// One socket's life: upgrade, the handshake text frame, then frames until it breaks. The
// session reports to its owner tagged with its generation; the owner ignores reports from any
// generation but the current one, which is what keeps a replaced socket's late frames out.

import { decodeHandshake, decodeResponse, heartbeatType, type FrameCompressor, type HandshakeResult, type ResponseEnvelope } from "./envelope.js";
import { FrameError } from "./errors.js";
import { frameData, type SocketLike } from "./socket.js";
import type { Cancel, Timers } from "./timers.js";

export interface SessionReports {
  ready(generation: number): void;
  refused(generation: number, result: HandshakeResult): void;
  frame(generation: number, envelope: ResponseEnvelope): void;
  heartbeat(generation: number): void;
  /** Called at most once per session. */
  broken(generation: number, why: string): void;
}

export class SocketSession {
  private handshaken = false;
  private over = false;
  private cancelHandshakeTimer: Cancel | undefined;

  constructor(
    readonly generation: number,
    private readonly socket: SocketLike,
    private readonly reports: SessionReports,
    timers: Timers,
    handshakeTimeoutMs: number,
    private readonly compressor: FrameCompressor,
  ) {
    socket.binaryType = "arraybuffer";
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = (event) => this.fail(`socket closed (code ${event.code}${event.reason ? `, ${event.reason}` : ""})`);
    socket.onerror = (event) => this.fail(`socket error${describe(event)}`);
    this.cancelHandshakeTimer = timers.setTimeout(
      () => this.fail(`no handshake frame within ${handshakeTimeoutMs} ms`),
      handshakeTimeoutMs,
    );
  }

  send(frame: Uint8Array | string): void {
    this.socket.send(frame);
  }

  /** Closes without reporting; used when the owner already decided this socket is finished. */
  close(why: string, abrupt: boolean): void {
    this.finish();
    try {
      // A socket declared dead gets no closing handshake to wait for when the adapter allows it.
      if (abrupt && this.socket.terminate) this.socket.terminate();
      else this.socket.close(1000, why.slice(0, 120));
    } catch {
      // Closing an already-failed socket may throw in some adapters; it is gone either way.
    }
  }

  private receive(raw: unknown): void {
    const data = frameData(raw);
    if (data === undefined) {
      this.fail(`unsupported frame type ${Object.prototype.toString.call(raw)} (binaryType must be "arraybuffer")`);
      return;
    }
    try {
      if (typeof data === "string") this.receiveText(data);
      else this.receiveBinary(data);
    } catch (err) {
      this.fail(err instanceof FrameError ? err.message : `frame handling failed: ${String(err)}`);
    }
  }

  private receiveText(text: string): void {
    if (!this.handshaken) {
      const result = decodeHandshake(text);
      this.handshaken = true;
      this.cancelHandshakeTimer?.();
      if (result.errCode === 0) this.reports.ready(this.generation);
      else {
        this.finish();
        this.reports.refused(this.generation, result);
      }
      return;
    }
    if (heartbeatType(text)) this.reports.heartbeat(this.generation);
    else throw new FrameError(`unexpected text frame: ${text.slice(0, 80)}`);
  }

  private receiveBinary(bytes: Uint8Array): void {
    if (!this.handshaken) throw new FrameError("binary frame before the handshake result (is isMsgResp=true honoured?)");
    this.reports.frame(this.generation, decodeResponse(bytes, this.compressor));
  }

  private fail(why: string): void {
    if (this.over) return;
    this.finish();
    this.reports.broken(this.generation, why);
  }

  private finish(): void {
    this.over = true;
    this.cancelHandshakeTimer?.();
    this.cancelHandshakeTimer = undefined;
  }
}

function describe(event: unknown): string {
  const message = (event as { message?: unknown } | null)?.message;
  return typeof message === "string" && message ? `: ${message}` : "";
}
