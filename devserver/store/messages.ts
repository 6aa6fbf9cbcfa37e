// Stored messages (protobuf-encoded MsgData per conversation and seq), per-user deletions and
// the clientMsgID dedup table that makes resends idempotent.
import type { Db } from "./database.js";

export interface StoredMessage {
  conversationID: string;
  seq: number;
  body: Uint8Array;
  revoked: boolean;
}

export interface SentAck {
  serverMsgID: string;
  sendTime: number;
}

type Raw = { conversation_id: string; seq: number; body: Buffer; revoked: number };
const fromRaw = (r: Raw): StoredMessage => ({ conversationID: r.conversation_id, seq: r.seq, body: new Uint8Array(r.body), revoked: r.revoked === 1 });

export class MessageStore {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly rangeStmt;
  private readonly lastStmt;
  private readonly replaceStmt;
  private readonly deleteStmt;
  private readonly userDeleteStmt;
  private readonly userDeletedStmt;
  private readonly ackGet;
  private readonly ackPut;
  constructor(db: Db) {
    this.insertStmt = db.prepare("INSERT INTO messages (conversation_id, seq, client_msg_id, send_id, body) VALUES (?, ?, ?, ?, ?)");
    this.getStmt = db.prepare<[string, number], Raw>("SELECT conversation_id, seq, body, revoked FROM messages WHERE conversation_id = ? AND seq = ?");
    this.rangeStmt = db.prepare<[string, number, number], Raw>(
      "SELECT conversation_id, seq, body, revoked FROM messages WHERE conversation_id = ? AND seq BETWEEN ? AND ? ORDER BY seq",
    );
    this.lastStmt = db.prepare<[{ cid: string; user: string; from: number; to: number }], Raw>(
      `SELECT conversation_id, seq, body, revoked FROM messages m WHERE conversation_id = @cid AND seq BETWEEN @from AND @to
       AND NOT EXISTS (SELECT 1 FROM message_user_deletes d WHERE d.user_id = @user AND d.conversation_id = m.conversation_id AND d.seq = m.seq)
       ORDER BY seq DESC LIMIT 1`,
    );
    this.replaceStmt = db.prepare("UPDATE messages SET body = ?, revoked = ? WHERE conversation_id = ? AND seq = ?");
    this.deleteStmt = db.prepare("DELETE FROM messages WHERE conversation_id = ? AND seq = ?");
    this.userDeleteStmt = db.prepare("INSERT OR IGNORE INTO message_user_deletes (user_id, conversation_id, seq) VALUES (?, ?, ?)");
    this.userDeletedStmt = db.prepare<[string, string, number, number], { seq: number }>(
      "SELECT seq FROM message_user_deletes WHERE user_id = ? AND conversation_id = ? AND seq BETWEEN ? AND ?",
    );
    this.ackGet = db.prepare<[string, string], { server_msg_id: string; send_time: number }>(
      "SELECT server_msg_id, send_time FROM sent_acks WHERE send_id = ? AND client_msg_id = ?",
    );
    this.ackPut = db.prepare("INSERT OR IGNORE INTO sent_acks (send_id, client_msg_id, server_msg_id, send_time) VALUES (?, ?, ?, ?)");
  }

  insert(conversationID: string, seq: number, clientMsgID: string, sendID: string, body: Uint8Array): void {
    this.insertStmt.run(conversationID, seq, clientMsgID, sendID, body);
  }

  get(conversationID: string, seq: number): StoredMessage | undefined {
    const r = this.getStmt.get(conversationID, seq);
    return r ? fromRaw(r) : undefined;
  }

  /** Stored messages with seq in [from, to], ascending. */
  range(conversationID: string, from: number, to: number): StoredMessage[] {
    return this.rangeStmt.all(conversationID, from, to).map(fromRaw);
  }

  /** The newest message in [from, to] the user has not deleted for themselves. */
  last(conversationID: string, userID: string, from: number, to: number): StoredMessage | undefined {
    const r = this.lastStmt.get({ cid: conversationID, user: userID, from, to });
    return r ? fromRaw(r) : undefined;
  }

  replace(conversationID: string, seq: number, body: Uint8Array, revoked: boolean): void {
    this.replaceStmt.run(body, revoked ? 1 : 0, conversationID, seq);
  }

  deletePhysically(conversationID: string, seq: number): void {
    this.deleteStmt.run(conversationID, seq);
  }

  deleteForUser(userID: string, conversationID: string, seq: number): void {
    this.userDeleteStmt.run(userID, conversationID, seq);
  }

  deletedForUser(userID: string, conversationID: string, from: number, to: number): Set<number> {
    return new Set(this.userDeletedStmt.all(userID, conversationID, from, to).map((r) => r.seq));
  }

  ack(sendID: string, clientMsgID: string): SentAck | undefined {
    const r = this.ackGet.get(sendID, clientMsgID);
    return r ? { serverMsgID: r.server_msg_id, sendTime: r.send_time } : undefined;
  }

  recordAck(sendID: string, clientMsgID: string, ack: SentAck): void {
    this.ackPut.run(sendID, clientMsgID, ack.serverMsgID, ack.sendTime);
  }
}
