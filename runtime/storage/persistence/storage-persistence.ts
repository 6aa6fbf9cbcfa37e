// A database's persistence: where its snapshots and its journal live. Built by the factory of
// the host platform (nodeFilePersistence, indexedDbPersistence, memoryPersistence) so that
// openDatabase itself imports nothing platform-specific.
import type { JournalStore } from "../journal-stores/journal-store.js";
import type { SnapshotStore } from "./snapshot-store.js";

export interface StoragePersistence {
  snapshots: SnapshotStore;
  journal: JournalStore;
}
