// Opens the devserver's SQLite database (a file, or memory for tests) and applies the schema.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DDL, SCHEMA_VERSION } from "./schema.js";

export type Db = Database.Database;

export function openDatabase(file: string | null): Db {
  if (file) mkdirSync(dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file ?? ":memory:");
  } catch (err) {
    throw new Error(`devserver: cannot open data file ${file}: ${(err as Error).message}`);
  }
  // WAL keeps a crash from corrupting the file; the devserver is the only writer.
  if (file) db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version !== 0 && version !== SCHEMA_VERSION) {
    db.close();
    throw new Error(
      `devserver: ${file} was written by a devserver with schema ${version}, this one uses ${SCHEMA_VERSION}; delete the file or use another --data path`,
    );
  }
  db.exec(DDL);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
  return db;
}
