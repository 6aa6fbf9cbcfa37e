// Coalesced snapshots and the snapshot stores.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { StorageError } from "../../runtime/contracts/storage.js";
import { openSqlJsDriver, type SqlJsDriver } from "../../runtime/storage/sqljs-driver.js";
import { MemorySnapshotStore } from "../../runtime/storage/persistence/memory-store.js";
import { NodeFileSnapshotStore } from "../../runtime/storage/persistence/node-file-store.js";
import { SnapshotScheduler } from "../../runtime/storage/persistence/snapshot-scheduler.js";
import type { SnapshotStore } from "../../runtime/storage/persistence/snapshot-store.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "storage-snap-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function driverWithTable(): Promise<SqlJsDriver> {
  const driver = await openSqlJsDriver();
  driver.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
  return driver;
}

describe("SnapshotScheduler", () => {
  it("coalesces 100 writes spread over many ticks into one export", async () => {
    const driver = await driverWithTable();
    const store = new MemorySnapshotStore();
    const scheduler = new SnapshotScheduler({ source: driver, store, intervalMs: 60_000 });
    for (let i = 0; i < 100; i++) {
      driver.run("INSERT INTO t VALUES (?, ?)", [i, `v${i}`]);
      await Promise.resolve();
    }
    expect(scheduler.stats.exports).toBe(0);
    expect(scheduler.dirty).toBe(true);
    await scheduler.close();
    expect(scheduler.stats.exports).toBe(1);
    expect(scheduler.dirty).toBe(false);
    const restored = await openSqlJsDriver({ snapshot: await store.load() });
    expect(restored.get("SELECT count(*) AS n FROM t")).toEqual({ n: 100 });
    restored.close();
    driver.close();
  });

  it("saves by itself after the interval, once per burst, and not at all when nothing changed", async () => {
    const driver = await driverWithTable();
    const store = new MemorySnapshotStore();
    const scheduler = new SnapshotScheduler({ source: driver, store, intervalMs: 5 });
    for (let i = 0; i < 100; i++) driver.run("INSERT INTO t VALUES (?, ?)", [i, "x"]);
    await vi.waitFor(() => expect(store.saves).toBe(1), { timeout: 10_000 });
    driver.run("INSERT INTO t VALUES (?, ?)", [1000, "y"]);
    await vi.waitFor(() => expect(store.saves).toBe(2), { timeout: 10_000 });
    await scheduler.flush(); // nothing new: no export
    expect(scheduler.stats.exports).toBe(2);
    await scheduler.close();
    driver.close();
  });

  it("reports a failing save to onError, rejects flush, keeps the data dirty and saves on a later flush", async () => {
    const driver = await driverWithTable();
    let failing = true;
    const saved: Uint8Array[] = [];
    const quotaStore: SnapshotStore = {
      location: "test:quota",
      async load() {
        return null;
      },
      async save(bytes) {
        if (failing) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        saved.push(bytes);
      },
    };
    const errors: StorageError[] = [];
    const scheduler = new SnapshotScheduler({ source: driver, store: quotaStore, intervalMs: 60_000, onError: (e) => errors.push(e) });
    driver.run("INSERT INTO t VALUES (1, 'a')");
    await expect(scheduler.flush()).rejects.toThrow(/quota has been exceeded/);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(StorageError);
    expect(scheduler.dirty).toBe(true);
    failing = false;
    await scheduler.close();
    expect(saved).toHaveLength(1);
    expect(scheduler.dirty).toBe(false);
    driver.close();
  });

  it("retries a failed background save without anyone calling flush", async () => {
    const driver = await driverWithTable();
    let attempts = 0;
    const flaky: SnapshotStore = {
      location: "test:flaky",
      async load() {
        return null;
      },
      async save() {
        attempts++;
        if (attempts === 1) throw new Error("disk hiccup");
      },
    };
    const errors: StorageError[] = [];
    const scheduler = new SnapshotScheduler({ source: driver, store: flaky, intervalMs: 2, onError: (e) => errors.push(e) });
    driver.run("INSERT INTO t VALUES (1, 'a')");
    await vi.waitFor(() => expect(attempts).toBe(2), { timeout: 10_000 });
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/disk hiccup/)]);
    expect(scheduler.dirty).toBe(false);
    await scheduler.close();
    driver.close();
  });
});

describe("NodeFileSnapshotStore", () => {
  it("returns null before the first save, then the last saved bytes, leaving no temp files", async () => {
    const dir = tempDir();
    const store = new NodeFileSnapshotStore(join(dir, "nested", "u1.sqlite"));
    expect(await store.load()).toBeNull();
    await store.save(new Uint8Array([1, 2, 3]));
    await store.save(new Uint8Array([4, 5, 6, 7]));
    expect(Array.from((await store.load())!)).toEqual([4, 5, 6, 7]);
    expect(readdirSync(join(dir, "nested"))).toEqual(["u1.sqlite"]);
  });

  it("removes temp files a killed save left behind when the snapshot is next loaded", async () => {
    const dir = tempDir();
    const store = new NodeFileSnapshotStore(join(dir, "u1.sqlite"));
    await store.save(new Uint8Array([1]));
    writeFileSync(join(dir, ".u1.sqlite.4242.7.tmp"), "half a snapshot");
    writeFileSync(join(dir, ".other.sqlite.4242.7.tmp"), "another database's file");
    expect(Array.from((await store.load())!)).toEqual([1]);
    expect(readdirSync(dir).sort()).toEqual([".other.sqlite.4242.7.tmp", "u1.sqlite"]);
  });

  it("fails a save to an unwritable location with a clear StorageError and keeps nothing half-written", async () => {
    const dir = tempDir();
    const blocker = join(dir, "not-a-dir");
    writeFileSync(blocker, "x");
    const store = new NodeFileSnapshotStore(join(blocker, "u1.sqlite"));
    await expect(store.save(new Uint8Array([1]))).rejects.toThrow(StorageError);
    await expect(store.save(new Uint8Array([1]))).rejects.toThrow(/could not save snapshot .*(ENOTDIR|EEXIST)/);
    expect(readdirSync(dir)).toEqual(["not-a-dir"]);
  });

  it("a failed save leaves the previous snapshot intact", async () => {
    const dir = tempDir();
    const path = join(dir, "u1.sqlite");
    const store = new NodeFileSnapshotStore(path);
    await store.save(new Uint8Array([9, 9]));
    // A directory squatting on the rename target makes the final step fail after the temp write.
    const squatted = new NodeFileSnapshotStore(join(dir, "sub"));
    mkdirSync(join(dir, "sub", "inner"), { recursive: true });
    await expect(squatted.save(new Uint8Array([1]))).rejects.toThrow(StorageError);
    expect(Array.from((await store.load())!)).toEqual([9, 9]);
    expect(readdirSync(dir).sort()).toEqual(["sub", "u1.sqlite"]);
  });
});
