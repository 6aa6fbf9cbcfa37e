// StorageDriver over better-sqlite3: native SQLite on a file (WAL), Node only. The file is the
// persistence, so no snapshots are needed; each COMMIT is durable per the `synchronous` level.
// better-sqlite3 is an optional dependency and is loaded only when this driver is opened.
import {
  StorageError,
  type PreparedStatement,
  type RunResult,
  type SqlRow,
  type SqlValue,
  type StorageDriver,
} from "../contracts/storage.js";
import type BetterSqlite3 from "better-sqlite3";
import { checkParams, closedError, wrapEngineError } from "./sql-values.js";
import { TransactionScope } from "./transaction-scope.js";
import { StatementCache } from "./statement-cache.js";
import type { StorageDiagnostics, TransactionState } from "./storage-capabilities.js";

type EngineDatabase = BetterSqlite3.Database;
type EngineStatement = BetterSqlite3.Statement<unknown[], unknown>;

export interface BetterSqlite3DriverOptions {
  /** Database file path, or ":memory:". */
  path: string;
  /** NORMAL survives process crashes; FULL also survives power loss. Default FULL. */
  synchronous?: "NORMAL" | "FULL";
  /** Extra pragmas applied at open, e.g. ["foreign_keys = ON"] (that one is the default). */
  pragmas?: readonly string[];
}

export async function openBetterSqlite3Driver(options: BetterSqlite3DriverOptions): Promise<BetterSqlite3Driver> {
  let Database: typeof BetterSqlite3;
  try {
    Database = (await import("better-sqlite3")).default;
  } catch (err) {
    throw new StorageError(
      "better-sqlite3 is not installed (it is an optional dependency); install it or use the sql.js driver",
      undefined,
      err,
    );
  }
  let db: EngineDatabase;
  try {
    db = new Database(options.path);
    if (options.path !== ":memory:") db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${options.synchronous ?? "FULL"}`);
    for (const pragma of options.pragmas ?? ["foreign_keys = ON"]) db.pragma(pragma);
  } catch (err) {
    throw new StorageError(
      `could not open SQLite file ${options.path}: ${err instanceof Error ? err.message : String(err)}; ` +
        "check that the directory exists and is writable and that the file is a SQLite database",
      undefined,
      err,
    );
  }
  return new BetterSqlite3Driver(db);
}

export class BetterSqlite3Driver implements StorageDriver, StorageDiagnostics, TransactionState {
  readonly name = "better-sqlite3";
  private db: EngineDatabase | null;
  private readonly live = new Set<NativeStatement>();
  private readonly controls = new Map<string, EngineStatement>();
  private readonly oneShots = new StatementCache<NativeStatement>();
  private readonly scope: TransactionScope;

  constructor(db: EngineDatabase) {
    this.db = db;
    this.scope = new TransactionScope((sql) => this.runControl(sql));
  }

  get writeVersion(): number {
    return this.scope.writeVersion;
  }

  get liveStatementCount(): number {
    return this.live.size;
  }

  get inTransaction(): boolean {
    return this.scope.inTransaction;
  }

  onCommittedWrite(listener: (version: number) => void): () => void {
    return this.scope.onCommittedWrite(listener);
  }

  /** @internal */
  engine(sql: string): EngineDatabase {
    if (!this.db) throw closedError(this.name, sql);
    return this.db;
  }

  /** @internal */
  markWrite(): void {
    this.scope.markWrite();
  }

  /** @internal */
  forget(stmt: NativeStatement): void {
    this.live.delete(stmt);
  }

  exec(sql: string): void {
    const db = this.engine(sql);
    try {
      db.exec(sql);
    } catch (err) {
      throw wrapEngineError("exec", sql, err);
    }
    this.scope.markWrite();
  }

  prepare(sql: string): PreparedStatement {
    const stmt = new NativeStatement(this, sql, this.compile(this.engine(sql), sql));
    this.live.add(stmt);
    return stmt;
  }

  run(sql: string, params?: readonly SqlValue[]): RunResult {
    return this.oneShot(sql, (s) => s.run(params));
  }

  get(sql: string, params?: readonly SqlValue[]): SqlRow | undefined {
    return this.oneShot(sql, (s) => s.get(params));
  }

  all(sql: string, params?: readonly SqlValue[]): SqlRow[] {
    return this.oneShot(sql, (s) => s.all(params));
  }

  transaction<T>(fn: () => T): T {
    this.engine("BEGIN");
    return this.scope.run(fn);
  }

  close(): void {
    if (!this.db) return;
    for (const stmt of [...this.live]) stmt.free();
    this.oneShots.freeAll();
    this.controls.clear();
    const db = this.db;
    this.db = null;
    try {
      db.close();
    } catch (err) {
      throw wrapEngineError("close", "(close)", err);
    }
  }

  private oneShot<T>(sql: string, use: (stmt: PreparedStatement) => T): T {
    const db = this.engine(sql);
    return use(this.oneShots.obtain(sql, () => new NativeStatement(this, sql, this.compile(db, sql))));
  }

  private compile(db: EngineDatabase, sql: string): EngineStatement {
    try {
      return db.prepare(sql);
    } catch (err) {
      throw wrapEngineError("prepare", sql, err);
    }
  }

  private runControl(sql: string): void {
    const db = this.engine(sql);
    try {
      let stmt = this.controls.get(sql);
      if (!stmt) {
        stmt = db.prepare(sql);
        this.controls.set(sql, stmt);
      }
      stmt.run();
    } catch (err) {
      throw wrapEngineError("transaction control", sql, err);
    }
  }
}

// better-sqlite3 statements are garbage-collected, not freed; free() here only marks the handle
// dead so both drivers behave the same (use after free is an error, live count drops).
class NativeStatement implements PreparedStatement {
  private inner: EngineStatement | null;

  constructor(
    private readonly driver: BetterSqlite3Driver,
    private readonly sql: string,
    inner: EngineStatement,
  ) {
    this.inner = inner;
  }

  run(params?: readonly SqlValue[]): RunResult {
    const stmt = this.ready(params);
    let changes: number;
    try {
      if (stmt.reader) {
        // better-sqlite3's run() rejects statements that return rows. A writing one
        // (INSERT … RETURNING) returns one row per changed row.
        const rows = stmt.all(...(params ?? []));
        changes = stmt.readonly ? 0 : rows.length;
      } else {
        changes = stmt.run(...(params ?? [])).changes;
      }
    } catch (err) {
      throw wrapEngineError("run", this.sql, err);
    }
    if (!stmt.readonly) this.driver.markWrite();
    return { changes };
  }

  get(params?: readonly SqlValue[]): SqlRow | undefined {
    const stmt = this.ready(params);
    let row: SqlRow | undefined;
    try {
      if (stmt.reader) row = stmt.get(...(params ?? [])) as SqlRow | undefined;
      else stmt.run(...(params ?? []));
    } catch (err) {
      throw wrapEngineError("get", this.sql, err);
    }
    if (!stmt.readonly) this.driver.markWrite();
    return row && normalizeRow(row);
  }

  all(params?: readonly SqlValue[]): SqlRow[] {
    const stmt = this.ready(params);
    let rows: SqlRow[] = [];
    try {
      if (stmt.reader) rows = stmt.all(...(params ?? [])) as SqlRow[];
      else stmt.run(...(params ?? []));
    } catch (err) {
      throw wrapEngineError("all", this.sql, err);
    }
    if (!stmt.readonly) this.driver.markWrite();
    for (const row of rows) normalizeRow(row);
    return rows;
  }

  free(): void {
    if (!this.inner) return;
    this.inner = null;
    this.driver.forget(this);
  }

  private ready(params: readonly SqlValue[] | undefined): EngineStatement {
    if (!this.inner) {
      throw new StorageError(`statement was freed; prepare it again — SQL: ${this.sql}`, this.sql);
    }
    this.driver.engine(this.sql);
    if (params) checkParams(params, this.sql);
    return this.inner;
  }
}

// better-sqlite3 returns Buffer for BLOBs; the contract promises plain Uint8Array.
function normalizeRow(row: SqlRow): SqlRow {
  for (const key in row) {
    const value = row[key];
    if (value instanceof Uint8Array && value.constructor !== Uint8Array) {
      row[key] = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    }
  }
  return row;
}
