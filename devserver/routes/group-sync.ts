// /group reads that the official web client (@openim/client-sdk) makes at login and before a
// group send: group infos, member incremental sync in batch, and the full member ID list.
import { group } from "../../generated/protocol/index.js";
import { argsError, CodeError, ErrCode } from "../errors.js";
import { assertSelf } from "../logic/access.js";
import { groupInfo, groupMembersKey, GroupStatus, memberInfo } from "../logic/groups.js";
import { idHash } from "../logic/ids.js";
import type { Services } from "../logic/services.js";
import type { GroupRow } from "../store/groups.js";
import { actorOf, type RouteCtx } from "./context.js";

function memberGroup(s: Services, groupID: string, userID: string, isAdmin: boolean): GroupRow {
  const g = s.store.groups.get(groupID);
  if (!g) throw new CodeError(ErrCode.GroupIDNotFound, `group ${groupID} does not exist`);
  if (!isAdmin && !s.store.groups.member(groupID, userID)) throw new CodeError(ErrCode.NotInGroupYet, `${userID} is not a member of group ${groupID}`);
  return g;
}

function incrementalMembers(s: Services, g: GroupRow, req: group.getIncrementalGroupMemberReq): group.getIncrementalGroupMemberResp {
  const ch = s.store.versions.changesSince(groupMembersKey(g.groupID), req.versionID, req.version);
  const infos = (ids: string[]) => ids.flatMap((id) => {
    const m = s.store.groups.member(g.groupID, id);
    return m ? [memberInfo(s, m)] : [];
  });
  // As OpenIM: a full answer carries no changes (the client refetches) but does carry the group.
  return group.getIncrementalGroupMemberResp.create({
    version: ch.version,
    versionID: ch.versionID,
    full: ch.full,
    delete: ch.deleted,
    insert: infos(ch.inserted),
    update: infos(ch.updated),
    group: ch.full || ch.inserted.length + ch.updated.length + ch.deleted.length > 0 ? groupInfo(s, g) : undefined,
  });
}

export const groupSyncRoutes = {
  "/group/get_groups_info": (req: group.GetGroupsInfoReq, ctx: RouteCtx): group.GetGroupsInfoResp => {
    actorOf(ctx);
    if (req.groupIDs.length === 0) throw argsError("groupIDs is empty");
    const found = req.groupIDs.map((id) => ctx.s.store.groups.get(id)).filter((g): g is GroupRow => g !== undefined);
    return group.GetGroupsInfoResp.create({ groupInfos: found.map((g) => groupInfo(ctx.s, g)) });
  },

  "/group/get_incremental_group_members_batch": (req: group.BatchGetIncrementalGroupMemberReq, ctx: RouteCtx): group.BatchGetIncrementalGroupMemberResp => {
    const actor = actorOf(ctx);
    assertSelf(actor, req.userID);
    if (req.reqList.length === 0) throw argsError("reqList is empty");
    const respList: Record<string, group.getIncrementalGroupMemberResp> = {};
    for (const one of req.reqList) {
      const g = memberGroup(ctx.s, one.groupID, req.userID, actor.isAdmin);
      if (g.status === GroupStatus.Dismissed) continue;
      respList[g.groupID] = incrementalMembers(ctx.s, g, one);
    }
    return group.BatchGetIncrementalGroupMemberResp.create({ respList });
  },

  "/group/get_full_group_member_user_ids": (req: group.GetFullGroupMemberUserIDsReq, ctx: RouteCtx): group.GetFullGroupMemberUserIDsResp => {
    const actor = actorOf(ctx);
    memberGroup(ctx.s, req.groupID, actor.userID, actor.isAdmin);
    const ids = ctx.s.store.groups.members(req.groupID).map((m) => m.userID);
    const v = ctx.s.store.versions.current(groupMembersKey(req.groupID));
    const equal = BigInt(req.idHash) === idHash(ids);
    return group.GetFullGroupMemberUserIDsResp.create({ version: v.version, versionID: v.versionID, equal, userIDs: equal ? [] : ids });
  },
};
