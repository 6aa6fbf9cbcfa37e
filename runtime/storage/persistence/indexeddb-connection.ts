// The one IndexedDB database the SDK uses: a store for snapshots and one for journal entries.
import { StorageError } from "../../contracts/storage.js";

export const SNAPSHOT_STORE = "snapshots";
export const JOURNAL_STORE = "journal";
const SCHEMA_VERSION = 1;

export function openIdb(name: string, factory: IDBFactory | undefined): Promise<IDBDatabase> {
  if (!factory) {
    return Promise.reject(
      new StorageError("IndexedDB is not available in this environment; use the memory or node-file persistence"),
    );
  }
  return new Promise((resolve, reject) => {
    const request = factory.open(name, SCHEMA_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(SNAPSHOT_STORE)) db.createObjectStore(SNAPSHOT_STORE);
      if (!db.objectStoreNames.contains(JOURNAL_STORE)) db.createObjectStore(JOURNAL_STORE);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the schema must not be blocked by our long-lived connection.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () =>
      reject(new StorageError(`could not open IndexedDB "${name}": ${request.error?.message ?? "unknown error"}`, undefined, request.error));
    request.onblocked = () =>
      reject(new StorageError(`IndexedDB "${name}" is blocked by another tab holding an old version; close other tabs`));
  });
}

export function idbRequest<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new StorageError(`IndexedDB request failed: ${request.error?.message ?? "unknown"}`, undefined, request.error));
  });
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
