// Schema version N → N+1 on real sql.js: a database written by the version-1 DAOs is upgraded by the
// version-2 migrations and read by the version-2 DAOs with all its data.
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generateInto } from "../support/generate.js";
import { openSqlJs } from "../support/sqljs-driver.js";

const here = import.meta.dirname;
type Gen = ReturnType<typeof generateInto>;
let v1: Gen;
let v2: Gen;
beforeAll(() => {
  v1 = generateInto(path.join(here, "versioned/v1/schema"), "v1");
  v2 = generateInto(path.join(here, "versioned/v2/schema"), "v2");
});
afterAll(() => {
  v1?.cleanup();
  v2?.cleanup();
});

it("upgrades version 1 to 2 keeping every row, with defaults for the new columns", async () => {
  const m1 = await import(v1.url("dao/migrations.ts"));
  const d1 = await import(v1.url("dao/index.ts"));
  const m2 = await import(v2.url("dao/migrations.ts"));
  const d2 = await import(v2.url("dao/index.ts"));
  expect([m1.SCHEMA_VERSION, m2.SCHEMA_VERSION]).toEqual([1, 2]);

  const db = await openSqlJs();
  m1.migrate(db);
  const old = d1.createDaos(db);
  old.items.upsertMany([
    { itemID: "a", ownerID: "u1", done: true },
    { itemID: "b", ownerID: "u1", done: false },
    { itemID: "c", ownerID: "u2", done: false },
  ]);

  // Persist and reopen, as an app upgrade would.
  const reopened = await openSqlJs(db.raw.export());
  db.close();
  expect(m2.migrate(reopened)).toEqual({ from: 1, to: 2 });
  const daos = d2.createDaos(reopened);
  expect(daos.items.byOwner("u1")).toEqual([
    { itemID: "a", ownerID: "u1", done: true, priority: 3, labels: undefined },
    { itemID: "b", ownerID: "u1", done: false, priority: 3, labels: undefined },
  ]);
  daos.items.upsert({ itemID: "c", ownerID: "u2", done: false, priority: 9, labels: ["x"] });
  expect(daos.items.urgent("u2", 5)).toEqual([{ itemID: "c", ownerID: "u2", done: false, priority: 9, labels: ["x"] }]);
  daos.itemNotes.insert({ itemID: "a", at: 1, text: "new table works" });
  expect(daos.itemNotes.get("a", 1)?.text).toBe("new table works");
  const indexes = reopened.all("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'idx_%' ORDER BY name").map((r) => r["name"]);
  expect(indexes).toEqual(["idx_items_by_owner", "idx_items_by_priority"]);
  expect(m2.migrate(reopened)).toEqual({ from: 2, to: 2 });
  reopened.close();
});

it("a fresh database reaches the same shape as an upgraded one", async () => {
  const m1 = await import(v1.url("dao/migrations.ts"));
  const m2 = await import(v2.url("dao/migrations.ts"));
  const shape = (db: Awaited<ReturnType<typeof openSqlJs>>) =>
    db.all("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name");
  const fresh = await openSqlJs();
  m2.migrate(fresh);
  const upgraded = await openSqlJs();
  m1.migrate(upgraded);
  m2.migrate(upgraded);
  expect(shape(upgraded)).toEqual(shape(fresh));
  fresh.close();
  upgraded.close();
});
