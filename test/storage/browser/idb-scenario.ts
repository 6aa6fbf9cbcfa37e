// Bundled for Chromium by indexeddb-browser.test.ts: the real openDatabase with IndexedDB
// persistence and sql.js loaded from a served wasm URL.
import { openDatabase, type OpenedDatabase } from "../../../runtime/storage/open-database.js";
import { indexedDbPersistence } from "../../../runtime/storage/persistence/indexeddb-store.js";
import type { StorageDriver } from "../../../runtime/contracts/storage.js";

const migrate = (driver: StorageDriver) =>
  driver.exec(`CREATE TABLE IF NOT EXISTS draft (conv_id TEXT PRIMARY KEY, text TEXT);
               CREATE TABLE IF NOT EXISTS msg (id TEXT PRIMARY KEY, body BLOB)`);

function open(): Promise<OpenedDatabase> {
  return openDatabase({
    persistence: indexedDbPersistence("browser-user", "storage-test"),
    sqljs: { wasmUrl: "/sql-wasm.wasm" },
    snapshotIntervalMs: 60_000,
    migrate,
  });
}

/** First page load: a snapshot with two rows, then one journalled write the snapshot lacks. */
async function write(): Promise<{ journalled: number }> {
  const db = await open();
  db.driver.run("INSERT INTO msg VALUES (?, ?)", ["m1", new Uint8Array([1, 2, 3])]);
  await db.journal.append([{ sql: "INSERT INTO draft VALUES (?, ?)", params: ["c1", "in the snapshot"] }]);
  await db.flush();
  const journalled = await db.journal.append([{ sql: "INSERT INTO draft VALUES (?, ?)", params: ["c2", "only in the journal"] }]);
  // No close(): the page is reloaded as if the tab were killed.
  return { journalled };
}

/** After the reload: what came back. */
async function read() {
  const db = await open();
  const result = {
    replay: db.replay,
    drafts: db.driver.all("SELECT conv_id, text FROM draft ORDER BY conv_id"),
    msgBody: Array.from(db.driver.get("SELECT body FROM msg WHERE id = 'm1'")?.["body"] as Uint8Array),
  };
  await db.close();
  return result;
}

(globalThis as { storageScenario?: unknown }).storageScenario = { write, read };
