// sql.js 1.13's export() closes and re-opens the database; the driver must hide that.
import { describe, expect, it } from "vitest";
import { openSqlJsDriver } from "../../runtime/storage/sqljs-driver.js";
import { StorageError } from "../../runtime/contracts/storage.js";

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

  it("frees every engine statement: thousands of one-shots, failures and prepared handles leave none behind", async () => {
    const driver = await openSqlJsDriver();
    driver.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
    const baseline = driver.engineStatementCount;
    for (let i = 0; i < 2000; i++) {
      driver.run("INSERT INTO t VALUES (?, ?)", [i, "v"]);
      driver.get("SELECT v FROM t WHERE id = ?", [i]);
      if (i % 100 === 0) expect(() => driver.run("INSERT INTO t VALUES (?, ?)", [i, "dup"])).toThrow();
    }
    driver.transaction(() => driver.run("DELETE FROM t WHERE id < 10"));
    const controls = driver.engineStatementCount - baseline; // BEGIN/COMMIT are cached on purpose
    expect(controls).toBeLessThanOrEqual(3);
    const held = [driver.prepare("SELECT 1"), driver.prepare("SELECT 2")];
    expect(driver.engineStatementCount).toBe(baseline + controls + 2);
    for (const stmt of held) stmt.free();
    expect(driver.engineStatementCount).toBe(baseline + controls);
    driver.close();
    expect(driver.engineStatementCount).toBe(0);
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
});
