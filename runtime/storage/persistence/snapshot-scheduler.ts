// Coalesces snapshots: after a committed write it waits `intervalMs`, then exports once and
// saves, however many writes happened meanwhile — never one whole-database export per write.
// flush() (on logout/close) saves right away. A failed save is reported to onError, kept
// dirty and retried with growing back-off; flush() rejects with the same error.
import { StorageError } from "../../contracts/storage.js";
import type { SnapshotSource } from "../storage-capabilities.js";
import type { SnapshotStore } from "./snapshot-store.js";

export interface SnapshotSchedulerOptions {
  source: SnapshotSource;
  store: SnapshotStore;
  /** Delay between the first unsaved write and its snapshot; at most one export per interval. Default 1000 ms. */
  intervalMs?: number;
  /** Upper bound of the retry back-off after failed saves. Default 30 s. */
  maxRetryMs?: number;
  /**
   * Taken synchronously right before each export; handed to afterSave once that snapshot is
   * durable. The journal uses it to learn which of its entries the snapshot covers.
   */
  captureMark?: () => number;
  afterSave?: (mark: number) => Promise<void> | void;
  /** Every save failure, background or not. */
  onError?: (error: StorageError) => void;
}

export interface SnapshotStats {
  exports: number;
  saves: number;
  failures: number;
  lastSaveMs: number;
}

export class SnapshotScheduler {
  readonly stats: SnapshotStats = { exports: 0, saves: 0, failures: 0, lastSaveMs: 0 };
  private savedVersion: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private consecutiveFailures = 0;
  private closed = false;
  private readonly unsubscribe: () => void;
  private readonly intervalMs: number;
  private readonly maxRetryMs: number;

  constructor(private readonly options: SnapshotSchedulerOptions) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.maxRetryMs = options.maxRetryMs ?? 30_000;
    this.savedVersion = options.source.writeVersion;
    this.unsubscribe = options.source.onCommittedWrite(() => this.schedule(this.intervalMs));
  }

  /** True while committed writes are not yet in a saved snapshot. */
  get dirty(): boolean {
    return this.options.source.writeVersion !== this.savedVersion;
  }

  /** Treat the current state as unsaved (e.g. after a journal replay) and schedule a snapshot. */
  markDirty(): void {
    this.savedVersion = -1;
    this.schedule(this.intervalMs);
  }

  /** Save now (waiting for a save in flight first). Rejects if the save fails. */
  flush(): Promise<void> {
    this.clearTimer();
    const run = this.chain.then(() => this.saveIfDirty());
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Flush, then stop scheduling. Rejects (after stopping) if the final save fails. */
  async close(): Promise<void> {
    if (this.closed) return this.chain;
    try {
      await this.flush();
    } finally {
      this.closed = true;
      this.clearTimer();
      this.unsubscribe();
    }
  }

  private schedule(delayMs: number): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.chain = this.chain
        .then(() => this.saveIfDirty())
        .catch(() => undefined) // already reported through onError
        .then(() => {
          if (this.dirty) this.schedule(this.retryDelay());
        });
    }, delayMs);
    // A pending snapshot must not keep a Node process alive; close()/flush() is the durable path.
    (this.timer as { unref?: () => void }).unref?.();
  }

  private retryDelay(): number {
    if (this.consecutiveFailures === 0) return this.intervalMs;
    return Math.min(this.maxRetryMs, this.intervalMs * 2 ** this.consecutiveFailures);
  }

  private async saveIfDirty(): Promise<void> {
    const { source, store } = this.options;
    const version = source.writeVersion;
    if (version === this.savedVersion) return;
    try {
      const mark = this.options.captureMark?.() ?? 0;
      const started = performance.now();
      const bytes = source.exportSnapshot();
      this.stats.exports++;
      await store.save(bytes);
      this.stats.saves++;
      this.stats.lastSaveMs = performance.now() - started;
      this.savedVersion = version;
      this.consecutiveFailures = 0;
      await this.options.afterSave?.(mark);
    } catch (err) {
      this.consecutiveFailures++;
      this.stats.failures++;
      const error =
        err instanceof StorageError
          ? err
          : new StorageError(`snapshot save to ${store.location} failed: ${(err as Error)?.message ?? String(err)}`, undefined, err);
      this.options.onError?.(error);
      throw error;
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
