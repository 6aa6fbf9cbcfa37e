// StorageDriver over sql.js (in-memory SQLite in WASM). Persistence is done elsewhere from
// exportSnapshot(); this file only guarantees correct, leak-free statement handling.
//
// sql.js 1.13's export() closes and re-opens the database: it frees every prepared statement
// and resets pragmas. Our statement handles therefore keep their SQL and re-prepare lazily
// after an export, and the driver re-applies its pragmas, so callers never notice.
import initSqlJs from "sql.js";
import {
  StorageError,
  type PreparedStatement,
  type RunResult,
  type SqlRow,
  type SqlValue,
  type StorageDriver,
} from "../contracts/storage.js";
import { openSqlJs, type SqlJsLoadOptions } from "./sqljs-module.js";
import { checkParams, closedError, sqlExcerpt, wrapEngineError } from "./sql-values.js";
import { TransactionScope } from "./transaction-scope.js";
import { StatementCache } from "./statement-cache.js";
import type { SnapshotSource, StorageDiagnostics, TransactionState } from "./storage-capabilities.js";

type EngineDatabase = initSqlJs.Database;
type EngineStatement = initSqlJs.Statement;

export interface SqlJsDriverOptions extends SqlJsLoadOptions {
  /** A snapshot to start from (the bytes of a SQLite database file). */
  snapshot?: Uint8Array | null;
  /** Where the snapshot came from (a file path, "indexeddb:…"), named in the error when it is unreadable. */
  snapshotLocation?: string;
  /** Pragmas applied at open and again after every export, e.g. ["foreign_keys = ON"]. */
  pragmas?: readonly string[];
}

const DEFAULT_PRAGMAS = ["foreign_keys = ON"];
// sql.js keeps the database as a file in Emscripten's in-memory file system, so by default every
// autocommit statement locks, journals and unlocks that file through JS calls (~5× the cost of the
// write itself). Nothing else ever opens the file and nothing on it survives the process — the
// snapshots do — so the rollback journal stays in memory and the lock is held. Always applied.
const ENGINE_PRAGMAS = ["journal_mode = MEMORY", "locking_mode = EXCLUSIVE"];
// Statements whose execution cannot change data; everything else counts as a write.
const READ_ONLY_SQL = /^\s*(SELECT|VALUES|EXPLAIN)\b/i;

export async function openSqlJsDriver(options: SqlJsDriverOptions = {}): Promise<SqlJsDriver> {
  const SQL = await openSqlJs(options);
  let db: EngineDatabase;
  try {
    db = new SQL.Database(options.snapshot ?? undefined);
    // sql.js opens lazily; touching the schema surfaces a corrupt snapshot now, not later.
    db.exec("SELECT count(*) FROM sqlite_master");
  } catch (err) {
    throw new StorageError(
      `the snapshot${options.snapshotLocation ? ` ${options.snapshotLocation}` : ""} is not a readable SQLite database (${err instanceof Error ? err.message : String(err)}); ` +
        "delete or restore it to start from an empty database",
      undefined,
      err,
    );
  }
  return new SqlJsDriver(db, options.pragmas ?? DEFAULT_PRAGMAS);
}

export class SqlJsDriver implements StorageDriver, SnapshotSource, StorageDiagnostics, TransactionState {
  readonly name = "sql.js";
  private db: EngineDatabase | null;
  private readonly live = new Set<SqlJsStatement>();
  private readonly controls = new Map<string, EngineStatement>();
  private readonly oneShots = new StatementCache<SqlJsStatement>();
  private readonly scope: TransactionScope;

  constructor(db: EngineDatabase, private readonly pragmas: readonly string[]) {
    this.db = db;
    this.scope = new TransactionScope((sql) => this.runControl(sql));
    this.applyPragmas();
  }

  get writeVersion(): number {
    return this.scope.writeVersion;
  }

  get liveStatementCount(): number {
    return this.live.size;
  }

  /** Statements alive inside sql.js itself (prepared ones, cached one-shots and transaction controls); for leak tests. */
  get engineStatementCount(): number {
    if (!this.db) return 0;
    const registry = engineStatementRegistry(this.db);
    return registry ? Object.keys(registry).length : Number.NaN;
  }

  get inTransaction(): boolean {
    return this.scope.inTransaction;
  }

  onCommittedWrite(listener: (version: number) => void): () => void {
    return this.scope.onCommittedWrite(listener);
  }

  /** @internal used by statement handles */
  engine(sql: string): EngineDatabase {
    if (!this.db) throw closedError(this.name, sql);
    return this.db;
  }

  /** @internal */
  markWrite(): void {
    this.scope.markWrite();
  }

  /** @internal */
  forget(stmt: SqlJsStatement): void {
    this.live.delete(stmt);
  }

  exec(sql: string): void {
    const db = this.engine(sql);
    try {
      db.run(sql);
    } catch (err) {
      throw wrapEngineError("exec", sql, err);
    }
    this.scope.markWrite();
  }

  prepare(sql: string): PreparedStatement {
    const stmt = new SqlJsStatement(this, sql, !READ_ONLY_SQL.test(sql));
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

  /**
   * The whole database as SQLite file bytes. Must not be called inside a transaction (the
   * export would silently end it). Prepared statements stay usable: they re-prepare on next use.
   */
  exportSnapshot(): Uint8Array {
    const db = this.engine("export");
    if (this.scope.inTransaction) {
      throw new StorageError("exportSnapshot() called inside a transaction; export after it commits");
    }
    let bytes: Uint8Array;
    try {
      bytes = db.export();
    } catch (err) {
      throw wrapEngineError("export", "(export)", err);
    } finally {
      // export() freed every engine statement, ours included.
      for (const stmt of this.live) stmt.invalidate();
      for (const stmt of this.oneShots.values()) stmt.invalidate();
      this.controls.clear();
    }
    this.applyPragmas();
    return bytes;
  }

  close(): void {
    if (!this.db) return;
    for (const stmt of [...this.live]) stmt.free();
    this.oneShots.freeAll();
    for (const control of this.controls.values()) control.free();
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
    this.engine(sql);
    return use(this.oneShots.obtain(sql, () => new SqlJsStatement(this, sql, !READ_ONLY_SQL.test(sql))));
  }

  // BEGIN/COMMIT/SAVEPOINT run on every transaction; cached so a batch costs no re-parse.
  private runControl(sql: string): void {
    const db = this.engine(sql);
    let stmt = this.controls.get(sql);
    try {
      if (!stmt) {
        stmt = db.prepare(sql);
        this.controls.set(sql, stmt);
      }
      stmt.run();
    } catch (err) {
      throw wrapEngineError("transaction control", sql, err);
    }
  }

  private applyPragmas(): void {
    for (const pragma of [...ENGINE_PRAGMAS, ...this.pragmas]) this.engine(pragma).run(`PRAGMA ${pragma}`);
  }
}

class SqlJsStatement implements PreparedStatement {
  private inner: EngineStatement | null = null;
  private freed = false;
  private parameterCount: number | undefined;
  private columns: string[] | undefined;

  constructor(
    private readonly driver: SqlJsDriver,
    private readonly sql: string,
    private readonly mayWrite: boolean,
  ) {
    this.compile();
  }

  run(params?: readonly SqlValue[]): RunResult {
    const stmt = this.ready(params);
    try {
      stmt.run(params as SqlValue[] | undefined);
    } catch (err) {
      stmt.reset();
      throw wrapEngineError("run", this.sql, err);
    }
    const changes = this.driver.engine(this.sql).getRowsModified();
    if (this.mayWrite) this.driver.markWrite();
    return { changes };
  }

  get(params?: readonly SqlValue[]): SqlRow | undefined {
    const stmt = this.ready(params);
    try {
      if (params) stmt.bind(params as SqlValue[]);
      const row = stmt.step() ? this.rowOf(stmt, this.columnNames(stmt)) : undefined;
      stmt.reset();
      if (this.mayWrite) this.driver.markWrite();
      return row;
    } catch (err) {
      stmt.reset();
      throw wrapEngineError("get", this.sql, err);
    }
  }

  all(params?: readonly SqlValue[]): SqlRow[] {
    const stmt = this.ready(params);
    try {
      if (params) stmt.bind(params as SqlValue[]);
      const rows: SqlRow[] = [];
      if (stmt.step()) {
        const columns = this.columnNames(stmt);
        do rows.push(this.rowOf(stmt, columns));
        while (stmt.step());
      }
      stmt.reset();
      if (this.mayWrite) this.driver.markWrite();
      return rows;
    } catch (err) {
      stmt.reset();
      throw wrapEngineError("all", this.sql, err);
    }
  }

  free(): void {
    if (this.freed) return;
    this.freed = true;
    this.driver.forget(this);
    const inner = this.inner;
    this.inner = null;
    inner?.free();
  }

  /** The engine freed our statement (export); compile again on next use. */
  invalidate(): void {
    this.inner = null;
    this.columns = undefined;
  }

  // sql.js's getAsObject() asks the engine for every column name again on each row: kept per compile.
  private columnNames(stmt: EngineStatement): string[] {
    return (this.columns ??= stmt.getColumnNames());
  }

  private rowOf(stmt: EngineStatement, columns: readonly string[]): SqlRow {
    const values = stmt.get();
    // SQLite re-prepares a statement by itself after a schema change; a `SELECT *` then has other columns.
    if (values.length !== columns.length) columns = this.columns = stmt.getColumnNames();
    const row: SqlRow = {};
    for (let i = 0; i < columns.length; i++) row[columns[i]!] = values[i] ?? null;
    return row;
  }

  private ready(params: readonly SqlValue[] | undefined): EngineStatement {
    if (this.freed) {
      throw new StorageError(`statement was freed; prepare it again — SQL: ${this.sql}`, this.sql);
    }
    const inner = this.inner ?? this.compile();
    const given = params?.length ?? 0;
    if (given !== this.parameterCount) {
      // sql.js would silently bind NULL to parameters left out; better-sqlite3 refuses. Refuse here too.
      throw new StorageError(
        `statement expects ${this.parameterCount} parameter(s) but got ${given} — SQL: ${sqlExcerpt(this.sql)}`,
        this.sql,
      );
    }
    if (params) checkParams(params, this.sql);
    return inner;
  }

  private compile(): EngineStatement {
    const db = this.driver.engine(this.sql);
    try {
      this.inner = db.prepare(this.sql);
    } catch (err) {
      this.driver.forget(this);
      this.freed = true;
      throw wrapEngineError("prepare", this.sql, err);
    }
    this.parameterCount ??= countParameters(this.inner);
    return this.inner;
  }
}

// sql.js does not expose sqlite3_bind_parameter_count; binding k numbers succeeds exactly while
// k <= the parameter count (numbers, because an out-of-range NULL bind fails silently in sql.js).
// Done once per statement, at compile time; capped so a surprise can never loop forever.
const MAX_PROBED_PARAMETERS = 32766; // SQLite's default SQLITE_MAX_VARIABLE_NUMBER
function countParameters(stmt: EngineStatement): number {
  let count = 0;
  while (count < MAX_PROBED_PARAMETERS) {
    try {
      stmt.bind(new Array<number>(count + 1).fill(0));
    } catch {
      break;
    }
    count++;
  }
  stmt.reset();
  return count;
}

// sql.js tracks every unfreed statement in a private map whose property name is minified in
// the dist build; find it by looking for the map that holds a freshly prepared probe.
function engineStatementRegistry(db: EngineDatabase): Record<string, unknown> | undefined {
  const probe = db.prepare("SELECT 1");
  try {
    for (const value of Object.values(db as unknown as Record<string, unknown>)) {
      if (value && typeof value === "object" && Object.values(value).includes(probe)) {
        const registry = value as Record<string, unknown>;
        return Object.fromEntries(Object.entries(registry).filter(([, stmt]) => stmt !== probe));
      }
    }
    return undefined;
  } finally {
    probe.free();
  }
}
