// Journal records in process memory: for tests and in-memory sessions. Not durable across processes.
import type { JournalRecord } from "./journal-frame.js";
import type { JournalReadResult, JournalStore } from "./journal-store.js";

export class MemoryJournalStore implements JournalStore {
  readonly location = "memory:journal";
  readonly records: JournalRecord[] = [];

  async readAll(): Promise<JournalReadResult> {
    return { records: this.records.map((r) => ({ seq: r.seq, payload: r.payload.slice() })), droppedBytes: 0 };
  }

  appendSync(record: JournalRecord): void {
    this.records.push({ seq: record.seq, payload: record.payload.slice() });
  }

  async append(record: JournalRecord): Promise<void> {
    this.appendSync(record);
  }

  async truncateThrough(seq: number): Promise<void> {
    const keep = this.records.filter((r) => r.seq > seq);
    this.records.splice(0, this.records.length, ...keep);
  }

  async close(): Promise<void> {}
}
