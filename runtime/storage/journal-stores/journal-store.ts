// Where journal records live until a snapshot covers them.
import type { JournalRecord } from "./journal-frame.js";

export interface JournalReadResult {
  records: JournalRecord[];
  /** Bytes of a torn or corrupt tail that were dropped (0 when the journal was intact). */
  droppedBytes: number;
}

export interface JournalStore {
  readonly location: string;
  /** Intact records in append order. A torn tail is dropped and removed so later appends follow the intact prefix. */
  readAll(): Promise<JournalReadResult>;
  /** Durable when it returns. Present where the medium allows synchronous durable writes (Node files, memory). */
  appendSync?(record: JournalRecord): void;
  /** Durable when it resolves. */
  append(record: JournalRecord): Promise<void>;
  /** Drop every record with seq <= `seq` (a snapshot now holds them). */
  truncateThrough(seq: number): Promise<void>;
  close(): Promise<void>;
}
