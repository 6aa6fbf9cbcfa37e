// One suite, every driver: the behaviour generated DAOs rely on.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StorageError } from "../../runtime/contracts/storage.js";
import { driverFactories, type TestDriver } from "./driver-factories.js";

const SCHEMA = `
  CREATE TABLE msg (client_msg_id TEXT PRIMARY KEY, conv_id TEXT NOT NULL, seq INTEGER NOT NULL,
                    send_time INTEGER NOT NULL, content TEXT, ex BLOB);
  CREATE INDEX msg_conv_seq ON msg (conv_id, seq);
`;
const INSERT = "INSERT INTO msg (client_msg_id, conv_id, seq, send_time, content, ex) VALUES (?, ?, ?, ?, ?, ?)";

describe.each(driverFactories)("$name driver", (factory) => {
  let driver: TestDriver;
  let cleanup: () => void;

  beforeEach(async () => {
    ({ driver, cleanup } = await factory.open());
    driver.exec(SCHEMA);
  });
  afterEach(() => cleanup());

  it("inserts, reads, updates and deletes rows with every value type", () => {
    const blob = new Uint8Array([0, 1, 254, 255]);
    const big = 2 ** 53 - 1;
    expect(driver.run(INSERT, ["m1", "c1", big, 1_700_000_000_123, "héllo", blob])).toEqual({ changes: 1 });
    const row = driver.get("SELECT * FROM msg WHERE client_msg_id = ?", ["m1"]);
    expect(row).toEqual({ client_msg_id: "m1", conv_id: "c1", seq: big, send_time: 1_700_000_000_123, content: "héllo", ex: blob });
    expect(row!["ex"]).toBeInstanceOf(Uint8Array);
    expect(driver.run("UPDATE msg SET content = ? WHERE conv_id = ?", [null, "c1"]).changes).toBe(1);
    expect(driver.get("SELECT content FROM msg")).toEqual({ content: null });
    expect(driver.run("DELETE FROM msg WHERE client_msg_id = ?", ["nope"]).changes).toBe(0);
    expect(driver.run("DELETE FROM msg").changes).toBe(1);
    expect(driver.all("SELECT * FROM msg")).toEqual([]);
    expect(driver.get("SELECT * FROM msg")).toBeUndefined();
  });

  it("reuses one prepared statement for many rows and returns them in order", () => {
    const stmt = driver.prepare(INSERT);
    driver.transaction(() => {
      for (let i = 0; i < 50; i++) stmt.run([`m${i}`, "c1", i, 1000 + i, `text ${i}`, null]);
    });
    stmt.free();
    const page = driver.all("SELECT seq FROM msg WHERE conv_id = ? AND seq < ? ORDER BY seq DESC LIMIT 3", ["c1", 10]);
    expect(page).toEqual([{ seq: 9 }, { seq: 8 }, { seq: 7 }]);
    const count = driver.prepare("SELECT count(*) AS n FROM msg WHERE seq >= ?");
    expect(count.get([0])).toEqual({ n: 50 });
    expect(count.get([45])).toEqual({ n: 5 });
    expect(count.all([49])).toEqual([{ n: 1 }]);
    count.free();
  });

  it("commits a transaction and bumps writeVersion once for the batch", () => {
    const before = driver.writeVersion;
    const result = driver.transaction(() => {
      driver.run(INSERT, ["a", "c", 1, 1, null, null]);
      driver.run(INSERT, ["b", "c", 2, 2, null, null]);
      return "done";
    });
    expect(result).toBe("done");
    expect(driver.writeVersion).toBe(before + 1);
    expect(driver.get("SELECT count(*) AS n FROM msg")).toEqual({ n: 2 });
  });

  it("rolls back everything when the callback throws, rethrows, and keeps writeVersion", () => {
    const before = driver.writeVersion;
    const boom = new Error("boom");
    expect(() =>
      driver.transaction(() => {
        driver.run(INSERT, ["a", "c", 1, 1, null, null]);
        throw boom;
      }),
    ).toThrow(boom);
    expect(driver.get("SELECT count(*) AS n FROM msg")).toEqual({ n: 0 });
    expect(driver.writeVersion).toBe(before);
    // The driver is usable afterwards: a new transaction works.
    driver.transaction(() => driver.run(INSERT, ["b", "c", 2, 2, null, null]));
    expect(driver.get("SELECT count(*) AS n FROM msg")).toEqual({ n: 1 });
  });

  it("nested transactions join the outer one; an inner failure caught by the outer undoes only the inner work", () => {
    driver.transaction(() => {
      driver.run(INSERT, ["outer", "c", 1, 1, null, null]);
      driver.transaction(() => driver.run(INSERT, ["inner-ok", "c", 2, 2, null, null]));
      try {
        driver.transaction(() => {
          driver.run(INSERT, ["inner-bad", "c", 3, 3, null, null]);
          throw new Error("inner");
        });
      } catch {
        /* caught on purpose */
      }
    });
    const ids = driver.all("SELECT client_msg_id AS id FROM msg ORDER BY seq").map((r) => r["id"]);
    expect(ids).toEqual(["outer", "inner-ok"]);
  });

  it("an inner failure not caught rolls back the whole outer transaction", () => {
    expect(() =>
      driver.transaction(() => {
        driver.run(INSERT, ["outer", "c", 1, 1, null, null]);
        driver.transaction(() => {
          throw new Error("inner");
        });
      }),
    ).toThrow("inner");
    expect(driver.get("SELECT count(*) AS n FROM msg")).toEqual({ n: 0 });
  });

  it("refuses an async transaction callback with a clear error and rolls back", async () => {
    expect(() =>
      driver.transaction((async () => {
        driver.run(INSERT, ["a", "c", 1, 1, null, null]);
      }) as unknown as () => void),
    ).toThrow(/synchronous/);
    expect(driver.get("SELECT count(*) AS n FROM msg")).toEqual({ n: 0 });
  });

  it("bumps writeVersion for writes outside transactions but not for reads", () => {
    const v0 = driver.writeVersion;
    driver.run(INSERT, ["a", "c", 1, 1, null, null]);
    expect(driver.writeVersion).toBe(v0 + 1);
    driver.get("SELECT * FROM msg");
    driver.all("SELECT * FROM msg");
    expect(driver.writeVersion).toBe(v0 + 1);
  });

  it("wraps engine errors in StorageError carrying the SQL", () => {
    driver.run(INSERT, ["dup", "c", 1, 1, null, null]);
    let caught: unknown;
    try {
      driver.run(INSERT, ["dup", "c", 1, 1, null, null]);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StorageError);
    expect((caught as StorageError).sql).toBe(INSERT);
    expect((caught as StorageError).message).toMatch(/UNIQUE constraint failed: msg\.client_msg_id/);
    expect((caught as StorageError).message).toContain("INSERT INTO msg");

    const bad = "SELEC nonsense";
    expect(() => driver.prepare(bad)).toThrow(StorageError);
    try {
      driver.all(bad);
    } catch (err) {
      expect((err as StorageError).sql).toBe(bad);
    }
    expect(() => driver.exec("CREATE TABLE msg (x)")).toThrow(/already exists/);
  });

  it("rejects parameters SQLite cannot store, naming the parameter", () => {
    const cases: [unknown, RegExp][] = [
      [undefined, /parameter 5 is undefined/],
      [true, /parameter 5 is boolean/],
      [10n, /parameter 5 is bigint/],
      [{ a: 1 }, /parameter 5 is Object/],
      [Number.NaN, /parameter 5 is NaN/],
    ];
    for (const [value, message] of cases) {
      expect(() => driver.run(INSERT, ["a", "c", 1, 1, value as never, null])).toThrow(message);
    }
    expect(driver.get("SELECT count(*) AS n FROM msg")).toEqual({ n: 0 });
  });

  it("rejects too few or too many parameters instead of binding NULL", () => {
    expect(() => driver.run(INSERT, ["a", "c", 1, 1, null])).toThrow(StorageError);
    expect(() => driver.run(INSERT, ["a", "c", 1, 1, null, null, "extra"])).toThrow(StorageError);
    expect(() => driver.get("SELECT * FROM msg WHERE conv_id = ?")).toThrow(StorageError);
    const stmt = driver.prepare("SELECT ? AS a, '?' AS b, ? AS c");
    expect(stmt.get([1, 2])).toEqual({ a: 1, b: "?", c: 2 });
    stmt.free();
    expect(driver.get("SELECT count(*) AS n FROM msg")).toEqual({ n: 0 });
  });

  it("rejects integers beyond 2^53 instead of storing a rounded value", () => {
    expect(() => driver.run(INSERT, ["a", "c", 2 ** 53 + 2, 1, null, null])).toThrow(/parameter 3 .* beyond 2\^53/);
    driver.run(INSERT, ["a", "c", 1.5, 2 ** 53 - 1, null, null]); // fractions and safe integers are fine
    expect(driver.get("SELECT seq, send_time FROM msg")).toEqual({ seq: 1.5, send_time: 2 ** 53 - 1 });
  });

  it("run() steps a SELECT and get()/all() execute a write the same way on every driver", () => {
    expect(driver.run("SELECT 1").changes).toBe(0);
    expect(driver.get(INSERT, ["a", "c", 1, 1, null, null])).toBeUndefined();
    expect(driver.all(INSERT, ["b", "c", 2, 2, null, null])).toEqual([]);
    expect(driver.get("SELECT count(*) AS n FROM msg")).toEqual({ n: 2 });
    expect(driver.get("INSERT INTO msg (client_msg_id, conv_id, seq, send_time) VALUES (?, ?, ?, ?) RETURNING seq", ["r", "c", 7, 7])).toEqual({ seq: 7 });
    expect(driver.run("UPDATE msg SET content = 'x' WHERE conv_id = ? RETURNING seq", ["c"]).changes).toBe(3);
  });

  it("tracks live statements: prepared ones count until freed, one-shots and failures leave none", () => {
    expect(driver.liveStatementCount).toBe(0);
    const a = driver.prepare("SELECT 1 AS x");
    const b = driver.prepare(INSERT);
    expect(driver.liveStatementCount).toBe(2);
    driver.get("SELECT 1 AS x");
    driver.run(INSERT, ["a", "c", 1, 1, null, null]);
    expect(() => driver.run(INSERT, ["a", "c", 1, 1, null, null])).toThrow(StorageError);
    expect(() => driver.prepare("SELECT * FROM missing_table")).toThrow(StorageError);
    expect(driver.liveStatementCount).toBe(2);
    a.free();
    a.free(); // double free is harmless
    expect(driver.liveStatementCount).toBe(1);
    expect(() => a.get()).toThrow(/statement was freed/);
    b.free();
    expect(driver.liveStatementCount).toBe(0);
  });

  it("close frees every statement and later calls fail clearly", () => {
    const stmt = driver.prepare("SELECT 1 AS x");
    driver.prepare(INSERT);
    driver.close();
    expect(driver.liveStatementCount).toBe(0);
    expect(() => stmt.get()).toThrow(StorageError);
    expect(() => driver.get("SELECT 1")).toThrow(/closed/);
    driver.close(); // idempotent
  });

  it("enforces foreign keys by default", () => {
    driver.exec(`CREATE TABLE conv (id TEXT PRIMARY KEY);
                 CREATE TABLE draft (conv_id TEXT NOT NULL REFERENCES conv(id), text TEXT)`);
    expect(() => driver.run("INSERT INTO draft VALUES (?, ?)", ["missing", "x"])).toThrow(/FOREIGN KEY/);
  });
});
