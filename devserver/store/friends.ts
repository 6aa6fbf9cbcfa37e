// Friendships: one row per direction (owner → friend), as OpenIM keeps them.
import type { Db } from "./database.js";

export interface FriendRow {
  ownerUserID: string;
  friendUserID: string;
  remark: string;
  createTime: number;
  addSource: number;
  operatorUserID: string;
  ex: string;
  isPinned: boolean;
}

interface Raw {
  owner_user_id: string;
  friend_user_id: string;
  remark: string;
  create_time: number;
  add_source: number;
  operator_user_id: string;
  ex: string;
  is_pinned: number;
}

const fromRaw = (r: Raw): FriendRow => ({
  ownerUserID: r.owner_user_id,
  friendUserID: r.friend_user_id,
  remark: r.remark,
  createTime: r.create_time,
  addSource: r.add_source,
  operatorUserID: r.operator_user_id,
  ex: r.ex,
  isPinned: r.is_pinned !== 0,
});

export class FriendStore {
  private readonly getStmt;
  private readonly idsStmt;
  private readonly ownersStmt;
  private readonly insertStmt;
  constructor(db: Db) {
    this.getStmt = db.prepare<[string, string], Raw>("SELECT * FROM friends WHERE owner_user_id = ? AND friend_user_id = ?");
    this.idsStmt = db.prepare<[string], { friend_user_id: string }>("SELECT friend_user_id FROM friends WHERE owner_user_id = ? ORDER BY create_time, rowid");
    this.ownersStmt = db.prepare<[string], { owner_user_id: string }>("SELECT owner_user_id FROM friends WHERE friend_user_id = ? ORDER BY create_time, rowid");
    this.insertStmt = db.prepare(
      `INSERT INTO friends (owner_user_id, friend_user_id, remark, create_time, add_source, operator_user_id, ex, is_pinned)
       VALUES (@ownerUserID, @friendUserID, @remark, @createTime, @addSource, @operatorUserID, @ex, @isPinned)`,
    );
  }

  get(ownerUserID: string, friendUserID: string): FriendRow | undefined {
    const r = this.getStmt.get(ownerUserID, friendUserID);
    return r ? fromRaw(r) : undefined;
  }

  /** The owner's friends' IDs, oldest friendship first. */
  friendIDs(ownerUserID: string): string[] {
    return this.idsStmt.all(ownerUserID).map((r) => r.friend_user_id);
  }

  /** The users who have `userID` among their friends. */
  ownersOf(userID: string): string[] {
    return this.ownersStmt.all(userID).map((r) => r.owner_user_id);
  }

  insert(row: FriendRow): void {
    this.insertStmt.run({ ...row, isPinned: row.isPinned ? 1 : 0 });
  }
}
