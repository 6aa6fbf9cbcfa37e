// Reconnect scheduling: jittered exponential back-off.
//
// delay(n) = min(500 ms × 2^n, 16 s) × (1 ± 30 %), n = failed attempts since the last
// successful handshake — about 0.5, 1, 2, 4, 8, 16, 16, … s. The jitter spreads a
// server restart's reconnect storm. Unlike the Go SDK (1,2,4,8,16 s then back to 1 s) the delay
// stays at the cap while the server keeps failing. `retryNow()` (networkStatusChanged, the
// browser `online` event) skips the wait: the network just changed, so waiting is pointless.

import type { Cancel, Timers } from "./timers.js";

export interface BackoffOptions {
  /** First delay, ms. Default 500. */
  baseMs?: number;
  /** Upper bound before jitter, ms. Default 16000. */
  maxMs?: number;
  /** Relative jitter in [0, 1). Default 0.3 (±30 %). */
  jitter?: number;
  /** Source of randomness in [0, 1); tests pin it. */
  random?: () => number;
}

export function backoffDelay(failures: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 500;
  const max = options.maxMs ?? 16_000;
  const jitter = options.jitter ?? 0.3;
  const random = options.random ?? Math.random;
  // Cap the exponent too, so 2^n never overflows into Infinity on a very long outage.
  const raw = Math.min(base * 2 ** Math.min(failures, 30), max);
  return Math.max(0, Math.round(raw * (1 + jitter * (2 * random() - 1))));
}

/** Runs `attempt` after the back-off delay; at most one pending attempt at a time. */
export class ReconnectScheduler {
  private failures = 0;
  private cancelPending: Cancel | undefined;

  constructor(
    private readonly timers: Timers,
    private readonly attempt: () => void,
    private readonly options: BackoffOptions = {},
  ) {}

  /** After a failed or lost connection: schedule the next attempt; returns its delay. */
  schedule(): number {
    this.cancel();
    const delay = backoffDelay(this.failures, this.options);
    this.failures++;
    this.cancelPending = this.timers.setTimeout(() => {
      this.cancelPending = undefined;
      this.attempt();
    }, delay);
    return delay;
  }

  /** Attempt at once if an attempt is waiting; returns whether one was waiting. */
  retryNow(): boolean {
    if (!this.cancelPending) return false;
    this.cancel();
    this.attempt();
    return true;
  }

  get waiting(): boolean {
    return this.cancelPending !== undefined;
  }

  /** After a successful handshake. */
  reset(): void {
    this.failures = 0;
  }

  cancel(): void {
    this.cancelPending?.();
    this.cancelPending = undefined;
  }
}
