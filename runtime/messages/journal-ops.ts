// Turns generated DAO calls into journal entries: the DAOs run against a driver that records
// each statement instead of executing it, so durable writes reuse the generated SQL exactly.
import { createDaos, type Daos } from "../../generated/dao/index.js";
import { StorageError, type SqlValue, type StorageDriver } from "../contracts/storage.js";
import type { JournalOp } from "../storage/journal.js";

class RecordingDriver implements StorageDriver {
  readonly name = "journal-recorder";
  readonly writeVersion = 0;
  readonly ops: JournalOp[] = [];

  exec(sql: string): void {
    this.ops.push({ sql });
  }
  run(sql: string, params: readonly SqlValue[] = []) {
    this.ops.push({ sql, params: [...params] });
    return { changes: 0 };
  }
  prepare(sql: string) {
    return {
      run: (params: readonly SqlValue[] = []) => this.run(sql, params),
      get: () => this.refuse(sql),
      all: () => this.refuse(sql),
      free: () => {},
    };
  }
  get(sql: string): never {
    return this.refuse(sql);
  }
  all(sql: string): never {
    return this.refuse(sql);
  }
  transaction<T>(fn: () => T): T {
    return fn();
  }
  close(): void {}

  private refuse(sql: string): never {
    throw new StorageError("journal entries hold writes only; read before recording", sql);
  }
}

/** The writes `write` makes through the DAOs, as one journal entry (nothing is executed). */
export function journalOps(write: (daos: Daos) => void): JournalOp[] {
  const recorder = new RecordingDriver();
  write(createDaos(recorder));
  return recorder.ops;
}
