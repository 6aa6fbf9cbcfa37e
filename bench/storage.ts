// Storage benchmarks: driver overhead vs raw sql.js, snapshot cost vs size, journal append
// latency with fsync, and better-sqlite3 for reference. Run: npm run bench -- storage [--repeats 7]
import { join } from "node:path";
import type { SqlValue, StorageDriver } from "../runtime/contracts/storage.js";
import { openSqlJs } from "../runtime/storage/sqljs-module.js";
import { openSqlJsDriver } from "../runtime/storage/sqljs-driver.js";
import { openBetterSqlite3Driver } from "../runtime/storage/better-sqlite3-driver.js";
import { NodeFileSnapshotStore } from "../runtime/storage/persistence/node-file-store.js";
import { NodeFileJournalStore } from "../runtime/storage/journal-stores/node-file-journal-store.js";
import { Journal } from "../runtime/storage/journal.js";
import { createDaos } from "../generated/dao/index.js";
import { migrate } from "../generated/dao/migrations.js";
import type { LocalChatLog } from "../generated/types/index.js";
import { defineBenchmark } from "./lib/benchmark.js";
import { parseFlags } from "./lib/cli-args.js";

const SCHEMA = `CREATE TABLE msg (
  client_msg_id TEXT PRIMARY KEY, server_msg_id TEXT, conv_id TEXT NOT NULL, send_id TEXT NOT NULL,
  seq INTEGER NOT NULL, send_time INTEGER NOT NULL, content_type INTEGER NOT NULL, content TEXT,
  status INTEGER NOT NULL, ex TEXT);
CREATE INDEX msg_conv_seq ON msg (conv_id, seq)`;
const INSERT = `INSERT INTO msg (client_msg_id, server_msg_id, conv_id, send_id, seq, send_time, content_type, content, status, ex)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const CONTENT = JSON.stringify({ content: "x".repeat(180) });

function messageRows(n: number, offset = 0): SqlValue[][] {
  const rows: SqlValue[][] = [];
  for (let i = offset; i < offset + n; i++) {
    rows.push([`cmid-${i}`, `smid-${i}`, `si_u1_u${i % 50}`, "u1", i, 1_700_000_000_000 + i, 101, CONTENT, 2, ""]);
  }
  return rows;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (x: number, digits = 1) => Number(x.toFixed(digits));

async function rawSqlJsInsert(rows: SqlValue[][]): Promise<number> {
  const SQL = await openSqlJs();
  const db = new SQL.Database();
  db.run(SCHEMA);
  const started = performance.now();
  const stmt = db.prepare(INSERT);
  db.run("BEGIN");
  for (const row of rows) stmt.run(row);
  db.run("COMMIT");
  stmt.free();
  const ms = performance.now() - started;
  db.close();
  return ms;
}

function driverInsert(driver: StorageDriver, rows: SqlValue[][]): number {
  driver.exec(SCHEMA);
  const started = performance.now();
  const stmt = driver.prepare(INSERT);
  driver.transaction(() => {
    for (const row of rows) stmt.run(row);
  });
  stmt.free();
  return performance.now() - started;
}

async function insertComparison(n: number, repeats: number) {
  const rows = messageRows(n);
  const raw: number[] = [];
  const ours: number[] = [];
  await rawSqlJsInsert(messageRows(2000)); // warm-up: JIT and WASM
  for (let r = 0; r < repeats; r++) {
    // Alternate the order so neither side always runs on a warmer heap.
    if (r % 2 === 0) raw.push(await rawSqlJsInsert(rows));
    const driver = await openSqlJsDriver();
    ours.push(driverInsert(driver, rows));
    driver.close();
    if (r % 2 === 1) raw.push(await rawSqlJsInsert(rows));
  }
  // Best-of-N is the figure least disturbed by other load on a shared 2-core machine; medians
  // are kept alongside to show the spread.
  const rawMs = Math.min(...raw);
  const oursMs = Math.min(...ours);
  return {
    rows: n,
    repeats,
    rawSqlJsMs: round(rawMs),
    driverMs: round(oursMs),
    rawMedianMs: round(median(raw)),
    driverMedianMs: round(median(ours)),
    rawRowsPerSec: Math.round(n / (rawMs / 1000)),
    driverRowsPerSec: Math.round(n / (oursMs / 1000)),
    // Throughput ratio driver/raw: 1.0 = no overhead; the goal is >= 0.9.
    ratio: round(rawMs / oursMs, 3),
    medianRatio: round(median(raw) / median(ours), 3),
  };
}

/** The generated chat_logs DAO's bulk upsert vs raw sql.js inserting the same rows into the same table. */
async function daoUpsertComparison(n: number, repeats: number) {
  const logs: LocalChatLog[] = Array.from({ length: n }, (_, i) => ({
    clientMsgID: `cmid-${i}`, conversationID: `si_u1_u${i % 200}`, serverMsgID: `smid-${i}`, sendID: "u1", recvID: `u${i % 200}`,
    groupID: "", senderPlatformID: 5, senderNickname: "U1", senderFaceUrl: "", sessionType: 1, msgFrom: 100, contentType: 101,
    content: CONTENT, isRead: false, status: 2, seq: Math.floor(i / 200) + 1, sendTime: 1_700_000_000_000 + i, createTime: 1_700_000_000_000 + i,
  }));
  // The baseline uses the schema the migrations created, so both sides write the same table and indexes.
  const probe = await openSqlJsDriver();
  migrate(probe);
  const ddl = probe.all("SELECT sql FROM sqlite_master WHERE tbl_name = 'chat_logs' AND sql IS NOT NULL").map((r) => `${String(r.sql)};`);
  const columns = probe.all("PRAGMA table_info(chat_logs)").map((r) => String(r.name));
  probe.close();
  const camel = (c: string) => c.replace(/_([a-z])/g, (_m, ch: string) => ch.toUpperCase()).replace(/Id$/, "ID").replace(/IdList$/, "IDList").replace(/Url$/, "Url");
  const byColumn = new Map(columns.map((c) => [c, Object.keys(logs[0]!).find((k) => k.toLowerCase() === camel(c).toLowerCase())]));
  const rawRows = logs.map((row) => columns.map((c) => {
    const v = (row as unknown as Record<string, unknown>)[byColumn.get(c) ?? ""];
    return typeof v === "boolean" ? (v ? 1 : 0) : v === undefined ? null : (v as SqlValue);
  }));
  const insertSql = `INSERT INTO chat_logs (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
  const raw: number[] = [];
  const dao: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const SQL = await openSqlJs();
    const db = new SQL.Database();
    for (const stmt of ddl) db.run(stmt);
    let started = performance.now();
    const stmt = db.prepare(insertSql);
    db.run("BEGIN");
    for (const row of rawRows) stmt.run(row);
    db.run("COMMIT");
    stmt.free();
    raw.push(performance.now() - started);
    db.close();

    const driver = await openSqlJsDriver();
    migrate(driver);
    const daos = createDaos(driver);
    started = performance.now();
    daos.chatLogs.upsertMany(logs);
    dao.push(performance.now() - started);
    driver.close();
  }
  const rawMs = Math.min(...raw);
  const daoMs = Math.min(...dao);
  return {
    rows: n,
    repeats,
    rawSqlJsMs: round(rawMs),
    daoUpsertManyMs: round(daoMs),
    rawRowsPerSec: Math.round(n / (rawMs / 1000)),
    daoRowsPerSec: Math.round(n / (daoMs / 1000)),
    // Throughput ratio DAO/raw: 1.0 = no overhead; the goal is >= 0.9.
    ratio: round(rawMs / daoMs, 3),
    medianRatio: round(median(raw) / median(dao), 3),
  };
}

async function betterSqliteInsert(n: number, dir: string) {
  const rows = messageRows(n);
  const results: Record<string, unknown> = {};
  for (const synchronous of ["NORMAL", "FULL"] as const) {
    const driver = await openBetterSqlite3Driver({ path: join(dir, `bs3-${synchronous}.db`), synchronous });
    const ms = driverInsert(driver, rows);
    driver.close();
    results[`fileWal_${synchronous}`] = { ms: round(ms), rowsPerSec: Math.round(n / (ms / 1000)) };
  }
  const mem = await openBetterSqlite3Driver({ path: ":memory:" });
  const ms = driverInsert(mem, rows);
  mem.close();
  results["memory"] = { ms: round(ms), rowsPerSec: Math.round(n / (ms / 1000)) };
  return { rows: n, ...results };
}

async function snapshotCost(n: number, dir: string, repeats: number) {
  const driver = await openSqlJsDriver();
  driverInsert(driver, messageRows(n));
  const store = new NodeFileSnapshotStore(join(dir, `snap-${n}.sqlite`));
  const exportMs: number[] = [];
  const saveMs: number[] = [];
  let bytes = 0;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    const snapshot = driver.exportSnapshot();
    const t1 = performance.now();
    await store.save(snapshot);
    const t2 = performance.now();
    exportMs.push(t1 - t0);
    saveMs.push(t2 - t1);
    bytes = snapshot.length;
  }
  driver.close();
  return {
    rows: n,
    bytes,
    exportMs: round(median(exportMs)),
    saveMs: round(median(saveMs)),
    totalMs: round(median(exportMs) + median(saveMs)),
  };
}

// DAOs read with one-shot driver.get(); the driver caches those statements. Compared with a
// statement the caller prepared once, and with raw sql.js preparing and freeing per query.
async function pointQueries(n: number) {
  const driver = await openSqlJsDriver();
  driverInsert(driver, messageRows(1000));
  const sql = "SELECT * FROM msg WHERE client_msg_id = ?";
  const time = (fn: (i: number) => void) => {
    const started = performance.now();
    for (let i = 0; i < n; i++) fn(i);
    return round(((performance.now() - started) * 1000) / n, 1);
  };
  const oneShotUs = time((i) => driver.get(sql, [`cmid-${i % 1000}`]));
  const stmt = driver.prepare(sql);
  const preparedUs = time((i) => stmt.get([`cmid-${i % 1000}`]));
  stmt.free();
  driver.close();
  const SQL = await openSqlJs();
  const raw = new SQL.Database();
  raw.run(SCHEMA);
  const insert = raw.prepare(INSERT);
  for (const row of messageRows(1000)) insert.run(row);
  insert.free();
  const rawPrepareFreeUs = time((i) => {
    const s = raw.prepare(sql);
    s.bind([`cmid-${i % 1000}`]);
    s.step();
    s.getAsObject();
    s.free();
  });
  raw.close();
  return { queries: n, oneShotUs, preparedUs, rawPrepareFreeUs };
}

async function journalLatency(count: number, dir: string) {
  const driver = await openSqlJsDriver();
  driver.exec("CREATE TABLE draft (conv_id TEXT PRIMARY KEY, text TEXT, updated INTEGER)");
  const { journal } = await Journal.open(driver, new NodeFileJournalStore(join(dir, "bench.journal")));
  const micros: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await journal.append([{ sql: "INSERT OR REPLACE INTO draft VALUES (?, ?, ?)", params: [`conv-${i % 100}`, `draft text ${i}`, i] }]);
    micros.push((performance.now() - started) * 1000);
  }
  await journal.close();
  driver.close();
  return { appends: count, fsync: "fdatasync per append", p50Us: Math.round(percentile(micros, 50)), p99Us: Math.round(percentile(micros, 99)), maxUs: Math.round(Math.max(...micros)) };
}

const flags = { repeats: { kind: "int", min: 1, help: "alternating insert rounds, best-of reported (default 7)" } } as const;

export default defineBenchmark({
  name: "storage",
  description: "sql.js driver insert vs raw sql.js (50k rows); DAO upsertMany, snapshot ms vs DB size, journal append µs, better-sqlite3",
  async run(ctx) {
    const repeats = parseFlags(ctx.args, flags).repeats ?? 7;
    const dir = ctx.tmpDir;
    ctx.progress(`driver vs raw sql.js insert, 50k rows × ${repeats}`);
    const insert = await insertComparison(50_000, repeats);
    ctx.progress(`DAO upsertMany vs raw, 50k rows × ${Math.max(1, Math.ceil(repeats / 2))}`);
    const daoUpsert = await daoUpsertComparison(50_000, Math.max(1, Math.ceil(repeats / 2)));
    ctx.progress("better-sqlite3 reference");
    const bs3 = await betterSqliteInsert(50_000, dir);
    ctx.progress("snapshot cost at 10k and 100k rows");
    const snapshots = [await snapshotCost(10_000, dir, 5), await snapshotCost(100_000, dir, 3)];
    ctx.progress("point queries");
    const points = await pointQueries(20_000);
    ctx.progress("journal appends");
    const journal = await journalLatency(2000, dir);
    const ms = (label: string, value: number) => ({ label, value, unit: "ms", better: "lower" as const });
    return {
      figures: [
        { label: `sql.js driver insert (best of ${repeats})`, value: insert.driverRowsPerSec, unit: "rows/s" },
        { label: "generated DAO upsertMany", value: daoUpsert.daoRowsPerSec, unit: "rows/s" },
        { label: "raw sql.js INSERT into chat_logs (DAO's baseline)", value: daoUpsert.rawRowsPerSec, unit: "rows/s" },
        ...snapshots.map((sn) => ms(`snapshot ${sn.rows / 1000}k rows (${(sn.bytes / 1048576).toFixed(1)} MiB): export + save`, sn.totalMs)),
        { label: "journal append p50 (apply + write + fdatasync)", value: journal.p50Us, unit: "µs", better: "lower" as const },
        { label: "journal append p99", value: journal.p99Us, unit: "µs", better: "lower" as const },
        { label: "point query, driver.get one-shot", value: points.oneShotUs, unit: "µs", better: "lower" as const },
        { label: "point query, raw sql.js prepare+free", value: points.rawPrepareFreeUs, unit: "µs", better: "lower" as const },
      ],
      baseline: { label: `raw sql.js insert (best of ${repeats})`, value: insert.rawRowsPerSec, unit: "rows/s" },
      ratio: insert.driverRowsPerSec / insert.rawRowsPerSec,
      ratioMeaning: "of raw sql.js insert throughput",
      goal: { text: "driver and DAO ≥ 0.9× raw (architecture.md)", met: insert.ratio >= 0.9 && daoUpsert.ratio >= 0.9 },
      notes: [
        `insert medians: raw ${insert.rawMedianMs} ms, driver ${insert.driverMedianMs} ms (ratio ${insert.medianRatio}); DAO/raw ${daoUpsert.ratio} best, ${daoUpsert.medianRatio} median`,
        `snapshot 100k/10k cost ratio ${round(snapshots[1]!.totalMs / snapshots[0]!.totalMs, 2)}; export/save ms: ${snapshots.map((sn) => `${sn.rows}: ${sn.exportMs}/${sn.saveMs}`).join(", ")}`,
        `better-sqlite3, same rows: ${JSON.stringify(bs3)}`,
        `point query prepared once: ${points.preparedUs} µs; journal max ${journal.maxUs} µs over ${journal.appends} appends`,
      ],
    };
  },
});
