// The OpenIM HTTP routes the SDK and the devserver use: every one is POST <apiAddr><path> with a
// JSON body and the {errCode, errMsg, errDlt, data} envelope. Grouped by path prefix; each
// interface member is one route (see README.md for the rules codegen applies). JSDoc tag
// `@protobuf`: the route also accepts a binary protobuf body. `@sdk`: the SDK's runtime calls it
// (only these are in sdkRoutes, the table its HTTP client and so a browser bundle carry).
import type { Json, Route } from "./route-kinds.js";
import type { ApiSendMsgReq, ApiUserOnlineStatus } from "./json-types.js";

export interface AuthRoutes {
  /** The shared secret buys an admin token (admin tokens have platformID 10). */
  "/auth/get_admin_token": Route<"none", "openim.auth.getAdminTokenReq", "openim.auth.getAdminTokenResp">;
  /** Issues a user token; under multi-login policy 1 earlier tokens of that user+platform are kicked (1506). */
  "/auth/get_user_token": Route<"admin", "openim.auth.getUserTokenReq", "openim.auth.getUserTokenResp">;
  /** expireTimeSeconds in the reply is an absolute unix time. */
  "/auth/parse_token": Route<"none", "openim.auth.parseTokenReq", "openim.auth.parseTokenResp">;
  /** Kicks the user's connections on that platform (2002) and invalidates their tokens. */
  "/auth/force_logout": Route<"admin", "openim.auth.forceLogoutReq", "openim.auth.forceLogoutResp">;
}

export interface UserRoutes {
  "/user/user_register": Route<"admin", "openim.user.userRegisterReq", "openim.user.userRegisterResp">;
  /** @sdk */
  "/user/get_users_info": Route<"user", "openim.user.getDesignateUsersReq", "openim.user.getDesignateUsersResp">;
  "/user/update_user_info_ex": Route<"user", "openim.user.updateUserInfoExReq", "openim.user.updateUserInfoExResp">;
  /** `data` is a bare JSON array, not an object. */
  "/user/get_users_online_status": Route<"admin", "openim.msggateway.GetUsersOnlineStatusReq", Json<ApiUserOnlineStatus[]>>;
  "/user/get_user_client_config": Route<"user", "openim.user.getUserClientConfigReq", "openim.user.getUserClientConfigResp">;
}

export interface MsgRoutes {
  /** Body is the server's own struct: content is the element object; the ack has no seq. */
  "/msg/send_msg": Route<"admin", Json<ApiSendMsgReq>, "openim.msg.SendMsgResp">;
  /** @sdk */
  "/msg/revoke_msg": Route<"user", "openim.msg.RevokeMsgReq", "openim.msg.RevokeMsgResp">;
  /** @sdk */
  "/msg/mark_conversation_as_read": Route<"user", "openim.msg.MarkConversationAsReadReq", "openim.msg.MarkConversationAsReadResp">;
  "/msg/mark_msgs_as_read": Route<"user", "openim.msg.MarkMsgsAsReadReq", "openim.msg.MarkMsgsAsReadResp">;
  "/msg/set_conversation_has_read_seq": Route<"user", "openim.msg.SetConversationHasReadSeqReq", "openim.msg.SetConversationHasReadSeqResp">;
  "/msg/get_conversations_has_read_and_max_seq": Route<"user", "openim.msg.GetConversationsHasReadAndMaxSeqReq", "openim.msg.GetConversationsHasReadAndMaxSeqResp">;
  /** @sdk */
  "/msg/clear_conversation_msg": Route<"user", "openim.msg.ClearConversationsMsgReq", "openim.msg.ClearConversationsMsgResp">;
  /** @sdk */
  "/msg/user_clear_all_msg": Route<"user", "openim.msg.UserClearAllMsgReq", "openim.msg.UserClearAllMsgResp">;
  /** @sdk */
  "/msg/delete_msgs": Route<"user", "openim.msg.DeleteMsgsReq", "openim.msg.DeleteMsgsResp">;
  "/msg/get_server_time": Route<"user", "openim.msg.GetServerTimeReq", "openim.msg.GetServerTimeResp">;
}

export interface ConversationRoutes {
  /** @sdk */
  "/conversation/get_all_conversations": Route<"user", "openim.conversation.GetAllConversationsReq", "openim.conversation.GetAllConversationsResp">;
  /** @sdk */
  "/conversation/get_conversations": Route<"user", "openim.conversation.GetConversationsReq", "openim.conversation.GetConversationsResp">;
  /** @sdk */
  "/conversation/set_conversations": Route<"user", "openim.conversation.SetConversationsReq", "openim.conversation.SetConversationsResp">;
  /** @sdk */
  "/conversation/get_incremental_conversations": Route<"user", "openim.conversation.GetIncrementalConversationReq", "openim.conversation.GetIncrementalConversationResp">;
  "/conversation/get_full_conversation_ids": Route<"user", "openim.conversation.GetFullOwnerConversationIDsReq", "openim.conversation.GetFullOwnerConversationIDsResp">;
  "/conversation/get_owner_conversation": Route<"user", "openim.conversation.GetOwnerConversationReq", "openim.conversation.GetOwnerConversationResp">;
  "/conversation/get_not_notify_conversation_ids": Route<"user", "openim.conversation.GetNotNotifyConversationIDsReq", "openim.conversation.GetNotNotifyConversationIDsResp">;
  /**
   * [main] only: removes the owner's conversations on the server (their messages stay); the next
   * get_incremental_conversations lists them in `delete`. Not called by the SDK.
   */
  "/conversation/delete_conversations": Route<"user", "openim.conversation.DeleteConversationsReq", "openim.conversation.DeleteConversationsResp">;
}

export interface FriendRoutes {
  /** @sdk */
  "/friend/get_incremental_friends": Route<"user", "openim.relation.getIncrementalFriendsReq", "openim.relation.getIncrementalFriendsResp">;
  /** @sdk */
  "/friend/get_full_friend_user_ids": Route<"user", "openim.relation.getFullFriendUserIDsReq", "openim.relation.getFullFriendUserIDsResp">;
  /** @sdk */
  "/friend/get_designated_friends": Route<"user", "openim.relation.getDesignatedFriendsReq", "openim.relation.getDesignatedFriendsResp">;
  /** Friendships both ways without an application; users already friends are left as they are. */
  "/friend/import_friend": Route<"admin", "openim.relation.importFriendReq", "openim.relation.importFriendResp">;
}

export interface GroupRoutes {
  /**
   * groupInfo.groupType must be 2.
   * @sdk
   */
  "/group/create_group": Route<"user", "openim.group.CreateGroupReq", "openim.group.CreateGroupResp">;
  /** @sdk */
  "/group/get_group_members_info": Route<"user", "openim.group.GetGroupMembersInfoReq", "openim.group.GetGroupMembersInfoResp">;
  /** @sdk */
  "/group/get_joined_group_list": Route<"user", "openim.group.GetJoinedGroupListReq", "openim.group.GetJoinedGroupListResp">;
  /** @sdk */
  "/group/get_incremental_join_groups": Route<"user", "openim.group.getIncrementalJoinGroupReq", "openim.group.getIncrementalJoinGroupResp">;
  "/group/get_full_join_group_ids": Route<"user", "openim.group.GetFullJoinGroupIDsReq", "openim.group.GetFullJoinGroupIDsResp">;
  /** Groups the caller can see; unknown IDs are left out. @sdk */
  "/group/get_groups_info": Route<"user", "openim.group.GetGroupsInfoReq", "openim.group.GetGroupsInfoResp">;
  /** Member changes of several groups since each one's version; keyed by groupID, dismissed groups left out. */
  "/group/get_incremental_group_members_batch": Route<"user", "openim.group.BatchGetIncrementalGroupMemberReq", "openim.group.BatchGetIncrementalGroupMemberResp">;
  "/group/get_full_group_member_user_ids": Route<"user", "openim.group.GetFullGroupMemberUserIDsReq", "openim.group.GetFullGroupMemberUserIDsResp">;
}

export interface JssdkRoutes {
  /**
   * Conversations with their last message and peer, newest first. The official web client sends a
   * protobuf body; `data` in the reply is then the base64 protobuf of the response.
   * @protobuf
   */
  "/jssdk/get_active_conversations": Route<"user", "openim.jssdk.GetActiveConversationsReq", "openim.jssdk.GetActiveConversationsResp">;
  /**
   * The named conversations of the caller with their last message and seqs (IDs it has no
   * conversation for are left out); protobuf bodies as above.
   * @protobuf
   */
  "/jssdk/get_conversations": Route<"user", "openim.jssdk.GetConversationsReq", "openim.jssdk.GetConversationsResp">;
}
