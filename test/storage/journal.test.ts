// The durable journal: append, replay, torn tails, truncation, and failures that must surface.
import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { StorageError, type StorageDriver } from "../../runtime/contracts/storage.js";
import { Journal } from "../../runtime/storage/journal.js";
import { openSqlJsDriver } from "../../runtime/storage/sqljs-driver.js";
import { NodeFileJournalStore } from "../../runtime/storage/journal-stores/node-file-journal-store.js";
import { MemoryJournalStore } from "../../runtime/storage/journal-stores/memory-journal-store.js";
import type { JournalStore } from "../../runtime/storage/journal-stores/journal-store.js";
import { encodeFrame, parseFrames } from "../../runtime/storage/journal-stores/journal-frame.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "storage-journal-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const DDL = "CREATE TABLE IF NOT EXISTS outbox (id TEXT PRIMARY KEY, body TEXT, blob BLOB)";
const insert = (id: string, body = `body of ${id}`, blob: Uint8Array | null = null) => ({
  sql: "INSERT INTO outbox (id, body, blob) VALUES (?, ?, ?)",
  params: [id, body, blob],
});

async function open(store: JournalStore, snapshot: Uint8Array | null = null, onError?: (e: StorageError) => void) {
  const driver = await openSqlJsDriver({ snapshot });
  driver.exec(DDL);
  const { journal, report } = await Journal.open(driver, store, { onError });
  return { driver, journal, report };
}

function ids(driver: StorageDriver): unknown[] {
  return driver.all("SELECT id FROM outbox ORDER BY id").map((r) => r["id"]);
}

describe("journal frames", () => {
  it("parses what it encodes and stops at a torn or corrupt frame", () => {
    const frames = [1, 2, 3].map((seq) => encodeFrame({ seq, payload: new TextEncoder().encode(`payload ${seq}`) }));
    const whole = Buffer.concat(frames);
    expect(parseFrames(whole).records.map((r) => r.seq)).toEqual([1, 2, 3]);
    const torn = parseFrames(whole.subarray(0, whole.length - 3));
    expect(torn.records.map((r) => r.seq)).toEqual([1, 2]);
    expect(torn.droppedBytes).toBe(frames[2]!.length - 3);
    const flipped = Buffer.from(whole);
    const at = frames[0]!.length + 20; // inside frame 2's payload
    flipped[at] = flipped[at]! ^ 0xff;
    const corrupt = parseFrames(flipped);
    expect(corrupt.records.map((r) => r.seq)).toEqual([1]);
    expect(corrupt.validBytes).toBe(frames[0]!.length);
  });
});

describe("Journal", () => {
  it("applies an entry before append resolves and replays it into a database opened without snapshot", async () => {
    const path = join(tempDir(), "u.sqlite.journal");
    const first = await open(new NodeFileJournalStore(path));
    const blob = new Uint8Array([0, 7, 255]);
    expect(await first.journal.append([insert("a"), insert("b", "second", blob)])).toBe(1);
    expect(await first.journal.append([{ sql: "UPDATE outbox SET body = ? WHERE id = ?", params: ["edited", "a"] }])).toBe(2);
    expect(ids(first.driver)).toEqual(["a", "b"]);
    await first.journal.close();
    first.driver.close();

    const second = await open(new NodeFileJournalStore(path));
    expect(second.report).toEqual({ replayed: 2, skipped: 0, droppedBytes: 0, failed: 0 });
    expect(second.driver.all("SELECT id, body, blob FROM outbox ORDER BY id")).toEqual([
      { id: "a", body: "edited", blob: null },
      { id: "b", body: "second", blob },
    ]);
    // New seqs continue after the replayed ones.
    expect(await second.journal.append([insert("c")])).toBe(3);
    await second.journal.close();
    second.driver.close();
  });

  it("parallel appends all become durable in seq order and replay in that order", async () => {
    const path = join(tempDir(), "u.sqlite.journal");
    const first = await open(new NodeFileJournalStore(path));
    const seqs = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        first.journal.append([{ sql: "INSERT OR REPLACE INTO outbox (id, body) VALUES ('last', ?)", params: [`write ${i}`] }]),
      ),
    );
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await first.journal.close();
    first.driver.close();
    const second = await open(new NodeFileJournalStore(path));
    expect(second.report.replayed).toBe(50);
    expect(second.driver.get("SELECT body FROM outbox WHERE id = 'last'")).toEqual({ body: "write 49" });
    second.driver.close();
  });

  it("replay is idempotent: entries a snapshot already holds are skipped, not applied twice", async () => {
    const store = new MemoryJournalStore();
    const first = await open(store);
    await first.journal.append([insert("a")]);
    await first.journal.append([insert("b")]);
    const snapshot = first.driver.exportSnapshot(); // holds a, b and applied_seq = 2
    await first.journal.append([insert("c")]);
    first.driver.close();

    const errors: StorageError[] = [];
    const second = await open(store, snapshot, (e) => errors.push(e));
    expect(second.report).toMatchObject({ replayed: 1, skipped: 2, failed: 0 });
    expect(errors).toEqual([]);
    expect(ids(second.driver)).toEqual(["a", "b", "c"]);
    second.driver.close();
  });

  it("drops a torn tail on open and appends after the intact prefix", async () => {
    const path = join(tempDir(), "u.sqlite.journal");
    const first = await open(new NodeFileJournalStore(path));
    for (const id of ["a", "b", "c"]) await first.journal.append([insert(id)]);
    await first.journal.close();
    first.driver.close();
    truncateSync(path, statSync(path).size - 5); // a crash in the middle of writing "c"

    const second = await open(new NodeFileJournalStore(path));
    expect(second.report.replayed).toBe(2);
    expect(second.report.droppedBytes).toBeGreaterThan(0);
    await second.journal.append([insert("d")]);
    await second.journal.close();
    second.driver.close();

    const third = await open(new NodeFileJournalStore(path));
    expect(third.report).toMatchObject({ replayed: 3, droppedBytes: 0 });
    expect(ids(third.driver)).toEqual(["a", "b", "d"]);
    third.driver.close();
  });

  it("truncates what a snapshot covers and keeps newer entries", async () => {
    const path = join(tempDir(), "u.sqlite.journal");
    const store = new NodeFileJournalStore(path);
    const { driver, journal } = await open(store);
    await journal.append([insert("a")]);
    await journal.append([insert("b")]);
    const mark = journal.coveredSeq;
    const snapshot = driver.exportSnapshot();
    await journal.append([insert("c")]); // after the snapshot: must survive truncation
    await journal.truncateThrough(mark);
    const left = parseFrames(readFileSync(path));
    expect(left.records.map((r) => r.seq)).toEqual([3]);
    await journal.append([insert("d")]);
    await journal.truncateThrough(journal.coveredSeq);
    expect(statSync(path).size).toBe(0);
    await journal.append([insert("e")]);
    await journal.close();
    driver.close();

    const reopened = await open(new NodeFileJournalStore(path), snapshot);
    expect(ids(reopened.driver)).toEqual(["a", "b", "e"]); // c, d were truncated without a snapshot holding them
    reopened.driver.close();
  });

  it("a failing statement rejects the append and leaves neither database nor journal changed", async () => {
    const store = new MemoryJournalStore();
    const { driver, journal } = await open(store);
    await journal.append([insert("a")]);
    await expect(journal.append([insert("b"), insert("a")])).rejects.toThrow(/UNIQUE constraint failed/);
    expect(ids(driver)).toEqual(["a"]);
    expect(store.records).toHaveLength(1);
    driver.close();
  });

  it("a journal write failure rejects the append, fires onError and rolls the database back", async () => {
    const inner = new MemoryJournalStore();
    const diskFull: JournalStore = {
      location: "test:full-disk",
      readAll: () => inner.readAll(),
      appendSync: () => {
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      },
      append: () => Promise.reject(new Error("unused")),
      truncateThrough: (seq) => inner.truncateThrough(seq),
      close: () => inner.close(),
    };
    const errors: StorageError[] = [];
    const { driver, journal } = await open(diskFull, null, (e) => errors.push(e));
    const before = driver.writeVersion;
    await expect(journal.append([insert("a")])).rejects.toThrow(/ENOSPC/);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(StorageError);
    expect(ids(driver)).toEqual([]);
    expect(driver.writeVersion).toBe(before);
    driver.close();
  });

  it("a real unwritable journal file surfaces as a StorageError naming the path", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "blocker"), "x");
    const store = new NodeFileJournalStore(join(dir, "blocker", "u.journal"));
    const driver = await openSqlJsDriver();
    driver.exec(DDL);
    await expect(Journal.open(driver, store)).rejects.toThrow(/journal .*blocker.*(ENOTDIR|EEXIST)/);
    driver.close();
  });

  it("with an asynchronous store, append resolves after the put and a failed put is reported", async () => {
    const inner = new MemoryJournalStore();
    let failPut = false;
    const asyncStore: JournalStore = {
      location: "test:async",
      readAll: () => inner.readAll(),
      append: async (record) => {
        await new Promise((r) => setTimeout(r, 1));
        if (failPut) throw new DOMException("quota", "QuotaExceededError");
        inner.appendSync(record);
      },
      truncateThrough: (seq) => inner.truncateThrough(seq),
      close: () => inner.close(),
    };
    const errors: StorageError[] = [];
    const first = await open(asyncStore, null, (e) => errors.push(e));
    await first.journal.append([insert("a")]);
    expect(inner.records).toHaveLength(1);
    failPut = true;
    await expect(first.journal.append([insert("b")])).rejects.toThrow(/quota/);
    expect(errors).toHaveLength(1);
    first.driver.close();

    const second = await open(asyncStore);
    expect(ids(second.driver)).toEqual(["a"]);
    second.driver.close();
  });

  it("rejects bad input with clear errors", async () => {
    const { driver, journal } = await open(new MemoryJournalStore());
    await expect(journal.append([])).rejects.toThrow(/non-empty array/);
    await expect(journal.append([{ sql: "" }])).rejects.toThrow(/non-empty `sql`/);
    await expect(journal.append([{ sql: "INSERT INTO outbox (id) VALUES (?)", params: [undefined as never] }])).rejects.toThrow(
      /parameter 1 is undefined/,
    );
    let inside: Promise<number> | undefined;
    driver.transaction(() => {
      inside = journal.append([insert("x")]);
    });
    await expect(inside).rejects.toThrow(/inside a transaction/);
    expect(ids(driver)).toEqual([]);
    await journal.close();
    await expect(journal.append([insert("y")])).rejects.toThrow(/closed/);
    driver.close();
  });

  it("an entry that no longer applies is reported and skipped, and the database still opens", async () => {
    const store = new MemoryJournalStore();
    const first = await open(store);
    await first.journal.append([insert("a")]);
    first.driver.close();
    const driver = await openSqlJsDriver();
    driver.exec("CREATE TABLE outbox (id TEXT PRIMARY KEY)"); // schema without body/blob
    const errors: StorageError[] = [];
    const { report } = await Journal.open(driver, store, { onError: (e) => errors.push(e) });
    expect(report).toMatchObject({ replayed: 0, failed: 1 });
    expect(errors[0]!.message).toMatch(/journal entry 1 .* could not be replayed/);
    driver.close();
  });
});
