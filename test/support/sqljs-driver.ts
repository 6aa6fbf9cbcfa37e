// Minimal sql.js StorageDriver for the codegen tests (the real driver lives in runtime/storage).
// In-memory only; enough to run the generated DAOs and migrations on the real engine.
import initSqlJs, { type Database, type SqlValue as SqlJsValue, type Statement } from "sql.js";
import { StorageError, type PreparedStatement, type SqlRow, type SqlValue, type StorageDriver } from "../../runtime/contracts/storage.js";

let engine: Awaited<ReturnType<typeof initSqlJs>> | undefined;

export async function openSqlJs(bytes?: Uint8Array): Promise<SqlJsTestDriver> {
  engine ??= await initSqlJs();
  return new SqlJsTestDriver(new engine.Database(bytes));
}

function wrap<T>(sql: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new StorageError(`${(e as Error).message} (in: ${sql.slice(0, 120)})`, sql, e);
  }
}

class SqlJsStatement implements PreparedStatement {
  constructor(
    private readonly db: SqlJsTestDriver,
    private readonly stmt: Statement,
    private readonly sql: string,
  ) {}

  private bind(params: readonly SqlValue[] | undefined): void {
    this.stmt.reset();
    if (params && params.length > 0) this.stmt.bind(params as SqlJsValue[]);
  }

  run(params?: readonly SqlValue[]) {
    return wrap(this.sql, () => {
      this.bind(params);
      this.stmt.step();
      this.stmt.reset();
      return { changes: this.db.raw.getRowsModified() };
    });
  }

  get(params?: readonly SqlValue[]): SqlRow | undefined {
    return wrap(this.sql, () => {
      this.bind(params);
      const row = this.stmt.step() ? (this.stmt.getAsObject() as SqlRow) : undefined;
      this.stmt.reset();
      return row;
    });
  }

  all(params?: readonly SqlValue[]): SqlRow[] {
    return wrap(this.sql, () => {
      this.bind(params);
      const rows: SqlRow[] = [];
      while (this.stmt.step()) rows.push(this.stmt.getAsObject() as SqlRow);
      this.stmt.reset();
      return rows;
    });
  }

  free(): void {
    this.db.open.delete(this);
    this.stmt.free();
  }
}

export class SqlJsTestDriver implements StorageDriver {
  readonly name = "sql.js (test)";
  writeVersion = 0;
  /** Statements prepared and not yet freed: tests assert the DAOs free theirs. */
  readonly open = new Set<SqlJsStatement>();
  private depth = 0;

  constructor(readonly raw: Database) {}

  exec(sql: string): void {
    wrap(sql, () => this.raw.exec(sql));
  }

  prepare(sql: string): PreparedStatement {
    const st = new SqlJsStatement(this, wrap(sql, () => this.raw.prepare(sql)), sql);
    this.open.add(st);
    return st;
  }

  private once<T>(sql: string, fn: (st: PreparedStatement) => T): T {
    const st = this.prepare(sql);
    try {
      return fn(st);
    } finally {
      st.free();
    }
  }

  run(sql: string, params?: readonly SqlValue[]) {
    const r = this.once(sql, (st) => st.run(params));
    if (this.depth === 0 && r.changes > 0) this.writeVersion++;
    return r;
  }

  get(sql: string, params?: readonly SqlValue[]) {
    return this.once(sql, (st) => st.get(params));
  }

  all(sql: string, params?: readonly SqlValue[]) {
    return this.once(sql, (st) => st.all(params));
  }

  transaction<T>(fn: () => T): T {
    if (this.depth > 0) return fn();
    this.raw.exec("BEGIN");
    this.depth++;
    try {
      const out = fn();
      this.raw.exec("COMMIT");
      this.writeVersion++;
      return out;
    } catch (e) {
      this.raw.exec("ROLLBACK");
      throw e;
    } finally {
      this.depth--;
    }
  }

  close(): void {
    for (const st of [...this.open]) st.free();
    this.raw.close();
  }
}
