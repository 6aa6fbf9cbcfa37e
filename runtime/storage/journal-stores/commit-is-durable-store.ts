// For file-backed engines (better-sqlite3, synchronous=FULL) the COMMIT itself is durable, so the
// journal needs no separate record: the entry is already safe when the transaction returns.
import type { JournalRecord } from "./journal-frame.js";
import type { JournalReadResult, JournalStore } from "./journal-store.js";

export class CommitIsDurableJournalStore implements JournalStore {
  constructor(readonly location: string) {}

  async readAll(): Promise<JournalReadResult> {
    return { records: [], droppedBytes: 0 };
  }

  appendSync(_record: JournalRecord): void {}

  async append(_record: JournalRecord): Promise<void> {}

  async truncateThrough(_seq: number): Promise<void> {}

  async close(): Promise<void> {}
}
