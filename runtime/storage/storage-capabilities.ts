// Capabilities some drivers have beyond the StorageDriver contract. Kept out of the contract so
// generated DAOs stay engine-agnostic; persistence and tests use them.

/** A driver whose whole database lives in memory and can be copied out as SQLite file bytes. */
export interface SnapshotSource {
  readonly writeVersion: number;
  exportSnapshot(): Uint8Array;
  /** Subscribe to committed writes; returns the unsubscribe function. */
  onCommittedWrite(listener: (version: number) => void): () => void;
}

/** Whether a transaction() call is running; the journal refuses to append inside one. */
export interface TransactionState {
  readonly inTransaction: boolean;
}

export interface StorageDiagnostics {
  /** Statements prepared through the driver and not yet freed (transaction controls excluded). */
  readonly liveStatementCount: number;
}

export function isSnapshotSource(value: object): value is SnapshotSource {
  return typeof (value as Partial<SnapshotSource>).exportSnapshot === "function";
}
