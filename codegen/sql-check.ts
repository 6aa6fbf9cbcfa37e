// The last schema check, run on the finished IR: every table's DDL and every named query is
// prepared by a real SQLite (better-sqlite3, synchronous, in memory). The parser already checks
// columns and parameters; this catches what only SQLite knows — syntax errors, unknown functions,
// misplaced clauses — at codegen time instead of the first time an app runs the query.
import { createRequire } from "node:module";
import type { ApiSchemaIR } from "./ir/api.js";
import type { Diagnostic } from "./ir/index.js";
import { migrationSteps } from "./emitters/dao.js";

interface SqliteDatabase {
  exec(sql: string): void;
  prepare(sql: string): unknown;
  close(): void;
}

type SqliteConstructor = new (file: string) => SqliteDatabase;

export function checkSqlCompiles(ir: ApiSchemaIR): Diagnostic[] {
  if (ir.tables.length === 0) return [];
  const Database = createRequire(import.meta.url)("better-sqlite3") as SqliteConstructor;
  const db = new Database(":memory:");
  const diagnostics: Diagnostic[] = [];
  try {
    for (const sql of migrationSteps(ir.tables).flat()) {
      try {
        db.exec(sql);
      } catch (err) {
        // The parser validated every piece of the DDL; a failure here is a generator bug.
        throw new Error(`codegen: the generated DDL does not compile (${(err as Error).message}): ${sql}`);
      }
    }
    for (const table of ir.tables) {
      for (const query of table.queries) {
        try {
          db.prepare(query.sql);
        } catch (err) {
          diagnostics.push({
            ...location(query.source),
            message: `@query ${query.name}: SQLite rejects the SQL: ${(err as Error).message}`,
            hint: `fix the statement (as sent to SQLite: ${query.sql})`,
          });
        }
      }
    }
  } finally {
    db.close();
  }
  return diagnostics;
}

function location(source: string): { file: string; line: number; col: number } {
  const at = source.lastIndexOf(":");
  return { file: source.slice(0, at), line: Number(source.slice(at + 1)), col: 1 };
}
