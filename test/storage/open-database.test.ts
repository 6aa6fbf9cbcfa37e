// openDatabase: the composed path the SDK uses at login/logout.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { StorageDriver } from "../../runtime/contracts/storage.js";
import { openDatabase } from "../../runtime/storage/open-database.js";
import { memoryPersistence } from "../../runtime/storage/persistence/memory-store.js";
import { NodeFileSnapshotStore, nodeFilePersistence } from "../../runtime/storage/persistence/node-file-store.js";
import { NodeFileJournalStore } from "../../runtime/storage/journal-stores/node-file-journal-store.js";
import { parseFrames } from "../../runtime/storage/journal-stores/journal-frame.js";
import { indexedDbPersistence } from "../../runtime/storage/persistence/indexeddb-store.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "storage-open-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const migrate = (driver: StorageDriver) =>
  driver.exec(`CREATE TABLE IF NOT EXISTS draft (conv_id TEXT PRIMARY KEY, text TEXT);
               CREATE TABLE IF NOT EXISTS msg (id TEXT PRIMARY KEY, seq INTEGER)`);
const draft = (conv: string, text: string) => [{ sql: "INSERT OR REPLACE INTO draft VALUES (?, ?)", params: [conv, text] }];
const count = (driver: StorageDriver, table: string) => driver.get(`SELECT count(*) AS n FROM ${table}`)!["n"];

describe("openDatabase (sql.js + node-file)", () => {
  it("persists snapshots and journal across close/reopen, truncating the journal on flush", async () => {
    const dir = tempDir();
    const options = () => ({ persistence: nodeFilePersistence(dir, "user/1"), migrate, snapshotIntervalMs: 60_000 });
    const first = await openDatabase(options());
    await first.journal.append(draft("c1", "hello"));
    first.driver.transaction(() => {
      for (let i = 0; i < 10; i++) first.driver.run("INSERT INTO msg VALUES (?, ?)", [`m${i}`, i]);
    });
    const journalPath = join(dir, "user%2F1.sqlite.journal");
    expect(statSync(journalPath).size).toBeGreaterThan(0);
    await first.flush();
    expect(statSync(journalPath).size).toBe(0);
    await first.journal.append(draft("c2", "after snapshot"));
    await first.close();

    const second = await openDatabase(options());
    expect(second.replay).toMatchObject({ replayed: 0, skipped: 0 }); // close() flushed and truncated
    expect(count(second.driver, "msg")).toBe(10);
    expect(second.driver.all("SELECT * FROM draft ORDER BY conv_id")).toEqual([
      { conv_id: "c1", text: "hello" },
      { conv_id: "c2", text: "after snapshot" },
    ]);
    await second.close();
  });

  it("after a crash (no close), journalled writes come back from the journal; unjournalled ones since the last snapshot do not", async () => {
    const dir = tempDir();
    const options = () => ({ persistence: nodeFilePersistence(dir, "u2"), migrate, snapshotIntervalMs: 60_000 });
    const crashed = await openDatabase(options());
    crashed.driver.run("INSERT INTO msg VALUES ('resyncable', 1)");
    await crashed.journal.append(draft("c1", "must survive"));
    // No flush, no snapshot: the process "dies" here. Dying also frees its files' owner lock, which
    // an in-process test does by closing the journal file (no snapshot is taken by that).
    await crashed.journal.close();

    const reopened = await openDatabase(options());
    expect(reopened.replay.replayed).toBe(1);
    expect(reopened.driver.get("SELECT text FROM draft WHERE conv_id = 'c1'")).toEqual({ text: "must survive" });
    expect(count(reopened.driver, "msg")).toBe(0); // the server re-syncs these
    await reopened.close();
    crashed.driver.close();
  });

  it("appends made while a snapshot is being saved stay in the journal after its truncation", async () => {
    const dir = tempDir();
    const files = nodeFilePersistence(dir, "u7");
    let releaseSave!: () => void;
    let saveStarted!: () => void;
    const started = new Promise<void>((r) => (saveStarted = r));
    const gatedStore = new NodeFileSnapshotStore(join(dir, "u7.sqlite"));
    const slowSnapshots = {
      location: gatedStore.location,
      load: () => gatedStore.load(),
      save: async (bytes: Uint8Array) => {
        saveStarted();
        await new Promise<void>((r) => (releaseSave = r));
        await gatedStore.save(bytes);
      },
    };
    const db = await openDatabase({ persistence: { snapshots: slowSnapshots, journal: files.journal }, migrate, snapshotIntervalMs: 60_000 });
    await db.journal.append(draft("before", "in the snapshot"));
    const flushing = db.flush();
    await started;
    await db.journal.append(draft("during", "newer than the snapshot"));
    releaseSave();
    await flushing;
    const journalPath = join(dir, "u7.sqlite.journal");
    expect(parseFrames(readFileSync(journalPath)).records.map((r) => r.seq)).toEqual([2]);
    // Crash now (no snapshot; the dead process's owner lock goes with it): the snapshot plus the
    // remaining journal entry hold both drafts.
    await db.journal.close();
    const reopened = await openDatabase({
      persistence: { snapshots: new NodeFileSnapshotStore(join(dir, "u7.sqlite")), journal: new NodeFileJournalStore(journalPath) },
      migrate,
    });
    expect(reopened.replay).toMatchObject({ replayed: 1, skipped: 0 });
    expect(reopened.driver.all("SELECT conv_id FROM draft ORDER BY conv_id")).toEqual([{ conv_id: "before" }, { conv_id: "during" }]);
    await reopened.close();
    db.driver.close();
  });

  it("a corrupt journal entry is reported through onStorageError (journalled data is never dropped silently)", async () => {
    const dir = tempDir();
    const first = await openDatabase({ persistence: nodeFilePersistence(dir, "u8"), migrate, snapshotIntervalMs: 60_000 });
    await first.journal.append(draft("a", "one"));
    await first.journal.append(draft("b", "two"));
    await first.journal.close(); // "crash": no snapshot
    first.driver.close();
    const journalPath = join(dir, "u8.sqlite.journal");
    const bytes = readFileSync(journalPath);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0xff; // damage the last entry
    writeFileSync(journalPath, bytes);
    const errors: string[] = [];
    const reopened = await openDatabase({ persistence: nodeFilePersistence(dir, "u8"), migrate, onStorageError: (e) => errors.push(e.message) });
    expect(reopened.replay.replayed).toBe(1);
    expect(errors).toEqual([expect.stringMatching(/u8\.sqlite\.journal: \d+ bytes after the last intact entry were unreadable .* dropped; 1 entries were replayed/)]);
    await reopened.close();
  });

  it("an empty snapshot file is refused, not taken for an empty database", async () => {
    const dir = tempDir();
    const db = await openDatabase({ persistence: nodeFilePersistence(dir, "u9"), migrate });
    await db.journal.append(draft("a", "kept"));
    await db.close();
    writeFileSync(join(dir, "u9.sqlite"), new Uint8Array(0));
    await expect(openDatabase({ persistence: nodeFilePersistence(dir, "u9"), migrate })).rejects.toThrow(/u9\.sqlite is empty \(0 bytes\).*restore it, or delete it/);
  });

  it("a corrupt snapshot file is refused with its path in the message", async () => {
    const dir = tempDir();
    const db = await openDatabase({ persistence: nodeFilePersistence(dir, "u10"), migrate });
    await db.journal.append(draft("a", "kept"));
    await db.close();
    writeFileSync(join(dir, "u10.sqlite"), new TextEncoder().encode("this is not a SQLite database file, just text"));
    const path = join(dir, "u10.sqlite").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    await expect(openDatabase({ persistence: nodeFilePersistence(dir, "u10"), migrate })).rejects.toThrow(
      new RegExp(`the snapshot ${path} is not a readable SQLite database .*delete or restore it`),
    );
  });

  it("reloads from a shared in-memory shelf", async () => {
    const shelf = new Map<string, Uint8Array>();
    const a = await openDatabase({ persistence: memoryPersistence("u3", shelf), migrate });
    a.driver.run("INSERT INTO msg VALUES ('m', 1)");
    await a.close();
    const b = await openDatabase({ persistence: memoryPersistence("u3", shelf), migrate });
    expect(count(b.driver, "msg")).toBe(1);
    await b.close();
  });

  it("rejects bad options clearly", async () => {
    expect(() => nodeFilePersistence("/tmp", " ")).toThrow(/non-empty string/);
    await expect(openDatabase({ persistence: indexedDbPersistence("u") })).rejects.toThrow(/IndexedDB is not available/);
    await expect(openDatabase({ persistence: { kind: "memory" } as never })).rejects.toThrow(/must be \{ snapshots, journal \}/);
    await expect(openDatabase({ engine: "bogus" as never, persistence: memoryPersistence("u") })).rejects.toThrow(/unknown engine "bogus"/);
    await expect(openDatabase({ engine: "better-sqlite3" } as never)).rejects.toThrow(/needs `file`/);
  });
});

describe("openDatabase (better-sqlite3)", () => {
  it("keeps journalled and plain writes across reopen with no snapshot step", async () => {
    const dir = tempDir();
    const options = { engine: "better-sqlite3", file: join(dir, "u4.db"), migrate } as const;
    const first = await openDatabase(options);
    expect(first.persistence).toBeNull();
    await first.journal.append(draft("c1", "native"));
    first.driver.run("INSERT INTO msg VALUES ('m', 1)");
    await first.close();
    const second = await openDatabase(options);
    expect(second.driver.get("SELECT text FROM draft")).toEqual({ text: "native" });
    expect(count(second.driver, "msg")).toBe(1);
    await second.close();
  });
});
