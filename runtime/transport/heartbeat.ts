// Keeps a socket alive and detects one that went silent.
//
// Every `intervalMs` (default 20 s, under the gateway's 30 s read deadline) a text
// `{"type":"ping"}` is sent — the only keep-alive a browser can send. Each ping arms a
// watchdog of `pongTimeoutMs` (default 10 s): if no frame at all (pong, response or push)
// arrives before it fires, the socket is declared dead and `onDead` runs. A half-open socket
// is therefore detected at most intervalMs + pongTimeoutMs (30 s by default) after the last
// frame it delivered. Timers come from `Timers`, worker-backed in browsers (see timers.ts).

import type { Cancel, Timers } from "./timers.js";

export interface HeartbeatOptions {
  intervalMs?: number;
  pongTimeoutMs?: number;
}

export const DEFAULT_HEARTBEAT = { intervalMs: 20_000, pongTimeoutMs: 10_000 } as const;

export class Heartbeat {
  private stopTicker: Cancel | undefined;
  private stopWatchdog: Cancel | undefined;
  readonly intervalMs: number;
  readonly pongTimeoutMs: number;

  constructor(
    private readonly timers: Timers,
    private readonly sendPing: () => void,
    private readonly onDead: () => void,
    options: HeartbeatOptions = {},
  ) {
    this.intervalMs = positive("heartbeat.intervalMs", options.intervalMs ?? DEFAULT_HEARTBEAT.intervalMs);
    this.pongTimeoutMs = positive("heartbeat.pongTimeoutMs", options.pongTimeoutMs ?? DEFAULT_HEARTBEAT.pongTimeoutMs);
  }

  start(): void {
    this.stop();
    this.stopTicker = this.timers.setInterval(() => this.tick(), this.intervalMs);
  }

  /** Any inbound frame proves the socket is alive. */
  alive(): void {
    this.stopWatchdog?.();
    this.stopWatchdog = undefined;
  }

  stop(): void {
    this.stopTicker?.();
    this.stopTicker = undefined;
    this.alive();
  }

  /** Ping now and arm the watchdog (the network changed; the socket may be dead). */
  probe(): void {
    this.tick();
  }

  private tick(): void {
    this.sendPing();
    // A watchdog already armed keeps its earlier deadline: silence is measured from the first
    // unanswered ping, not pushed back by every new one.
    this.stopWatchdog ??= this.timers.setTimeout(() => {
      this.stop();
      this.onDead();
    }, this.pongTimeoutMs);
  }
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number of ms, got ${value}`);
  return value;
}
