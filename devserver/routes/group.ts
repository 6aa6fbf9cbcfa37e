// /group routes. Groups are not implemented by the devserver yet: every group route answers a
// clear ArgsError instead of pretending, and sends to sessionType 3 get 1201.
import type { group } from "../../generated/protocol/index.js";
import { argsError } from "../errors.js";
import type { RouteCtx } from "./context.js";

const notServed = (path: string): never => {
  throw argsError(`${path}: groups are not implemented by the devserver yet; use single chats, or an OpenIM server for groups`);
};

export const groupRoutes = {
  "/group/create_group": (_req: group.CreateGroupReq, _ctx: RouteCtx): group.CreateGroupResp => notServed("/group/create_group"),
  "/group/get_full_join_group_ids": (_req: group.GetFullJoinGroupIDsReq, _ctx: RouteCtx): group.GetFullJoinGroupIDsResp => notServed("/group/get_full_join_group_ids"),
  "/group/get_group_members_info": (_req: group.GetGroupMembersInfoReq, _ctx: RouteCtx): group.GetGroupMembersInfoResp => notServed("/group/get_group_members_info"),
  "/group/get_incremental_join_groups": (_req: group.getIncrementalJoinGroupReq, _ctx: RouteCtx): group.getIncrementalJoinGroupResp => notServed("/group/get_incremental_join_groups"),
  "/group/get_joined_group_list": (_req: group.GetJoinedGroupListReq, _ctx: RouteCtx): group.GetJoinedGroupListResp => notServed("/group/get_joined_group_list"),
};
