// Parameter checks and error wrapping shared by every driver. Engines give vague messages for
// bad binds ("unknown type", or silently store NULL for undefined); the caller deserves to
// know which parameter of which statement was wrong.
import { StorageError, type SqlValue } from "../contracts/storage.js";

const SQL_EXCERPT_LIMIT = 300;

export function sqlExcerpt(sql: string): string {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > SQL_EXCERPT_LIMIT ? `${flat.slice(0, SQL_EXCERPT_LIMIT)}…` : flat;
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "number") return String(value);
  if (typeof value === "bigint") return `bigint ${value}n`;
  if (typeof value === "object") return value === null ? "null" : (value.constructor?.name ?? "object");
  return typeof value;
}

/** Throws a StorageError naming the first parameter that SQLite cannot store faithfully. */
export function checkParams(params: readonly unknown[], sql: string): void {
  for (let i = 0; i < params.length; i++) {
    const v = params[i];
    if (v === null || typeof v === "string" || v instanceof Uint8Array) continue;
    if (typeof v === "number" && Number.isFinite(v)) {
      // Int64 columns (seqs, times) are plain numbers; past 2^53 they silently lose digits.
      if (!Number.isInteger(v) || Number.isSafeInteger(v)) continue;
      throw new StorageError(
        `parameter ${i + 1} is ${v}, an integer beyond 2^53 that cannot be stored exactly; ` +
          `check the value at its source (int64 fields must be safe integers) — SQL: ${sqlExcerpt(sql)}`,
        sql,
      );
    }
    throw new StorageError(
      `parameter ${i + 1} is ${describe(v)}; bind a string, finite number, null or Uint8Array ` +
        `(convert booleans to 0/1, bigint to number, and use null for "no value") — SQL: ${sqlExcerpt(sql)}`,
      sql,
    );
  }
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Wraps an engine failure so the caller sees what failed and on which SQL. */
export function wrapEngineError(action: string, sql: string, err: unknown): StorageError {
  if (err instanceof StorageError) return err;
  return new StorageError(`${action} failed: ${messageOf(err)} — SQL: ${sqlExcerpt(sql)}`, sql, err);
}

export function closedError(driverName: string, sql?: string): StorageError {
  return new StorageError(
    `${driverName} database is closed; open it again before running statements`,
    sql,
  );
}

export type { SqlValue };
