// Groups: creation (members, roles, conversations, versions, 1501 GroupCreated), reads and the
// joined-groups incremental sync. Group chats then flow through send/deliver with sessionType 3.
import { randomInt } from "node:crypto";
import { group, sdkws } from "../../generated/protocol/index.js";
import { argsError, CodeError, ErrCode } from "../errors.js";
import { RoleLevel, type GroupRow, type MemberRow } from "../store/groups.js";
import { idHash, SessionType } from "./ids.js";
import { notify } from "./notify.js";
import type { Actor, Services } from "./services.js";

export const GroupStatus = { Ok: 0, Banned: 1, Dismissed: 2, Muted: 3 } as const;
/** create_group only accepts WorkingGroup (§5.2). */
const WORKING_GROUP = 2;
const GROUP_CREATED = 1501;
const JOIN_SOURCE_INVITATION = 2;

/** Version keys beside conversation versions; ':' cannot occur in user IDs (refused at registration). */
export const joinedGroupsKey = (userID: string) => `groups:${userID}`;
export const groupMembersKey = (groupID: string) => `members:${groupID}`;

export function groupInfo(s: Services, g: GroupRow): sdkws.GroupInfo {
  return sdkws.GroupInfo.create({ ...g, memberCount: s.store.groups.memberCount(g.groupID) });
}

export function memberInfo(s: Services, m: MemberRow): sdkws.GroupMemberFullInfo {
  return sdkws.GroupMemberFullInfo.create({ ...m, appMangerLevel: s.store.users.get(m.userID)?.appMangerLevel ?? 0 });
}

export function createGroup(s: Services, actor: Actor, req: group.CreateGroupReq): sdkws.GroupInfo {
  const info = req.groupInfo;
  if (!info) throw argsError("groupInfo is missing");
  if (info.groupType !== WORKING_GROUP) throw argsError(`groupInfo.groupType must be 2 (WorkingGroup), got ${info.groupType}`);
  if (!req.ownerUserID) throw argsError("ownerUserID is empty");
  if (!actor.isAdmin && req.ownerUserID !== actor.userID) throw new CodeError(ErrCode.NoPermission, "ownerUserID must be the token's user unless an admin creates the group");
  const ids = [req.ownerUserID, ...req.adminUserIDs, ...req.memberUserIDs];
  if (new Set(ids).size !== ids.length) throw argsError("ownerUserID, adminUserIDs and memberUserIDs must not repeat a user");
  for (const id of ids) if (!s.store.users.exists(id)) throw new CodeError(ErrCode.UserIDNotFound, `user ${id} is not registered`);
  if (info.groupID && s.store.groups.get(info.groupID)) throw new CodeError(ErrCode.GroupIDExisted, `group ${info.groupID} already exists`);
  if (info.groupID.includes(":")) throw argsError("groupID must not contain ':'");
  const now = s.now();
  const groupID = info.groupID || String(randomInt(1_000_000_000, 9_999_999_999));
  const row: GroupRow = {
    groupID,
    groupName: info.groupName,
    notification: info.notification,
    introduction: info.introduction,
    faceURL: info.faceURL,
    ownerUserID: req.ownerUserID,
    createTime: now,
    ex: info.ex,
    status: GroupStatus.Ok,
    creatorUserID: actor.userID,
    groupType: WORKING_GROUP,
    needVerification: info.needVerification,
    lookMemberInfo: info.lookMemberInfo,
    applyMemberFriend: info.applyMemberFriend,
  };
  const role = (id: string) => (id === req.ownerUserID ? RoleLevel.Owner : req.adminUserIDs.includes(id) ? RoleLevel.Admin : RoleLevel.Member);
  const conversationID = `sg_${groupID}`;
  const memberVersion = s.store.tx(() => {
    s.store.groups.insert(row);
    for (const userID of ids) {
      const u = s.store.users.get(userID)!;
      s.store.groups.addMember({ groupID, userID, roleLevel: role(userID), joinTime: now, nickname: u.nickname, faceURL: u.faceURL, joinSource: JOIN_SOURCE_INVITATION, operatorUserID: actor.userID, ex: "", muteEndTime: 0, inviterUserID: actor.userID });
      s.store.versions.bump(joinedGroupsKey(userID), [groupID]);
      if (s.store.conversations.ensure(userID, conversationID, SessionType.Group, "", groupID, now)) s.store.versions.bump(userID, [conversationID]);
    }
    const version = s.store.versions.bump(groupMembersKey(groupID), ids);
    return { version, versionID: s.store.versions.current(groupMembersKey(groupID)).versionID };
  });
  const members = s.store.groups.members(groupID).map((m) => memberInfo(s, m));
  const gi = groupInfo(s, row);
  notify(s, {
    sendID: actor.userID,
    recvID: "",
    groupID,
    sessionType: SessionType.Group,
    contentType: GROUP_CREATED,
    tips: sdkws.GroupCreatedTips.toGoJSON({
      group: gi,
      opUser: members.find((m) => m.userID === actor.userID) ?? sdkws.GroupMemberFullInfo.create({ userID: actor.userID, groupID }),
      memberList: members,
      operationTime: now,
      groupOwnerUser: members.find((m) => m.userID === req.ownerUserID),
      groupMemberVersion: memberVersion.version,
      groupMemberVersionID: memberVersion.versionID,
    }),
    onlineOnly: true,
    chatCopy: true,
  });
  return gi;
}

export function joinedGroups(s: Services, userID: string): sdkws.GroupInfo[] {
  return s.store.groups.joined(userID).map((id) => groupInfo(s, s.store.groups.get(id)!));
}

export function incrementalJoinedGroups(s: Services, userID: string, versionID: string, version: number): group.getIncrementalJoinGroupResp {
  const ch = s.store.versions.changesSince(joinedGroupsKey(userID), versionID, version);
  const infos = (ids: string[]) => ids.map((id) => s.store.groups.get(id)).filter((g): g is GroupRow => g !== undefined).map((g) => groupInfo(s, g));
  return group.getIncrementalJoinGroupResp.create({ version: ch.version, versionID: ch.versionID, full: ch.full, delete: ch.deleted, insert: infos(ch.inserted), update: infos(ch.updated) });
}

export function fullJoinedGroupIDs(s: Services, userID: string, clientHash: number): group.GetFullJoinGroupIDsResp {
  const ids = s.store.groups.joined(userID);
  const v = s.store.versions.current(joinedGroupsKey(userID));
  const equal = BigInt(clientHash) === idHash(ids);
  return group.GetFullJoinGroupIDsResp.create({ version: v.version, versionID: v.versionID, equal, groupIDs: equal ? [] : ids });
}
