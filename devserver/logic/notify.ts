// Server notifications as OpenIM sends them: msgFrom 200, content = {"detail": "<tips JSON>"}
// (the tips in Go encoding/json form), isNotNotification:false so they land in n_ streams.
import { sdkws } from "../../generated/protocol/index.js";
import { deliver, type Delivered } from "./deliver.js";
import { newClientMsgID } from "./ids.js";
import type { Services } from "./services.js";

export const ContentType = {
  Text: 101,
  AtText: 106,
  Typing: 113,
  FriendInfoUpdated: 1209,
  ConversationChange: 1300,
  UserInfoUpdated: 1303,
  OANotification: 1400,
  ClearConversation: 1703,
  MsgRevoke: 2101,
  DeleteMsgs: 2102,
  HasReadReceipt: 2200,
} as const;

/** Options of an online-only notification: not stored, no seq, no unread, no offline push. */
const ONLINE_ONLY = { history: false, persistent: false, offlinePush: false, unreadCount: false, conversationUpdate: false, senderConversationUpdate: false };

export interface NotificationSpec {
  sendID: string;
  recvID: string;
  groupID?: string;
  sessionType: number;
  contentType: number;
  /** Tips already in Go-JSON form (codec.toGoJSON). */
  tips: Record<string, unknown>;
  onlineOnly: boolean;
  /** Extra option overrides, e.g. senderSync:false. */
  options?: Record<string, boolean>;
  /**
   * Also store a chat copy in the chat conversation (OpenIM's isSendMsg), with the same
   * clientMsgID/serverMsgID as the online n_ copy.
   */
  chatCopy?: boolean;
}

export function notificationContent(tips: Record<string, unknown>): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ detail: JSON.stringify(tips) }));
}

export function notify(s: Services, spec: NotificationSpec): Delivered {
  const now = s.now();
  const m = sdkws.MsgData.create({
    sendID: spec.sendID,
    recvID: spec.recvID,
    groupID: spec.groupID ?? "",
    clientMsgID: newClientMsgID(),
    sessionType: spec.sessionType,
    msgFrom: 200,
    contentType: spec.contentType,
    content: notificationContent(spec.tips),
    createTime: now,
    sendTime: now,
    options: { isNotNotification: false, ...(spec.onlineOnly ? ONLINE_ONLY : {}), ...spec.options },
  });
  const sent = deliver(s, m);
  if (spec.chatCopy) deliver(s, { ...m, serverMsgID: sent.message.serverMsgID, options: { unreadCount: true } });
  return sent;
}
