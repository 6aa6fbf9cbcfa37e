// Interim route table until generated/protocol/routes.ts lands: path → token rule and codecs.
import { auth, conversation, msg, user } from "../../generated/protocol/index.js";
import type { TokenKind } from "../http/server.js";
import { parseSendMsgBody } from "./msg.js";

export interface RouteSpec {
  token: TokenKind;
  decode(json: unknown): unknown;
  encode(resp: unknown): unknown;
}

type Codec = { fromGoJSON(j: unknown): unknown; toGoJSON(m: never): Record<string, unknown> };
const r = (token: TokenKind, req: Codec, resp: Codec): RouteSpec => ({
  token,
  decode: (j) => req.fromGoJSON(j),
  encode: (m) => resp.toGoJSON(m as never),
});
const json = (token: TokenKind, decode: (j: unknown) => unknown): RouteSpec => ({ token, decode, encode: (m) => m });

export const ROUTE_TABLE: Record<string, RouteSpec> = {
  "/auth/get_admin_token": r("none", auth.getAdminTokenReq, auth.getAdminTokenResp),
  "/auth/get_user_token": r("admin", auth.getUserTokenReq, auth.getUserTokenResp),
  "/auth/parse_token": r("none", auth.parseTokenReq, auth.parseTokenResp),
  "/auth/force_logout": r("admin", auth.forceLogoutReq, auth.forceLogoutResp),
  "/user/user_register": r("admin", user.userRegisterReq, user.userRegisterResp),
  "/user/get_users_info": r("user", user.getDesignateUsersReq, user.getDesignateUsersResp),
  "/user/update_user_info_ex": r("user", user.updateUserInfoExReq, user.updateUserInfoExResp),
  "/user/get_users_online_status": json("admin", (j) => user.getDesignateUsersReq.fromGoJSON(j)),
  "/user/get_user_client_config": r("user", user.getUserClientConfigReq, user.getUserClientConfigResp),
  "/msg/send_msg": { token: "admin", decode: parseSendMsgBody, encode: (m) => msg.SendMsgResp.toGoJSON(m as msg.SendMsgResp) },
  "/msg/revoke_msg": r("user", msg.RevokeMsgReq, msg.RevokeMsgResp),
  "/msg/mark_msgs_as_read": r("user", msg.MarkMsgsAsReadReq, msg.MarkMsgsAsReadResp),
  "/msg/mark_conversation_as_read": r("user", msg.MarkConversationAsReadReq, msg.MarkConversationAsReadResp),
  "/msg/set_conversation_has_read_seq": r("user", msg.SetConversationHasReadSeqReq, msg.SetConversationHasReadSeqResp),
  "/msg/get_conversations_has_read_and_max_seq": r("user", msg.GetConversationsHasReadAndMaxSeqReq, msg.GetConversationsHasReadAndMaxSeqResp),
  "/msg/clear_conversation_msg": r("user", msg.ClearConversationsMsgReq, msg.ClearConversationsMsgResp),
  "/msg/user_clear_all_msg": r("user", msg.UserClearAllMsgReq, msg.UserClearAllMsgResp),
  "/msg/delete_msgs": r("user", msg.DeleteMsgsReq, msg.DeleteMsgsResp),
  "/msg/get_server_time": r("user", msg.GetServerTimeReq, msg.GetServerTimeResp),
  "/conversation/get_all_conversations": r("user", conversation.GetAllConversationsReq, conversation.GetAllConversationsResp),
  "/conversation/get_conversations": r("user", conversation.GetConversationsReq, conversation.GetConversationsResp),
  "/conversation/set_conversations": r("user", conversation.SetConversationsReq, conversation.SetConversationsResp),
  "/conversation/get_incremental_conversations": r("user", conversation.GetIncrementalConversationReq, conversation.GetIncrementalConversationResp),
  "/conversation/get_full_conversation_ids": r("user", conversation.GetFullOwnerConversationIDsReq, conversation.GetFullOwnerConversationIDsResp),
  "/conversation/get_owner_conversation": r("user", conversation.GetOwnerConversationReq, conversation.GetOwnerConversationResp),
};
