// Groups and their members.
import type { Db } from "./database.js";

export interface GroupRow {
  groupID: string;
  groupName: string;
  notification: string;
  introduction: string;
  faceURL: string;
  ownerUserID: string;
  createTime: number;
  ex: string;
  status: number;
  creatorUserID: string;
  groupType: number;
  needVerification: number;
  lookMemberInfo: number;
  applyMemberFriend: number;
}

export interface MemberRow {
  groupID: string;
  userID: string;
  roleLevel: number;
  joinTime: number;
  nickname: string;
  faceURL: string;
  joinSource: number;
  operatorUserID: string;
  ex: string;
  muteEndTime: number;
  inviterUserID: string;
}

export const RoleLevel = { Owner: 100, Admin: 60, Member: 20 } as const;

type Raw = Record<string, string | number>;
const groupFromRaw = (r: Raw): GroupRow => ({
  groupID: r.group_id as string,
  groupName: r.group_name as string,
  notification: r.notification as string,
  introduction: r.introduction as string,
  faceURL: r.face_url as string,
  ownerUserID: r.owner_user_id as string,
  createTime: r.create_time as number,
  ex: r.ex as string,
  status: r.status as number,
  creatorUserID: r.creator_user_id as string,
  groupType: r.group_type as number,
  needVerification: r.need_verification as number,
  lookMemberInfo: r.look_member_info as number,
  applyMemberFriend: r.apply_member_friend as number,
});
const memberFromRaw = (r: Raw): MemberRow => ({
  groupID: r.group_id as string,
  userID: r.user_id as string,
  roleLevel: r.role_level as number,
  joinTime: r.join_time as number,
  nickname: r.nickname as string,
  faceURL: r.face_url as string,
  joinSource: r.join_source as number,
  operatorUserID: r.operator_user_id as string,
  ex: r.ex as string,
  muteEndTime: r.mute_end_time as number,
  inviterUserID: r.inviter_user_id as string,
});

export class GroupStore {
  private readonly getStmt;
  private readonly insertStmt;
  private readonly memberStmt;
  private readonly membersStmt;
  private readonly countStmt;
  private readonly joinedStmt;
  private readonly addMemberStmt;
  constructor(db: Db) {
    this.getStmt = db.prepare<[string], Raw>("SELECT * FROM groups WHERE group_id = ?");
    this.insertStmt = db.prepare(
      `INSERT INTO groups (group_id, group_name, notification, introduction, face_url, owner_user_id, create_time, ex, status, creator_user_id, group_type, need_verification, look_member_info, apply_member_friend)
       VALUES (@groupID, @groupName, @notification, @introduction, @faceURL, @ownerUserID, @createTime, @ex, @status, @creatorUserID, @groupType, @needVerification, @lookMemberInfo, @applyMemberFriend)`,
    );
    this.memberStmt = db.prepare<[string, string], Raw>("SELECT * FROM group_members WHERE group_id = ? AND user_id = ?");
    this.membersStmt = db.prepare<[string], Raw>("SELECT * FROM group_members WHERE group_id = ? ORDER BY join_time, rowid");
    this.countStmt = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM group_members WHERE group_id = ?");
    this.joinedStmt = db.prepare<[string], { group_id: string }>("SELECT group_id FROM group_members WHERE user_id = ? ORDER BY join_time, rowid");
    this.addMemberStmt = db.prepare(
      `INSERT INTO group_members (group_id, user_id, role_level, join_time, nickname, face_url, join_source, operator_user_id, ex, mute_end_time, inviter_user_id)
       VALUES (@groupID, @userID, @roleLevel, @joinTime, @nickname, @faceURL, @joinSource, @operatorUserID, @ex, @muteEndTime, @inviterUserID)`,
    );
  }

  get(groupID: string): GroupRow | undefined {
    const r = this.getStmt.get(groupID);
    return r ? groupFromRaw(r) : undefined;
  }

  insert(g: GroupRow): void {
    this.insertStmt.run(g);
  }

  addMember(m: MemberRow): void {
    this.addMemberStmt.run(m);
  }

  member(groupID: string, userID: string): MemberRow | undefined {
    const r = this.memberStmt.get(groupID, userID);
    return r ? memberFromRaw(r) : undefined;
  }

  members(groupID: string): MemberRow[] {
    return this.membersStmt.all(groupID).map(memberFromRaw);
  }

  memberCount(groupID: string): number {
    return this.countStmt.get(groupID)!.n;
  }

  /** Group IDs the user belongs to, in join order. */
  joined(userID: string): string[] {
    return this.joinedStmt.all(userID).map((r) => r.group_id);
  }
}
