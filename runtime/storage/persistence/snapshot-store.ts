// Where a whole-database snapshot (SQLite file bytes) is kept between runs.

export interface SnapshotStore {
  /** Human-readable location for error messages, e.g. a file path or "indexeddb:openim/u1". */
  readonly location: string;
  /** The last saved snapshot, or null when none was ever saved. */
  load(): Promise<Uint8Array | null>;
  /** Replace the snapshot atomically: after a crash, load() returns either the old or the new one whole. */
  save(snapshot: Uint8Array): Promise<void>;
}
