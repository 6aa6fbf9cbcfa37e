// A storage write failure must reach the caller as an error AND the onStorageError callback —
// never be swallowed. Failures are real where this machine can make them (file-system errors,
// the kernel's ENOSPC from /dev/full); a quota error is simulated by a store that rejects.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { StorageError, type StorageDriver } from "../../runtime/contracts/storage.js";
import { openDatabase } from "../../runtime/storage/open-database.js";
import type { SnapshotStore } from "../../runtime/storage/persistence/snapshot-store.js";
import { MemoryJournalStore } from "../../runtime/storage/journal-stores/memory-journal-store.js";
import { NodeFileJournalStore } from "../../runtime/storage/journal-stores/node-file-journal-store.js";
import { nodeFilePersistence } from "../../runtime/storage/persistence/node-file-store.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "storage-fail-"));
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

describe("storage write failures surface", () => {
  it("a snapshot store rejecting like a full quota: flush and close reject, onStorageError fires, the journal keeps the data", async () => {
    const journal = new MemoryJournalStore();
    const quota: SnapshotStore = {
      location: "test:quota",
      load: async () => null,
      save: async () => {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      },
    };
    const events: StorageError[] = [];
    const db = await openDatabase({
      persistence: { snapshots: quota, journal },
      migrate,
      onStorageError: (e) => events.push(e),
    });
    await db.journal.append(draft("c1", "kept"));
    await expect(db.flush()).rejects.toThrow(/quota/);
    await expect(db.close()).rejects.toThrow(/quota/);
    expect(events.length).toBe(2);
    expect(events.every((e) => e instanceof StorageError)).toBe(true);
    expect(journal.records).toHaveLength(1); // not truncated: no snapshot covers it

    const again = await openDatabase({ persistence: { snapshots: quota, journal }, migrate });
    expect(again.driver.get("SELECT text FROM draft")).toEqual({ text: "kept" });
    again.driver.close();
  });

  it("a real file-system failure while saving the snapshot reaches the caller and the callback", async () => {
    const dir = tempDir();
    const events: StorageError[] = [];
    const db = await openDatabase({ persistence: nodeFilePersistence(dir, "u6"), migrate, onStorageError: (e) => events.push(e) });
    db.driver.run("INSERT INTO msg VALUES ('m', 1)");
    // A non-empty directory where the snapshot file must go: rename fails (EISDIR/ENOTEMPTY).
    mkdirSync(join(dir, "u6.sqlite", "squatter"), { recursive: true });
    await expect(db.flush()).rejects.toThrow(/could not save snapshot .*u6\.sqlite/);
    expect(events).toHaveLength(1);
    rmSync(join(dir, "u6.sqlite"), { recursive: true });
    await db.close(); // the condition cleared: the retry succeeds
    expect(existsSync(join(dir, "u6.sqlite"))).toBe(true);
  });
});

describe.skipIf(!existsSync("/dev/full"))("journal on a full disk", () => {
  it("an append hitting ENOSPC throws a StorageError that says so", () => {
    const store = new NodeFileJournalStore("/dev/full");
    expect(() => store.appendSync({ seq: 1, payload: new Uint8Array(64) })).toThrow(StorageError);
    expect(() => store.appendSync({ seq: 1, payload: new Uint8Array(64) })).toThrow(/ENOSPC.*not made durable/);
  });

  it("refuses to open a journal that is not a regular file", async () => {
    await expect(new NodeFileJournalStore("/dev/full").readAll()).rejects.toThrow(/not a regular file/);
  });
});
