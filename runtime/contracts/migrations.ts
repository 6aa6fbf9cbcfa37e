// Runs the generated schema migrations. The database records its version in `schema_version`;
// each step N takes it from N-1 to N in one transaction (the statements and the version bump commit
// together), so a crash mid-upgrade leaves the last complete version, and data is kept.
import { StorageError, type StorageDriver } from "./storage.js";

/** Statements per version: `steps[0]` creates version 1, `steps[N-1]` upgrades N-1 → N. */
export type MigrationSteps = readonly (readonly string[])[];

export interface MigrationResult {
  from: number;
  to: number;
}

export function currentSchemaVersion(db: StorageDriver): number {
  db.exec("CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)");
  const row = db.get("SELECT version FROM schema_version WHERE id = 1");
  return row ? Number(row["version"]) : 0;
}

/** Brings `db` to `steps.length` (or to `target`, for tests of an older schema). */
export function runMigrations(db: StorageDriver, steps: MigrationSteps, target = steps.length): MigrationResult {
  const from = currentSchemaVersion(db);
  if (from > steps.length)
    throw new StorageError(
      `local database is at schema version ${from}, newer than this SDK knows (${steps.length}); upgrade the SDK or remove the local data folder`,
    );
  for (let v = from + 1; v <= target; v++) {
    db.transaction(() => {
      for (const sql of steps[v - 1]!) db.exec(sql);
      db.run("INSERT INTO schema_version (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version", [v]);
    });
  }
  return { from, to: Math.max(from, target) };
}
