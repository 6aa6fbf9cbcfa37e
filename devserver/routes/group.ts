// /group: create a group, members, joined groups and their incremental sync.
import { group } from "../../generated/protocol/index.js";
import { argsError, CodeError, ErrCode } from "../errors.js";
import { assertSelf } from "../logic/access.js";
import { createGroup, fullJoinedGroupIDs, incrementalJoinedGroups, joinedGroups, memberInfo } from "../logic/groups.js";
import { actorOf, type RouteCtx } from "./context.js";

export const groupRoutes = {
  "/group/create_group": (req: group.CreateGroupReq, ctx: RouteCtx): group.CreateGroupResp =>
    group.CreateGroupResp.create({ groupInfo: createGroup(ctx.s, actorOf(ctx), req) }),

  "/group/get_full_join_group_ids": (req: group.GetFullJoinGroupIDsReq, ctx: RouteCtx): group.GetFullJoinGroupIDsResp => {
    assertSelf(actorOf(ctx), req.userID);
    return fullJoinedGroupIDs(ctx.s, req.userID, req.idHash);
  },

  "/group/get_group_members_info": (req: group.GetGroupMembersInfoReq, ctx: RouteCtx): group.GetGroupMembersInfoResp => {
    const actor = actorOf(ctx);
    if (!req.groupID) throw argsError("groupID is empty");
    if (!ctx.s.store.groups.get(req.groupID)) throw new CodeError(ErrCode.GroupIDNotFound, `group ${req.groupID} does not exist`);
    if (!actor.isAdmin && !ctx.s.store.groups.member(req.groupID, actor.userID)) throw new CodeError(ErrCode.NoPermission, `${actor.userID} is not a member of group ${req.groupID}`);
    const members = req.userIDs.map((id) => ctx.s.store.groups.member(req.groupID, id)).filter((m) => m !== undefined);
    return group.GetGroupMembersInfoResp.create({ members: members.map((m) => memberInfo(ctx.s, m)) });
  },

  "/group/get_incremental_join_groups": (req: group.getIncrementalJoinGroupReq, ctx: RouteCtx): group.getIncrementalJoinGroupResp => {
    assertSelf(actorOf(ctx), req.userID);
    return incrementalJoinedGroups(ctx.s, req.userID, req.versionID, req.version);
  },

  "/group/get_joined_group_list": (req: group.GetJoinedGroupListReq, ctx: RouteCtx): group.GetJoinedGroupListResp => {
    assertSelf(actorOf(ctx), req.fromUserID, "fromUserID");
    const all = joinedGroups(ctx.s, req.fromUserID);
    const page = req.pagination;
    if (page && page.pageNumber < 1) throw argsError("pagination.pageNumber is 1-based (≥ 1)");
    const groups = !page ? all : page.showNumber <= 0 ? [] : all.slice((page.pageNumber - 1) * page.showNumber, page.pageNumber * page.showNumber);
    return group.GetJoinedGroupListResp.create({ total: all.length, groups });
  },
};
