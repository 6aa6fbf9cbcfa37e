// A group in its shapes: sdkws.GroupInfo (wire), LocalGroup (table), GroupItem (apps); and the
// name and face a group conversation shows.
import type { sdkws } from "../../generated/protocol/index.js";
import type { GroupItem, GroupMemberItem, LocalConversation, LocalGroup } from "../../generated/types/index.js";

export function groupRow(g: sdkws.GroupInfo, displayIsRead = false): LocalGroup {
  return {
    groupID: g.groupID,
    groupName: g.groupName,
    notification: g.notification,
    notificationUserID: g.notificationUserID,
    notificationUpdateTime: g.notificationUpdateTime,
    introduction: g.introduction,
    faceURL: g.faceURL,
    ownerUserID: g.ownerUserID,
    createTime: g.createTime,
    memberCount: g.memberCount,
    status: g.status,
    creatorUserID: g.creatorUserID,
    groupType: g.groupType,
    needVerification: g.needVerification,
    ex: g.ex,
    applyMemberFriend: g.applyMemberFriend,
    lookMemberInfo: g.lookMemberInfo,
    displayIsRead,
  };
}

export function itemFromGroup(row: LocalGroup): GroupItem {
  return { ...row };
}

export function memberItem(m: sdkws.GroupMemberFullInfo): GroupMemberItem {
  return {
    groupID: m.groupID,
    userID: m.userID,
    nickname: m.nickname,
    faceURL: m.faceURL,
    roleLevel: m.roleLevel,
    muteEndTime: m.muteEndTime,
    joinTime: m.joinTime,
    joinSource: m.joinSource,
    inviterUserID: m.inviterUserID,
    operatorUserID: m.operatorUserID,
    ex: m.ex,
  };
}

/** The conversation row showing the group's current name and face (the same row when nothing changes). */
export function withGroupProfile(conv: LocalConversation, group: LocalGroup | undefined): LocalConversation {
  if (!group || (conv.showName === group.groupName && conv.faceURL === group.faceURL)) return conv;
  return { ...conv, showName: group.groupName, faceURL: group.faceURL };
}
