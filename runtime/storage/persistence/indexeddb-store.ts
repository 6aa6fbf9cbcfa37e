// Snapshot in IndexedDB (browser): one object store, one key per database name. A single put
// is atomic in IndexedDB, so a reload sees either the old or the new snapshot.
import { StorageError } from "../../contracts/storage.js";
import type { SnapshotStore } from "./snapshot-store.js";
import { idbRequest, openIdb, SNAPSHOT_STORE } from "./indexeddb-connection.js";

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

/** Resolves when the transaction is durable-committed; rejects with the quota or abort reason. */
export function transactionDone(tx: IDBTransaction, location: string): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    const fail = () =>
      reject(
        new StorageError(
          `IndexedDB write to ${location} failed: ${tx.error?.name ?? "aborted"} ${tx.error?.message ?? ""}`.trim() +
            (tx.error?.name === "QuotaExceededError" ? "; the browser storage quota is full — free space or clear old data" : ""),
          undefined,
          tx.error,
        ),
      );
    tx.onerror = fail;
    tx.onabort = fail;
  });
}
