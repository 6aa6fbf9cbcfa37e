// Transaction nesting and write-version bookkeeping shared by both drivers.
// The outermost call runs BEGIN/COMMIT; nested calls run inside SAVEPOINTs so an inner failure
// that the outer code catches undoes only the inner work, while a successful inner call simply
// joins the outer transaction. The version is bumped once per committed write, which is what
// the snapshot scheduler coalesces on.
import { StorageError } from "../contracts/storage.js";

/** Runs one transaction-control statement (BEGIN, COMMIT, SAVEPOINT x, …) on the engine. */
export type ControlRunner = (sql: string) => void;

export class TransactionScope {
  private depth = 0;
  private pendingWrite = false;
  private version = 0;
  private readonly listeners = new Set<(version: number) => void>();

  constructor(private readonly control: ControlRunner) {}

  get writeVersion(): number {
    return this.version;
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /** Subscribe to committed writes; returns the unsubscribe function. */
  onCommittedWrite(listener: (version: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called by statements that may have changed data. */
  markWrite(): void {
    if (this.depth > 0) this.pendingWrite = true;
    else this.bump();
  }

  run<T>(fn: () => T): T {
    return this.depth === 0 ? this.runOutermost(fn) : this.runNested(fn);
  }

  private runOutermost<T>(fn: () => T): T {
    this.control("BEGIN");
    this.depth = 1;
    this.pendingWrite = false;
    let result: T;
    try {
      result = fn();
      rejectAsync(result);
      this.control("COMMIT");
    } catch (err) {
      this.depth = 0;
      this.pendingWrite = false;
      this.rollbackQuietly("ROLLBACK");
      throw err;
    }
    this.depth = 0;
    if (this.pendingWrite) {
      this.pendingWrite = false;
      this.bump();
    }
    return result;
  }

  private runNested<T>(fn: () => T): T {
    const name = `sp_${this.depth}`;
    this.control(`SAVEPOINT ${name}`);
    this.depth++;
    try {
      const result = fn();
      rejectAsync(result);
      this.control(`RELEASE ${name}`);
      return result;
    } catch (err) {
      this.rollbackQuietly(`ROLLBACK TO ${name}`);
      this.rollbackQuietly(`RELEASE ${name}`);
      throw err;
    } finally {
      this.depth--;
    }
  }

  // A failed rollback (SQLite may already have rolled back, e.g. on SQLITE_FULL) must not hide
  // the error that caused it.
  private rollbackQuietly(sql: string): void {
    try {
      this.control(sql);
    } catch {
      /* the original error is rethrown by the caller */
    }
  }

  private bump(): void {
    this.version++;
    for (const listener of this.listeners) listener(this.version);
  }
}

function rejectAsync(result: unknown): void {
  if (result !== null && typeof result === "object" && typeof (result as { then?: unknown }).then === "function") {
    throw new StorageError(
      "transaction callback returned a Promise; transactions are synchronous — do the async work " +
        "before calling transaction() and pass only synchronous statements",
    );
  }
}
