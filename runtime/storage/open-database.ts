// One call that opens a user's database the durable way:
//   load snapshot → open driver → migrate → replay journal → start coalesced snapshots.
// close() (logout) flushes a final snapshot, truncates the journal it covers, and releases all.
// Node-only modules (node:fs, better-sqlite3) are imported lazily so a browser bundle of this
// file never pulls them in (bundlers should still mark `node:*` and better-sqlite3 external).
import { StorageError, type StorageDriver } from "../contracts/storage.js";
import { openSqlJsDriver, type SqlJsDriver } from "./sqljs-driver.js";
import type { SqlJsLoadOptions } from "./sqljs-module.js";
import { Journal, type JournalReplayReport } from "./journal.js";
import type { JournalStore } from "./journal-stores/journal-store.js";
import { MemoryJournalStore } from "./journal-stores/memory-journal-store.js";
import { IndexedDbJournalStore } from "./journal-stores/indexeddb-journal-store.js";
import { CommitIsDurableJournalStore } from "./journal-stores/commit-is-durable-store.js";
import type { SnapshotStore } from "./persistence/snapshot-store.js";
import { MemorySnapshotStore } from "./persistence/memory-store.js";
import { IndexedDbSnapshotStore } from "./persistence/indexeddb-store.js";
import { SnapshotScheduler } from "./persistence/snapshot-scheduler.js";

export type PersistenceChoice =
  /** Nothing survives the process; `shelf` can be shared to simulate a reload in tests. */
  | { kind: "memory"; shelf?: Map<string, Uint8Array> }
  /** `<dir>/<name>.sqlite` snapshots plus `<dir>/<name>.sqlite.journal`. */
  | { kind: "node-file"; dir: string }
  /** Browser: snapshots and journal in IndexedDB database `idbName` (default "openim-sdk"). */
  | { kind: "indexeddb"; idbName?: string }
  /** Bring your own stores (tests, exotic hosts). */
  | { kind: "custom"; snapshots: SnapshotStore; journal: JournalStore };

export interface OpenDatabaseOptions {
  /** Database name, typically per user (e.g. the userID); used for file names and storage keys. */
  name: string;
  /** "sql.js" (default; in memory, persisted by snapshots) or "better-sqlite3" (Node, file-backed). */
  engine?: "sql.js" | "better-sqlite3";
  persistence: PersistenceChoice;
  sqljs?: SqlJsLoadOptions;
  /** Coalescing interval for snapshots (sql.js only). Default 1000 ms. */
  snapshotIntervalMs?: number;
  /** Schema setup run after loading and before the journal replays (journal entries target the current schema). */
  migrate?: (driver: StorageDriver) => void;
  /** Every storage failure that is not thrown to a caller right away (background snapshots, replay). */
  onStorageError?: (error: StorageError) => void;
}

export interface OpenedDatabase {
  driver: StorageDriver;
  journal: Journal;
  /** The snapshot scheduler, or null for file-backed engines that need none. */
  persistence: SnapshotScheduler | null;
  replay: JournalReplayReport;
  /** Save a snapshot now (if anything changed). Rejects if it cannot be saved. */
  flush(): Promise<void>;
  /** Flush, then release everything. Rejects if the final flush fails (the journal still holds the data). */
  close(): Promise<void>;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  if (typeof options.name !== "string" || options.name.trim() === "") {
    throw new StorageError("openDatabase: `name` must be a non-empty string (e.g. the user ID)");
  }
  return (options.engine ?? "sql.js") === "better-sqlite3" ? openFileBacked(options) : openSnapshotted(options);
}

async function openSnapshotted(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const { snapshots, journal: journalStore } = await storesFor(options);
  const snapshot = await snapshots.load();
  const driver: SqlJsDriver = await openSqlJsDriver({ ...options.sqljs, snapshot });
  try {
    options.migrate?.(driver);
    const { journal, report } = await Journal.open(driver, journalStore, { onError: options.onStorageError });
    const scheduler = new SnapshotScheduler({
      source: driver,
      store: snapshots,
      intervalMs: options.snapshotIntervalMs,
      captureMark: () => journal.coveredSeq,
      afterSave: (mark) => journal.truncateThrough(mark),
      onError: options.onStorageError,
    });
    // Replayed entries are only in the journal; snapshot them soon so the journal shrinks.
    if (report.replayed > 0 || report.failed > 0) scheduler.markDirty();
    return {
      driver,
      journal,
      persistence: scheduler,
      replay: report,
      flush: () => scheduler.flush(),
      close: async () => {
        try {
          await scheduler.close();
        } finally {
          await journal.close();
          driver.close();
        }
      },
    };
  } catch (err) {
    driver.close();
    await journalStore.close();
    throw err;
  }
}

async function openFileBacked(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  if (options.persistence.kind !== "node-file") {
    throw new StorageError('openDatabase: the better-sqlite3 engine needs persistence { kind: "node-file", dir }');
  }
  const { openBetterSqlite3Driver } = await import("./better-sqlite3-driver.js");
  const path = joinPath(options.persistence.dir, `${fileSafe(options.name)}.db`);
  const driver = await openBetterSqlite3Driver({ path, synchronous: "FULL" });
  try {
    options.migrate?.(driver);
    const { journal, report } = await Journal.open(driver, new CommitIsDurableJournalStore(path), {
      onError: options.onStorageError,
    });
    return {
      driver,
      journal,
      persistence: null,
      replay: report,
      flush: async () => {},
      close: async () => {
        await journal.close();
        driver.close();
      },
    };
  } catch (err) {
    driver.close();
    throw err;
  }
}

async function storesFor(options: OpenDatabaseOptions): Promise<{ snapshots: SnapshotStore; journal: JournalStore }> {
  const p = options.persistence;
  switch (p.kind) {
    case "memory":
      return { snapshots: new MemorySnapshotStore(options.name, p.shelf), journal: new MemoryJournalStore() };
    case "node-file": {
      const { NodeFileSnapshotStore } = await import("./persistence/node-file-store.js");
      const { NodeFileJournalStore } = await import("./journal-stores/node-file-journal-store.js");
      const path = joinPath(p.dir, `${fileSafe(options.name)}.sqlite`);
      return { snapshots: new NodeFileSnapshotStore(path), journal: new NodeFileJournalStore(`${path}.journal`) };
    }
    case "indexeddb":
      return {
        snapshots: new IndexedDbSnapshotStore(options.name, p.idbName),
        journal: new IndexedDbJournalStore(options.name, p.idbName),
      };
    case "custom":
      return { snapshots: p.snapshots, journal: p.journal };
    default:
      throw new StorageError(`openDatabase: unknown persistence kind ${JSON.stringify((p as { kind?: unknown }).kind)}; use memory, node-file, indexeddb or custom`);
  }
}

function joinPath(dir: string, file: string): string {
  return `${dir.replace(/[\\/]+$/, "")}/${file}`;
}

// User IDs may hold characters file systems reject; encode them rather than fail or collide.
function fileSafe(name: string): string {
  return encodeURIComponent(name).replace(/\*/g, "%2A").replace(/^\./, "%2E");
}
