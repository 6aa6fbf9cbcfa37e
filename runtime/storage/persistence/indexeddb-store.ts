// Snapshot in IndexedDB (browser): one object store, one key per database name. A single put
// is atomic in IndexedDB, so a reload sees either the old or the new snapshot.
import { StorageError } from "../../contracts/storage.js";
import { IndexedDbJournalStore } from "../journal-stores/indexeddb-journal-store.js";
import type { SnapshotStore } from "./snapshot-store.js";
import type { StoragePersistence } from "./storage-persistence.js";
import { idbRequest, openIdb, SNAPSHOT_STORE, transactionDone } from "./indexeddb-connection.js";

/** Snapshot and journal of database `name` in IndexedDB database `idbName`. */
export function indexedDbPersistence(name: string, idbName = "openim-sdk", factory: IDBFactory | undefined = globalThis.indexedDB): StoragePersistence {
  return {
    snapshots: new IndexedDbSnapshotStore(name, idbName, factory),
    journal: new IndexedDbJournalStore(name, idbName, factory),
  };
}

export class IndexedDbSnapshotStore implements SnapshotStore {
  readonly location: string;

  constructor(
    private readonly key: string,
    private readonly idbName = "openim-sdk",
    private readonly factory: IDBFactory | undefined = globalThis.indexedDB,
  ) {
    this.location = `indexeddb:${idbName}/${key}`;
  }

  async load(): Promise<Uint8Array | null> {
    const db = await openIdb(this.idbName, this.factory);
    try {
      const tx = db.transaction(SNAPSHOT_STORE, "readonly");
      const value = await idbRequest(tx.objectStore(SNAPSHOT_STORE).get(this.key));
      if (value === undefined) return null;
      if (!(value instanceof Uint8Array)) {
        throw new StorageError(`snapshot at ${this.location} is not bytes; delete it to start over`);
      }
      return value;
    } finally {
      db.close();
    }
  }

  async save(snapshot: Uint8Array): Promise<void> {
    const db = await openIdb(this.idbName, this.factory);
    try {
      const tx = db.transaction(SNAPSHOT_STORE, "readwrite");
      tx.objectStore(SNAPSHOT_STORE).put(snapshot, this.key);
      await transactionDone(tx, this.location);
    } finally {
      db.close();
    }
  }
}
