// sql.js 1.13's export() closes and re-opens the database; the driver must hide that.
import { describe, expect, it } from "vitest";
import { openSqlJsDriver } from "../../runtime/storage/sqljs-driver.js";
import { openSqlJs } from "../../runtime/storage/sqljs-module.js";
import { StorageError } from "../../runtime/contracts/storage.js";
import { ONE_SHOT_CACHE_SIZE } from "../../runtime/storage/statement-cache.js";

describe("sql.js driver snapshots", () => {
  it("round-trips a snapshot and keeps prepared statements and pragmas working after export", async () => {
    const driver = await openSqlJsDriver();
    driver.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); CREATE TABLE c (t_id INTEGER REFERENCES t(id))");
    const insert = driver.prepare("INSERT INTO t (id, v) VALUES (?, ?)");
    insert.run([1, "one"]);
    const bytes = driver.exportSnapshot();
    insert.run([2, "two"]); // re-prepared transparently
    expect(driver.liveStatementCount).toBe(1);
    expect(() => driver.run("INSERT INTO c VALUES (?)", [99])).toThrow(/FOREIGN KEY/);
    driver.transaction(() => insert.run([3, "three"]));
    insert.free();
    driver.close();

    const reopened = await openSqlJsDriver({ snapshot: bytes });
    expect(reopened.all("SELECT id, v FROM t")).toEqual([{ id: 1, v: "one" }]);
    reopened.close();
  });

  it("frees every engine statement: one-shots stay within the bounded cache, prepared handles until freed", async () => {
    const driver = await openSqlJsDriver();
    driver.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
    const baseline = driver.engineStatementCount;
    for (let i = 0; i < 2000; i++) {
      driver.run("INSERT INTO t VALUES (?, ?)", [i, "v"]);
      driver.get(`SELECT v FROM t WHERE id = ${i}`); // 2000 distinct SQL strings
      if (i % 100 === 0) expect(() => driver.run("INSERT INTO t VALUES (?, ?)", [i, "dup"])).toThrow();
    }
    expect(() => driver.get("SELECT nope FROM t")).toThrow(StorageError);
    driver.transaction(() => driver.run("DELETE FROM t WHERE id < 10"));
    const settled = driver.engineStatementCount;
    expect(settled - baseline).toBeLessThanOrEqual(ONE_SHOT_CACHE_SIZE + 3); // cache + BEGIN/COMMIT
    const held = [driver.prepare("SELECT 1"), driver.prepare("SELECT 2")];
    expect(driver.engineStatementCount).toBe(settled + 2);
    for (const stmt of held) stmt.free();
    expect(driver.engineStatementCount).toBe(settled);
    driver.close();
    expect(driver.engineStatementCount).toBe(0);
  });

  it("cached one-shot statements survive an export", async () => {
    const driver = await openSqlJsDriver();
    driver.exec("CREATE TABLE t (id INTEGER PRIMARY KEY)");
    driver.run("INSERT INTO t VALUES (?)", [1]);
    driver.exportSnapshot();
    driver.run("INSERT INTO t VALUES (?)", [2]);
    expect(driver.all("SELECT id FROM t ORDER BY id")).toEqual([{ id: 1 }, { id: 2 }]);
    driver.close();
  });

  it("refuses to export inside a transaction", async () => {
    const driver = await openSqlJsDriver();
    driver.exec("CREATE TABLE t (id INTEGER)");
    expect(() => driver.transaction(() => driver.exportSnapshot())).toThrow(/inside a transaction/);
    driver.close();
  });

  it("rejects a corrupt snapshot with a clear error", async () => {
    const junk = new TextEncoder().encode("this is not a database".repeat(50));
    await expect(openSqlJsDriver({ snapshot: junk })).rejects.toThrow(StorageError);
    await expect(openSqlJsDriver({ snapshot: junk })).rejects.toThrow(/not a readable SQLite database/);
  });

  it("loads the module once per location", async () => {
    expect(await openSqlJs()).toBe(await openSqlJs());
    const driver = await openSqlJsDriver();
    expect(driver.get("SELECT 1 AS one")).toEqual({ one: 1 });
    driver.close();
  });
});
