// The WebSocket reqIdentifiers: the envelope's `data` is the binary protobuf named here (base64
// in the sdkType=js JSON envelope). Names are the SDK's; where the server names differ it is noted.
import type { Ws } from "./route-kinds.js";

export interface WsIdentifiers {
  /** Newest seq of each of the user's conversations (and their n_ twins); zeros omitted. */
  1001: Ws<"GetNewestSeq", "request", "openim.sdkws.GetMaxSeqReq", "openim.sdkws.GetMaxSeqResp">;
  /** Range pull; the server calls it WSPullMsgBySeqList. num keeps the newest num seqs of a range. */
  1002: Ws<"PullMsgByRange", "request", "openim.sdkws.PullMessageBySeqsReq", "openim.sdkws.PullMessageBySeqsResp">;
  /** data is a bare MsgData (not SendMsgReq); the ack carries no seq. */
  1003: Ws<"SendMsg", "request", "openim.sdkws.MsgData", "openim.msg.SendMsgResp">;
  /** Explicit seq lists; the server calls it WSPullMsg. Missing seqs come back as status-4 placeholders. */
  1005: Ws<"PullMsgBySeqList", "request", "openim.msg.GetSeqMessageReq", "openim.msg.GetSeqMessageResp">;
  /** hasReadSeq and maxSeq per conversation; empty conversationIDs means all of them. */
  1006: Ws<"GetConvMaxReadSeq", "request", "openim.msg.GetConversationsHasReadAndMaxSeqReq", "openim.msg.GetConversationsHasReadAndMaxSeqResp">;
  /** Last message of each listed conversation. */
  1007: Ws<"PullConvLastMessage", "request", "openim.msg.GetLastMessageReq", "openim.msg.GetLastMessageResp">;
  /** Server push of new messages, msgIncr "". */
  2001: Ws<"PushMsg", "push", null, "openim.sdkws.PushMessages">;
  /** Another login on the same platform; data is null and the server closes the connection. */
  2002: Ws<"KickOnlineMsg", "push", null, null>;
  /** Logout: the server replies, then closes the connection. */
  2003: Ws<"LogoutMsg", "request", "openim.push.DelUserPushTokenReq", "openim.push.DelUserPushTokenResp">;
  /** Only affects iOS online push; the reply's data is null (an empty message). */
  2004: Ws<"SetBackgroundStatus", "request", "openim.sdkws.SetAppBackgroundStatusReq", "openim.sdkws.SetAppBackgroundStatusResp">;
  /** Subscribe/unsubscribe; the reply lists the subscribed users' platforms, later changes arrive unsolicited. */
  2005: Ws<"SubUserOnlineStatus", "both", "openim.sdkws.SubUserOnlineStatus", "openim.sdkws.SubUserOnlineStatusTips">;
}
