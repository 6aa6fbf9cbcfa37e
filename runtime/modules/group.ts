// The group module: create a group, the joined groups (local_groups), member lookups.
import type { GroupApi } from "../../generated/api/group.js";
import type { CreateGroupParams, GroupItem, GroupMemberItem, GroupMembersQuery, LocalGroup } from "../../generated/types/index.js";
import { ErrCode, SdkError } from "../contracts/errors.js";
import { itemFromGroup, memberItem } from "../groups/group-rows.js";
import type { GroupsHub } from "../groups/groups-hub.js";
import { serverCall } from "../http/server-call.js";

const WORK_GROUP = 2;
const MAX_IDS = 1000;

export class GroupModule implements GroupApi {
  constructor(private readonly hub: GroupsHub) {}

  async createGroup(params: CreateGroupParams): Promise<GroupItem> {
    const method = "createGroup";
    const { session, groups } = this.hub.current(method);
    const info = params.groupInfo;
    if (info.groupType !== undefined && info.groupType !== WORK_GROUP)
      throw new SdkError(ErrCode.Args, `${method}: params.groupInfo.groupType must be ${WORK_GROUP} (work group, the only type the server creates), got ${info.groupType}`);
    const owner = params.ownerUserID || session.userID;
    if (owner !== session.userID) throw new SdkError(ErrCode.Args, `${method}: params.ownerUserID must be the logged-in user ${session.userID} (or left out), got ${owner}`);
    const admins = params.adminUserIDs ?? [];
    checkIDs(method, "params.memberUserIDs", params.memberUserIDs);
    checkIDs(method, "params.adminUserIDs", admins);
    const everyone = [owner, ...admins, ...params.memberUserIDs];
    const twice = everyone.find((id, i) => everyone.indexOf(id) !== i);
    if (twice) throw new SdkError(ErrCode.Args, `${method}: ${twice} is listed twice (owner, adminUserIDs and memberUserIDs must not overlap)`);
    const resp = await serverCall(
      method,
      session.http.call("/group/create_group", {
        memberUserIDs: params.memberUserIDs,
        adminUserIDs: admins,
        ownerUserID: owner,
        groupInfo: {
          groupID: info.groupID ?? "",
          groupName: info.groupName ?? "",
          notification: info.notification ?? "",
          introduction: info.introduction ?? "",
          faceURL: info.faceURL ?? "",
          ex: info.ex ?? "",
          groupType: WORK_GROUP,
          needVerification: info.needVerification ?? 0,
          applyMemberFriend: info.applyMemberFriend ?? 0,
          lookMemberInfo: info.lookMemberInfo ?? 0,
        },
      }),
    );
    if (!resp.groupInfo) throw new SdkError(ErrCode.Internal, `${method}: the server answered without the group`);
    return itemFromGroup(groups.store([resp.groupInfo])[0]!);
  }

  async getJoinedGroupList(): Promise<GroupItem[]> {
    return this.hub.current("getJoinedGroupList").session.daos.localGroups.all().map(itemFromGroup);
  }

  async getSpecifiedGroupsInfo(groupIDs: string[]): Promise<GroupItem[]> {
    const method = "getSpecifiedGroupsInfo";
    const { daos } = this.hub.current(method).session;
    checkIDs(method, "groupIDs", groupIDs);
    return [...new Set(groupIDs)].map((id) => daos.localGroups.get(id)).filter((g): g is LocalGroup => g !== undefined).map(itemFromGroup);
  }

  async getSpecifiedGroupMembersInfo(params: GroupMembersQuery): Promise<GroupMemberItem[]> {
    const method = "getSpecifiedGroupMembersInfo";
    const { session } = this.hub.current(method);
    if (params.groupID.trim() === "") throw new SdkError(ErrCode.Args, `${method}: params.groupID is empty`);
    checkIDs(method, "params.userIDList", params.userIDList);
    if (params.userIDList.length === 0) return [];
    const resp = await serverCall(method, session.http.call("/group/get_group_members_info", { groupID: params.groupID, userIDs: [...new Set(params.userIDList)] }));
    return resp.members.map(memberItem);
  }
}

function checkIDs(method: string, field: string, ids: readonly string[]): void {
  if (ids.length > MAX_IDS) throw new SdkError(ErrCode.Args, `${method}: ${field} has ${ids.length} IDs; give at most ${MAX_IDS}`);
  const blank = ids.findIndex((id) => id.trim() === "");
  if (blank >= 0) throw new SdkError(ErrCode.Args, `${method}: ${field}[${blank}] is empty`);
}
