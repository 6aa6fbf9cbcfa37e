// Per-conversation seq counters and each user's window (minSeq..maxSeq) and read pointer.
import type { Db } from "./database.js";

export interface UserSeq {
  minSeq: number;
  /** Upper bound of the user's window; 0 = none. */
  maxSeq: number;
  readSeq: number;
}

export class SeqStore {
  private readonly maxStmt;
  private readonly allocStmt;
  private readonly userStmt;
  private readonly upsertUser;
  private readonly setMinStmt;
  constructor(db: Db) {
    this.maxStmt = db.prepare<[string], { max_seq: number; min_seq: number; max_seq_time: number }>(
      "SELECT max_seq, min_seq, max_seq_time FROM seq_conversation WHERE conversation_id = ?",
    );
    this.setMinStmt = db.prepare("UPDATE seq_conversation SET min_seq = ? WHERE conversation_id = ?");
    this.allocStmt = db.prepare<[{ cid: string; now: number }], { max_seq: number }>(
      `INSERT INTO seq_conversation (conversation_id, max_seq, max_seq_time) VALUES (@cid, 1, @now)
       ON CONFLICT (conversation_id) DO UPDATE SET max_seq = max_seq + 1, max_seq_time = @now RETURNING max_seq`,
    );
    this.userStmt = db.prepare<[string, string], { min_seq: number; max_seq: number; read_seq: number }>(
      "SELECT min_seq, max_seq, read_seq FROM seq_user WHERE user_id = ? AND conversation_id = ?",
    );
    this.upsertUser = db.prepare(
      `INSERT INTO seq_user (user_id, conversation_id, min_seq, max_seq, read_seq) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (user_id, conversation_id) DO UPDATE SET min_seq = excluded.min_seq, max_seq = excluded.max_seq, read_seq = excluded.read_seq`,
    );
  }

  /** Next seq of the conversation (1, 2, …); call inside the storing transaction. */
  allocate(conversationID: string, nowMs: number): number {
    return this.allocStmt.get({ cid: conversationID, now: nowMs })!.max_seq;
  }

  maxSeq(conversationID: string): number {
    return this.maxStmt.get(conversationID)?.max_seq ?? 0;
  }

  maxSeqTime(conversationID: string): number {
    return this.maxStmt.get(conversationID)?.max_seq_time ?? 0;
  }

  /** Hides seqs below `minSeq` from every user (clear for everyone). */
  setConversationMinSeq(conversationID: string, minSeq: number): void {
    this.setMinStmt.run(minSeq, conversationID);
  }

  user(userID: string, conversationID: string): UserSeq {
    const r = this.userStmt.get(userID, conversationID);
    return r ? { minSeq: r.min_seq, maxSeq: r.max_seq, readSeq: r.read_seq } : { minSeq: 0, maxSeq: 0, readSeq: 0 };
  }

  setUser(userID: string, conversationID: string, patch: Partial<UserSeq>): void {
    const cur = this.user(userID, conversationID);
    const next = { ...cur, ...patch };
    this.upsertUser.run(userID, conversationID, next.minSeq, next.maxSeq, next.readSeq);
  }

  /** The seq range a user may see: [max(1, convMin, userMin), min(convMax, userMax when set)]. */
  window(userID: string, conversationID: string): { minSeq: number; maxSeq: number } {
    const u = this.user(userID, conversationID);
    const conv = this.maxStmt.get(conversationID);
    let maxSeq = conv?.max_seq ?? 0;
    if (u.maxSeq > 0 && u.maxSeq < maxSeq) maxSeq = u.maxSeq;
    return { minSeq: Math.max(1, conv?.min_seq ?? 0, u.minSeq), maxSeq };
  }
}
