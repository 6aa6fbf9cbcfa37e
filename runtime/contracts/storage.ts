// The storage-driver contract: what generated DAOs call and what every driver (sql.js,
// better-sqlite3) implements. Synchronous on purpose: both engines are synchronous, and a
// bulk upsert must run in one transaction with one reused prepared statement.
// Parameters are positional (`?`), in the order the SQL names them.

/** A value SQLite can bind or return. Int64 columns (seqs, times) are plain numbers. */
export type SqlValue = string | number | null | Uint8Array;

export type SqlRow = Record<string, SqlValue>;

export interface RunResult {
  /** Rows inserted, updated or deleted by the statement. */
  changes: number;
}

/** A compiled statement. Callers that prepare one must `free()` it (drivers also free all on close). */
export interface PreparedStatement {
  run(params?: readonly SqlValue[]): RunResult;
  get(params?: readonly SqlValue[]): SqlRow | undefined;
  all(params?: readonly SqlValue[]): SqlRow[];
  free(): void;
}

export interface StorageDriver {
  /** Driver name for logs and benchmarks, e.g. "sql.js" or "better-sqlite3". */
  readonly name: string;
  /** Run one or more statements without parameters (DDL). */
  exec(sql: string): void;
  prepare(sql: string): PreparedStatement;
  /** Convenience for one-shot statements: prepare, run, free. */
  run(sql: string, params?: readonly SqlValue[]): RunResult;
  get(sql: string, params?: readonly SqlValue[]): SqlRow | undefined;
  all(sql: string, params?: readonly SqlValue[]): SqlRow[];
  /**
   * Run `fn` in one transaction: commit when it returns, roll back when it throws (and rethrow).
   * Nested calls join the outer transaction.
   */
  transaction<T>(fn: () => T): T;
  /** Bumped after every committed write; persistence adapters use it to coalesce snapshots. */
  readonly writeVersion: number;
  close(): void;
}

/** Thrown by drivers for every engine failure, with the SQL that failed (never silent). */
export class StorageError extends Error {
  override readonly name = "StorageError";
  constructor(
    message: string,
    readonly sql?: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
