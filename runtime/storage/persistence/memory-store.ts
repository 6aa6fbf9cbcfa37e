// Snapshots kept in process memory: for tests and for sessions that must not touch disk.
// Pass the same `shelf` to two stores to simulate a reload within one process.
import { MemoryJournalStore } from "../journal-stores/memory-journal-store.js";
import type { SnapshotStore } from "./snapshot-store.js";
import type { StoragePersistence } from "./storage-persistence.js";

export class MemorySnapshotStore implements SnapshotStore {
  readonly location: string;
  saves = 0;

  constructor(
    private readonly key = "default",
    private readonly shelf: Map<string, Uint8Array> = new Map(),
  ) {
    this.location = `memory:${key}`;
  }

  async load(): Promise<Uint8Array | null> {
    const bytes = this.shelf.get(this.key);
    return bytes ? bytes.slice() : null;
  }

  async save(snapshot: Uint8Array): Promise<void> {
    this.shelf.set(this.key, snapshot.slice());
    this.saves++;
  }
}

/** Snapshots on `shelf` (share it to simulate a reload), journal in memory. Nothing survives the process. */
export function memoryPersistence(name: string, shelf?: Map<string, Uint8Array>): StoragePersistence {
  return { snapshots: new MemorySnapshotStore(name, shelf), journal: new MemoryJournalStore() };
}
