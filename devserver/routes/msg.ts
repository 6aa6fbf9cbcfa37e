// /msg: admin send, revoke, read marks, clear/delete, seqs, server time.
import { msg, sdkws } from "../../generated/protocol/index.js";
import type { ApiSendMsgReq } from "../../generated/protocol/json-types.js";
import { argsError } from "../errors.js";
import { assertSelf } from "../logic/access.js";
import { clearAll, clearConversations, deleteMessages, type SyncOpt } from "../logic/erase.js";
import { newClientMsgID, SessionType } from "../logic/ids.js";
import { ContentType } from "../logic/notify.js";
import { hasReadAndMaxSeqs } from "../logic/pull.js";
import { markConversationAsRead, markMsgsAsRead, setHasReadSeq } from "../logic/read.js";
import { revokeMessage } from "../logic/revoke.js";
import { sendMessage } from "../logic/send.js";
import { actorOf, type RouteCtx } from "./context.js";

const syncOpt = (o: msg.DeleteSyncOpt | undefined): SyncOpt => ({ IsSyncSelf: o?.IsSyncSelf ?? false, IsSyncOther: o?.IsSyncOther ?? false });

/** /msg/send_msg's body with every field type-checked (the generated JsonBody checks only the shape). */
interface SendMsgBody {
  sendID: string;
  recvID: string;
  groupID: string;
  senderNickname: string;
  senderFaceURL: string;
  senderPlatformID: number;
  content: Record<string, unknown>;
  contentType: number;
  sessionType: number;
  isOnlineOnly: boolean;
  notOfflinePush: boolean;
  sendTime: number;
  offlinePushInfo: sdkws.OfflinePushInfo | undefined;
  ex: string;
}

/** Content types the admin send route accepts (OpenIM: 101–106, 110, 1400). */
const ADMIN_SEND_TYPES = new Set([101, 102, 103, 104, 105, 106, 110, 1400]);

function field<T>(o: Record<string, unknown>, key: string, kind: "string" | "number" | "boolean", zero: T): T {
  const k = Object.keys(o).find((x) => x.toLowerCase() === key.toLowerCase());
  const v = k === undefined ? undefined : o[k];
  if (v === undefined || v === null) return zero;
  if (typeof v !== kind) throw argsError(`${key}: expected a JSON ${kind}, got ${typeof v}`);
  return v as T;
}

function parseSendMsgBody(json: unknown): SendMsgBody {
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw argsError("body must be a JSON object");
  const o = json as Record<string, unknown>;
  const contentKey = Object.keys(o).find((x) => x.toLowerCase() === "content");
  const content = contentKey ? o[contentKey] : undefined;
  if (typeof content !== "object" || content === null || Array.isArray(content)) throw argsError("content: expected the content element as a JSON object, e.g. {\"content\":\"hi\"} for text");
  const pushKey = Object.keys(o).find((x) => x.toLowerCase() === "offlinepushinfo");
  return {
    sendID: field(o, "sendID", "string", ""),
    recvID: field(o, "recvID", "string", ""),
    groupID: field(o, "groupID", "string", ""),
    senderNickname: field(o, "senderNickname", "string", ""),
    senderFaceURL: field(o, "senderFaceURL", "string", ""),
    senderPlatformID: field(o, "senderPlatformID", "number", 0),
    content: content as Record<string, unknown>,
    contentType: field(o, "contentType", "number", 0),
    sessionType: field(o, "sessionType", "number", 0),
    isOnlineOnly: field(o, "isOnlineOnly", "boolean", false),
    notOfflinePush: field(o, "notOfflinePush", "boolean", false),
    sendTime: field(o, "sendTime", "number", 0),
    offlinePushInfo: pushKey && o[pushKey] != null ? sdkws.OfflinePushInfo.fromGoJSON(o[pushKey]) : undefined,
    ex: field(o, "ex", "string", ""),
  };
}

export const msgRoutes = {
  "/msg/send_msg": (body: ApiSendMsgReq, ctx: RouteCtx): msg.SendMsgResp => {
    const req = parseSendMsgBody(body);
    if (!ADMIN_SEND_TYPES.has(req.contentType)) throw argsError(`contentType ${req.contentType} is not accepted here; use 101-106, 110 or 1400`);
    if (req.sessionType === SessionType.Notification && req.contentType !== ContentType.OANotification) throw argsError("sessionType 4 needs contentType 1400");
    const options: Record<string, boolean> = {};
    if (req.isOnlineOnly) Object.assign(options, { history: false, persistent: false, offlinePush: false, unreadCount: false, conversationUpdate: false, senderConversationUpdate: false, senderSync: false });
    if (req.notOfflinePush) options.offlinePush = false;
    const content =
      req.contentType === ContentType.OANotification ? { detail: JSON.stringify(req.content) } : req.content;
    const m = sdkws.MsgData.create({
      sendID: req.sendID,
      recvID: req.recvID,
      groupID: req.groupID,
      clientMsgID: newClientMsgID(),
      senderPlatformID: req.senderPlatformID,
      senderNickname: req.senderNickname,
      senderFaceURL: req.senderFaceURL,
      sessionType: req.sessionType,
      msgFrom: req.contentType === ContentType.OANotification ? 200 : 100,
      contentType: req.contentType,
      content: new TextEncoder().encode(JSON.stringify(content)),
      createTime: ctx.s.now(),
      sendTime: req.sendTime,
      options,
      offlinePushInfo: req.offlinePushInfo,
      ex: req.ex,
    });
    return sendMessage(ctx.s, m, actorOf(ctx));
  },

  "/msg/revoke_msg": (req: msg.RevokeMsgReq, ctx: RouteCtx): msg.RevokeMsgResp => {
    const actor = actorOf(ctx);
    assertSelf(actor, req.userID);
    if (!req.conversationID) throw argsError("conversationID is empty");
    if (req.seq <= 0) throw argsError("seq must be ≥ 1");
    revokeMessage(ctx.s, actor, req.userID, req.conversationID, req.seq);
    return msg.RevokeMsgResp.create();
  },

  "/msg/mark_msgs_as_read": (req: msg.MarkMsgsAsReadReq, ctx: RouteCtx): msg.MarkMsgsAsReadResp => {
    assertSelf(actorOf(ctx), req.userID);
    markMsgsAsRead(ctx.s, req.userID, req.conversationID, req.seqs);
    return msg.MarkMsgsAsReadResp.create();
  },

  "/msg/mark_conversation_as_read": (req: msg.MarkConversationAsReadReq, ctx: RouteCtx): msg.MarkConversationAsReadResp => {
    assertSelf(actorOf(ctx), req.userID);
    if (req.hasReadSeq < 1) throw argsError("hasReadSeq must be ≥ 1");
    markConversationAsRead(ctx.s, req.userID, req.conversationID, req.hasReadSeq, req.seqs);
    return msg.MarkConversationAsReadResp.create();
  },

  "/msg/set_conversation_has_read_seq": (req: msg.SetConversationHasReadSeqReq, ctx: RouteCtx): msg.SetConversationHasReadSeqResp => {
    assertSelf(actorOf(ctx), req.userID);
    setHasReadSeq(ctx.s, req.userID, req.conversationID, req.hasReadSeq, req.noNotification);
    return msg.SetConversationHasReadSeqResp.create();
  },

  "/msg/get_conversations_has_read_and_max_seq": (req: msg.GetConversationsHasReadAndMaxSeqReq, ctx: RouteCtx): msg.GetConversationsHasReadAndMaxSeqResp => {
    assertSelf(actorOf(ctx), req.userID);
    if (!req.userID) throw argsError("userID is empty");
    return hasReadAndMaxSeqs(ctx.s, req.userID, req.conversationIDs);
  },

  "/msg/clear_conversation_msg": (req: msg.ClearConversationsMsgReq, ctx: RouteCtx): msg.ClearConversationsMsgResp => {
    assertSelf(actorOf(ctx), req.userID);
    clearConversations(ctx.s, req.userID, req.conversationIDs, syncOpt(req.deleteSyncOpt));
    return msg.ClearConversationsMsgResp.create();
  },

  "/msg/user_clear_all_msg": (req: msg.UserClearAllMsgReq, ctx: RouteCtx): msg.UserClearAllMsgResp => {
    assertSelf(actorOf(ctx), req.userID);
    clearAll(ctx.s, req.userID, syncOpt(req.deleteSyncOpt));
    return msg.UserClearAllMsgResp.create();
  },

  "/msg/delete_msgs": (req: msg.DeleteMsgsReq, ctx: RouteCtx): msg.DeleteMsgsResp => {
    assertSelf(actorOf(ctx), req.userID);
    deleteMessages(ctx.s, req.userID, req.conversationID, req.seqs, syncOpt(req.deleteSyncOpt));
    return msg.DeleteMsgsResp.create();
  },

  "/msg/get_server_time": (_req: msg.GetServerTimeReq, ctx: RouteCtx): msg.GetServerTimeResp => msg.GetServerTimeResp.create({ serverTime: ctx.s.now() }),
};
