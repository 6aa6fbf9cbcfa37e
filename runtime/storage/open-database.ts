// One call that opens a user's database the durable way:
//   load snapshot → open driver → migrate → replay journal → start coalesced snapshots.
// close() (logout) flushes a final snapshot, truncates the journal it covers, and releases all.
// Nothing platform-specific is imported here: persistence comes in as a StoragePersistence
// (nodeFilePersistence / indexedDbPersistence / memoryPersistence), and better-sqlite3 is
// loaded lazily, so browser bundles of this file stay free of Node modules.
import { StorageError, type StorageDriver } from "../contracts/storage.js";
import { openSqlJsDriver, type SqlJsDriver } from "./sqljs-driver.js";
import type { SqlJsLoadOptions } from "./sqljs-module.js";
import { Journal, type JournalReplayReport } from "./journal.js";
import { CommitIsDurableJournalStore } from "./journal-stores/commit-is-durable-store.js";
import type { StoragePersistence } from "./persistence/storage-persistence.js";
import { SnapshotScheduler } from "./persistence/snapshot-scheduler.js";

interface CommonOptions {
  /** Schema setup run after loading and before the journal replays (journal entries target the current schema). */
  migrate?: (driver: StorageDriver) => void;
  /** Every storage failure that is not thrown to a caller right away (background snapshots, replay). */
  onStorageError?: (error: StorageError) => void;
}

export interface SqlJsDatabaseOptions extends CommonOptions {
  engine?: "sql.js";
  /** Where snapshots and journal live, e.g. nodeFilePersistence(dir, userID). */
  persistence: StoragePersistence;
  sqljs?: SqlJsLoadOptions;
  /** Coalescing interval for snapshots. Default 1000 ms. */
  snapshotIntervalMs?: number;
}

export interface BetterSqlite3DatabaseOptions extends CommonOptions {
  engine: "better-sqlite3";
  /** The SQLite file (WAL, synchronous=FULL); it is its own persistence. */
  file: string;
}

export type OpenDatabaseOptions = SqlJsDatabaseOptions | BetterSqlite3DatabaseOptions;

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
  if (options.engine === "better-sqlite3") return openFileBacked(options);
  if (options.engine !== undefined && options.engine !== "sql.js") {
    throw new StorageError(`openDatabase: unknown engine ${JSON.stringify(options.engine)}; use "sql.js" or "better-sqlite3"`);
  }
  const p = options.persistence as Partial<StoragePersistence> | undefined;
  if (typeof p?.snapshots?.load !== "function" || typeof p.journal?.readAll !== "function") {
    throw new StorageError(
      "openDatabase: `persistence` must be { snapshots, journal } — build it with nodeFilePersistence(dir, name), " +
        "indexedDbPersistence(name) or memoryPersistence(name)",
    );
  }
  return openSnapshotted(options);
}

async function openSnapshotted(options: SqlJsDatabaseOptions): Promise<OpenedDatabase> {
  const { snapshots, journal: journalStore } = options.persistence;
  const snapshot = await snapshots.load();
  const driver: SqlJsDriver = await openSqlJsDriver({ ...options.sqljs, snapshot, snapshotLocation: snapshots.location });
  try {
    options.migrate?.(driver);
    const { journal, report } = await Journal.open(driver, journalStore, { onError: options.onStorageError });
    // Journalled writes are the ones the server cannot give back: losing any must never be silent.
    if (report.droppedBytes > 0) {
      options.onStorageError?.(
        new StorageError(
          `journal ${journalStore.location}: ${report.droppedBytes} bytes after the last intact entry were unreadable (torn or corrupt) and dropped; ` +
            `${report.replayed} entries were replayed`,
        ),
      );
    }
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

async function openFileBacked(options: BetterSqlite3DatabaseOptions): Promise<OpenedDatabase> {
  if (typeof options.file !== "string" || options.file === "") {
    throw new StorageError("openDatabase: the better-sqlite3 engine needs `file`, the path of the SQLite database file");
  }
  const { openBetterSqlite3Driver } = await import("./better-sqlite3-driver.js");
  const driver = await openBetterSqlite3Driver({ path: options.file, synchronous: "FULL" });
  try {
    options.migrate?.(driver);
    const { journal, report } = await Journal.open(driver, new CommitIsDurableJournalStore(options.file), {
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
