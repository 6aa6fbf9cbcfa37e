// Journal records in IndexedDB (browser): one record per key `<name>/<seq>`, written in a
// "strict"-durability transaction so the put is flushed before it resolves.
import { StorageError } from "../../contracts/storage.js";
import { idbRequest, JOURNAL_STORE, openIdb, transactionDone } from "../persistence/indexeddb-connection.js";
import type { JournalRecord } from "./journal-frame.js";
import type { JournalReadResult, JournalStore } from "./journal-store.js";

// Zero-padded so keys sort by seq.
const SEQ_DIGITS = 16;

export class IndexedDbJournalStore implements JournalStore {
  readonly location: string;
  private db: IDBDatabase | null = null;

  constructor(
    private readonly name: string,
    private readonly idbName = "openim-sdk",
    private readonly factory: IDBFactory | undefined = globalThis.indexedDB,
  ) {
    this.location = `indexeddb:${idbName}/${name}.journal`;
  }

  async readAll(): Promise<JournalReadResult> {
    const db = await this.connection();
    const tx = db.transaction(JOURNAL_STORE, "readonly");
    const values = await idbRequest(tx.objectStore(JOURNAL_STORE).getAll(this.range()));
    const records: JournalRecord[] = [];
    for (const value of values as { seq?: unknown; payload?: unknown }[]) {
      if (typeof value?.seq !== "number" || !(value.payload instanceof Uint8Array)) {
        throw new StorageError(`journal ${this.location} holds a record that is not a journal entry; clear it to start over`);
      }
      records.push({ seq: value.seq, payload: value.payload });
    }
    return { records, droppedBytes: 0 };
  }

  async append(record: JournalRecord): Promise<void> {
    const db = await this.connection();
    const tx = db.transaction(JOURNAL_STORE, "readwrite", { durability: "strict" });
    tx.objectStore(JOURNAL_STORE).put({ seq: record.seq, payload: record.payload }, this.key(record.seq));
    await transactionDone(tx, this.location);
  }

  async truncateThrough(seq: number): Promise<void> {
    const db = await this.connection();
    const tx = db.transaction(JOURNAL_STORE, "readwrite");
    tx.objectStore(JOURNAL_STORE).delete(IDBKeyRange.bound(this.key(0), this.key(seq)));
    await transactionDone(tx, this.location);
  }

  async close(): Promise<void> {
    this.db?.close();
    this.db = null;
  }

  private async connection(): Promise<IDBDatabase> {
    this.db ??= await openIdb(this.idbName, this.factory);
    return this.db;
  }

  private key(seq: number): string {
    return `${this.name}/${String(seq).padStart(SEQ_DIGITS, "0")}`;
  }

  private range(): IDBKeyRange {
    return IDBKeyRange.bound(`${this.name}/`, `${this.name}/\uffff`);
  }
}
