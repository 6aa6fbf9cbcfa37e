// The durable journal: for writes the server cannot give back (outbox rows, drafts, local-only
// fields), snapshots alone are not enough — a crash between two snapshots would lose them.
//
// An entry is a list of `{ sql, params }` statements applied together in one transaction. The
// journal applies it to the database AND makes it durable before append() settles:
//   - synchronous stores (Node file, memory): inside the same transaction — BEGIN, apply,
//     record seq, append+fsync, COMMIT. A failed append rolls the transaction back, so the
//     database and the journal never disagree. (A crash between the fsync and COMMIT replays an
//     entry whose append() never returned — the caller could not have relied on either outcome.)
//   - asynchronous stores (IndexedDB): apply and commit, then await the durable put. If the put
//     fails, the change stays in memory but append() rejects and onError fires (the caller is
//     told it is not durable).
// Each entry carries a seq; the last applied seq is stored in the database itself (table
// _journal_state), so a snapshot knows which entries it already contains. Replay on open applies
// only entries newer than that — replay is idempotent whatever the SQL is. After a snapshot
// is saved, the entries it covers are truncated from the store.
import { StorageError, type SqlValue, type StorageDriver } from "../contracts/storage.js";
import type { JournalStore } from "./journal-stores/journal-store.js";
import { checkParams } from "./sql-values.js";
import type { TransactionState } from "./storage-capabilities.js";

export interface JournalOp {
  sql: string;
  params?: readonly SqlValue[];
}

export interface JournalReplayReport {
  /** Entries applied during open (newer than the snapshot). */
  replayed: number;
  /** Entries already contained in the snapshot. */
  skipped: number;
  /** Bytes of a torn tail (crash mid-append) that were dropped. */
  droppedBytes: number;
  /** Entries that no longer apply (reported through onError, then skipped). */
  failed: number;
}

export interface JournalOptions {
  onError?: (error: StorageError) => void;
}

const STATE_DDL =
  "CREATE TABLE IF NOT EXISTS _journal_state (id INTEGER PRIMARY KEY CHECK (id = 1), applied_seq INTEGER NOT NULL)";
const SET_APPLIED = "INSERT INTO _journal_state (id, applied_seq) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET applied_seq = excluded.applied_seq";

export class Journal {
  private nextSeq: number;
  private appliedSeq: number;
  private closed = false;

  private constructor(
    private readonly driver: StorageDriver & Partial<TransactionState>,
    private readonly store: JournalStore,
    private readonly options: JournalOptions,
    appliedSeq: number,
    lastStoredSeq: number,
  ) {
    this.appliedSeq = appliedSeq;
    this.nextSeq = Math.max(appliedSeq, lastStoredSeq) + 1;
  }

  /** Opens the journal over a driver already loaded from the latest snapshot, replaying what the snapshot lacks. */
  static async open(
    driver: StorageDriver & Partial<TransactionState>,
    store: JournalStore,
    options: JournalOptions = {},
  ): Promise<{ journal: Journal; report: JournalReplayReport }> {
    driver.exec(STATE_DDL);
    const appliedSeq = Number(driver.get("SELECT applied_seq FROM _journal_state WHERE id = 1")?.["applied_seq"] ?? 0);
    const { records, droppedBytes } = await store.readAll();
    const report: JournalReplayReport = { replayed: 0, skipped: 0, droppedBytes, failed: 0 };
    let applied = appliedSeq;
    for (const record of records) {
      if (record.seq <= applied) {
        report.skipped++;
        continue;
      }
      try {
        const ops = decodeEntry(record.payload, store.location, record.seq);
        driver.transaction(() => applyOps(driver, ops, record.seq));
        report.replayed++;
      } catch (err) {
        // An entry that cannot apply must not brick the database; it is reported, never dropped silently.
        report.failed++;
        options.onError?.(
          new StorageError(`journal entry ${record.seq} from ${store.location} could not be replayed and was skipped: ${(err as Error).message}`, undefined, err),
        );
        driver.run(SET_APPLIED, [record.seq]);
      }
      applied = record.seq;
    }
    const journal = new Journal(driver, store, options, applied, records.at(-1)?.seq ?? 0);
    return { journal, report };
  }

  /** Seq of the last entry applied to the database: everything a snapshot exported now contains. */
  get coveredSeq(): number {
    return this.appliedSeq;
  }

  /**
   * Applies `ops` in one transaction and makes them durable; resolves with the entry's seq
   * once they would survive a crash. Rejects (and nothing is applied, for synchronous stores)
   * if the SQL fails or the journal cannot be written.
   */
  async append(ops: readonly JournalOp[]): Promise<number> {
    this.checkAppendable(ops);
    const seq = this.nextSeq++;
    const payload = encodeEntry(ops);
    const appendSync = this.store.appendSync?.bind(this.store);
    try {
      if (appendSync) {
        this.driver.transaction(() => {
          applyOps(this.driver, ops, seq);
          appendSync({ seq, payload });
        });
        this.appliedSeq = seq;
        return seq;
      }
      this.driver.transaction(() => applyOps(this.driver, ops, seq));
      this.appliedSeq = seq;
    } catch (err) {
      throw this.report(err);
    }
    try {
      await this.store.append({ seq, payload });
    } catch (err) {
      throw this.report(err);
    }
    return seq;
  }

  /** Drops entries a durable snapshot now contains. */
  async truncateThrough(seq: number): Promise<void> {
    if (this.closed || seq <= 0) return;
    await this.store.truncateThrough(seq);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.store.close();
  }

  private checkAppendable(ops: readonly JournalOp[]): void {
    if (this.closed) throw new StorageError("journal is closed; open the database again");
    if (this.driver.inTransaction) {
      throw new StorageError(
        "journal.append() called inside a transaction; the outer transaction could still roll back " +
          "what the journal already made durable — call append() outside transaction()",
      );
    }
    if (!Array.isArray(ops) || ops.length === 0) {
      throw new StorageError("journal.append() needs a non-empty array of { sql, params } statements");
    }
    for (const op of ops) {
      if (typeof op?.sql !== "string" || op.sql.trim() === "") {
        throw new StorageError("journal.append(): every statement needs a non-empty `sql` string");
      }
      if (op.params !== undefined) checkParams(op.params, op.sql);
    }
  }

  private report(err: unknown): StorageError {
    const error = err instanceof StorageError ? err : new StorageError(`journal append failed: ${(err as Error)?.message ?? String(err)}`, undefined, err);
    this.options.onError?.(error);
    return error;
  }
}

function applyOps(driver: StorageDriver, ops: readonly JournalOp[], seq: number): void {
  for (const op of ops) driver.run(op.sql, op.params ?? []);
  driver.run(SET_APPLIED, [seq]);
}

// Payload: UTF-8 JSON `[{"sql": "...", "params": [...]}, ...]`; a Uint8Array parameter is
// written as {"b64": "..."} (no other parameter is an object).
function encodeEntry(ops: readonly JournalOp[]): Uint8Array {
  const plain = ops.map((op) => ({ sql: op.sql, params: (op.params ?? []).map(encodeValue) }));
  return new TextEncoder().encode(JSON.stringify(plain));
}

function decodeEntry(payload: Uint8Array, location: string, seq: number): JournalOp[] {
  try {
    const plain = JSON.parse(new TextDecoder().decode(payload)) as { sql: string; params: unknown[] }[];
    return plain.map((op) => ({ sql: op.sql, params: op.params.map(decodeValue) }));
  } catch (err) {
    // The frame checksum matched, so this is a writer bug or a foreign file, not a torn write.
    throw new StorageError(`journal entry ${seq} in ${location} is not a valid entry: ${(err as Error).message}`, undefined, err);
  }
}

function encodeValue(value: SqlValue): unknown {
  if (!(value instanceof Uint8Array)) return value;
  let binary = "";
  for (let i = 0; i < value.length; i++) binary += String.fromCharCode(value[i]!);
  return { b64: btoa(binary) };
}

function decodeValue(value: unknown): SqlValue {
  if (value !== null && typeof value === "object") {
    const binary = atob((value as { b64: string }).b64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  return value as SqlValue;
}
