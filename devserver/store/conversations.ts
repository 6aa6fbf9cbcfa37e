// Each user's conversation list (OpenIM's conversation collection): settings per owner.
import type { Db } from "./database.js";

export interface ConversationRow {
  ownerUserID: string;
  conversationID: string;
  conversationType: number;
  userID: string;
  groupID: string;
  recvMsgOpt: number;
  isPinned: boolean;
  attachedInfo: string;
  isPrivateChat: boolean;
  groupAtType: number;
  ex: string;
  burnDuration: number;
  msgDestructTime: number;
  latestMsgDestructTime: number;
  isMsgDestruct: boolean;
}

/** Settable columns (set_conversations), by field name. */
export type ConversationPatch = Partial<Omit<ConversationRow, "ownerUserID" | "conversationID">>;

const COLUMNS: Record<keyof ConversationPatch, string> = {
  conversationType: "conversation_type",
  userID: "user_id",
  groupID: "group_id",
  recvMsgOpt: "recv_msg_opt",
  isPinned: "is_pinned",
  attachedInfo: "attached_info",
  isPrivateChat: "is_private_chat",
  groupAtType: "group_at_type",
  ex: "ex",
  burnDuration: "burn_duration",
  msgDestructTime: "msg_destruct_time",
  latestMsgDestructTime: "latest_msg_destruct_time",
  isMsgDestruct: "is_msg_destruct",
};

type Raw = Record<string, string | number>;
const fromRaw = (r: Raw): ConversationRow => ({
  ownerUserID: r.owner_user_id as string,
  conversationID: r.conversation_id as string,
  conversationType: r.conversation_type as number,
  userID: r.user_id as string,
  groupID: r.group_id as string,
  recvMsgOpt: r.recv_msg_opt as number,
  isPinned: r.is_pinned === 1,
  attachedInfo: r.attached_info as string,
  isPrivateChat: r.is_private_chat === 1,
  groupAtType: r.group_at_type as number,
  ex: r.ex as string,
  burnDuration: r.burn_duration as number,
  msgDestructTime: r.msg_destruct_time as number,
  latestMsgDestructTime: r.latest_msg_destruct_time as number,
  isMsgDestruct: r.is_msg_destruct === 1,
});

const toSql = (v: unknown) => (typeof v === "boolean" ? (v ? 1 : 0) : (v as string | number));

export class ConversationStore {
  private readonly getStmt;
  private readonly listStmt;
  private readonly insertStmt;
  private readonly deleteStmt;
  constructor(private readonly db: Db) {
    this.getStmt = db.prepare<[string, string], Raw>("SELECT * FROM conversations WHERE owner_user_id = ? AND conversation_id = ?");
    this.listStmt = db.prepare<[string], Raw>("SELECT * FROM conversations WHERE owner_user_id = ? ORDER BY rowid");
    this.insertStmt = db.prepare(
      "INSERT OR IGNORE INTO conversations (owner_user_id, conversation_id, conversation_type, user_id, group_id, create_time) VALUES (?, ?, ?, ?, ?, ?)",
    );
    this.deleteStmt = db.prepare<[string, string]>("DELETE FROM conversations WHERE owner_user_id = ? AND conversation_id = ?");
  }

  get(owner: string, conversationID: string): ConversationRow | undefined {
    const r = this.getStmt.get(owner, conversationID);
    return r ? fromRaw(r) : undefined;
  }

  /** The owner's conversations in creation order. */
  list(owner: string): ConversationRow[] {
    return this.listStmt.all(owner).map(fromRaw);
  }

  /** Creates the row if missing; returns true when it was created. */
  ensure(owner: string, conversationID: string, type: number, userID: string, groupID: string, nowMs: number): boolean {
    return this.insertStmt.run(owner, conversationID, type, userID, groupID, nowMs).changes > 0;
  }

  /** Removes the row; returns true when there was one. */
  delete(owner: string, conversationID: string): boolean {
    return this.deleteStmt.run(owner, conversationID).changes > 0;
  }

  update(owner: string, conversationID: string, patch: ConversationPatch): void {
    const sets: string[] = [];
    const vals: (string | number)[] = [];
    for (const [k, v] of Object.entries(patch)) {
      const col = COLUMNS[k as keyof ConversationPatch];
      if (col && v !== undefined) {
        sets.push(`${col} = ?`);
        vals.push(toSql(v));
      }
    }
    if (sets.length === 0) return;
    this.db.prepare(`UPDATE conversations SET ${sets.join(", ")} WHERE owner_user_id = ? AND conversation_id = ?`).run(...vals, owner, conversationID);
  }
}
