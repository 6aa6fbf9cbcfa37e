// One message in its three shapes: MessageItem (apps), LocalChatLog (the table), sdkws.MsgData (wire).
import type { sdkws } from "../../generated/protocol/index.js";
import type { LocalChatLog, MessageItem, MessageStatus, MsgFrom, OfflinePush, SessionType } from "../../generated/types/index.js";
import { contentOf, withElem } from "./content.js";

/** Status values the table holds beyond the public MessageStatus. */
export const RowStatus = { Sending: 1, Succeed: 2, Failed: 3, Deleted: 4, Filtered: 5 } as const;

const utf8 = new TextDecoder();
const toUtf8 = new TextEncoder();

export function itemFromRow(row: LocalChatLog): MessageItem {
  const item: MessageItem = {
    clientMsgID: row.clientMsgID,
    serverMsgID: row.serverMsgID,
    createTime: row.createTime,
    sendTime: row.sendTime,
    sessionType: row.sessionType,
    sendID: row.sendID,
    recvID: row.recvID,
    msgFrom: row.msgFrom,
    contentType: row.contentType,
    senderPlatformID: row.senderPlatformID,
    senderNickname: row.senderNickname,
    senderFaceUrl: row.senderFaceUrl,
    groupID: row.groupID,
    content: row.content,
    seq: row.seq,
    isRead: row.isRead,
    status: row.status as MessageStatus,
    ...(row.ex !== undefined ? { ex: row.ex } : {}),
    ...(row.localEx !== undefined ? { localEx: row.localEx } : {}),
    ...(row.attachedInfo ? { attachedInfoElem: { ...row.attachedInfo } } : {}),
  };
  return withElem(item);
}

export function rowFromItem(item: MessageItem, conversationID: string): LocalChatLog {
  return {
    clientMsgID: item.clientMsgID,
    conversationID,
    serverMsgID: item.serverMsgID,
    sendID: item.sendID,
    recvID: item.recvID,
    groupID: item.groupID,
    senderPlatformID: item.senderPlatformID,
    senderNickname: item.senderNickname,
    senderFaceUrl: item.senderFaceUrl,
    sessionType: item.sessionType as SessionType,
    msgFrom: item.msgFrom,
    contentType: item.contentType,
    content: contentOf(item),
    isRead: item.isRead,
    status: item.status,
    seq: item.seq,
    sendTime: item.sendTime,
    createTime: item.createTime,
    ...(item.attachedInfoElem ? { attachedInfo: { ...item.attachedInfoElem } } : {}),
    ...(item.ex !== undefined ? { ex: item.ex } : {}),
    ...(item.localEx !== undefined ? { localEx: item.localEx } : {}),
  };
}

/** A message from the server as a table row (status 1 from the wire means stored: 2). */
export function rowFromWire(m: sdkws.MsgData, conversationID: string): LocalChatLog {
  const attached = parseAttached(m.attachedInfo);
  return {
    clientMsgID: m.clientMsgID,
    conversationID,
    serverMsgID: m.serverMsgID,
    sendID: m.sendID,
    recvID: m.recvID,
    groupID: m.groupID,
    senderPlatformID: m.senderPlatformID,
    senderNickname: m.senderNickname,
    senderFaceUrl: m.senderFaceURL,
    sessionType: m.sessionType as SessionType,
    msgFrom: (m.msgFrom === 200 ? 200 : 100) as MsgFrom,
    contentType: m.contentType,
    content: utf8.decode(m.content),
    // For one's own messages: whether the peer read them (receipts set it later).
    isRead: m.isRead,
    status: m.status >= RowStatus.Deleted ? m.status : RowStatus.Succeed,
    seq: m.seq,
    sendTime: m.sendTime,
    createTime: m.createTime,
    ...(attached ? { attachedInfo: attached } : {}),
    ...(m.ex ? { ex: m.ex } : {}),
  };
}

function parseAttached(text: string): LocalChatLog["attachedInfo"] {
  if (!text) return undefined;
  try {
    const o = JSON.parse(text) as Partial<NonNullable<LocalChatLog["attachedInfo"]>>;
    return { isPrivateChat: !!o.isPrivateChat, burnDuration: Number(o.burnDuration ?? 0), hasReadTime: Number(o.hasReadTime ?? 0) };
  } catch {
    return undefined;
  }
}

/** Delivery switches of an online-only send (protocol §5.4): no seq, no storage, no unread. */
export const ONLINE_ONLY_OPTIONS: Readonly<Record<string, boolean>> = {
  history: false,
  persistent: false,
  senderSync: false,
  conversationUpdate: false,
  senderConversationUpdate: false,
  unreadCount: false,
  offlinePush: false,
};

export function wireFromItem(item: MessageItem, options: Record<string, boolean>, offlinePush?: OfflinePush): Partial<sdkws.MsgData> {
  return {
    sendID: item.sendID,
    recvID: item.recvID,
    groupID: item.groupID,
    clientMsgID: item.clientMsgID,
    senderPlatformID: item.senderPlatformID,
    senderNickname: item.senderNickname,
    senderFaceURL: item.senderFaceUrl,
    sessionType: item.sessionType as SessionType,
    msgFrom: item.msgFrom,
    contentType: item.contentType,
    content: toUtf8.encode(contentOf(item)),
    createTime: item.createTime,
    // The server stamps the send time; 0 asks it to.
    sendTime: 0,
    status: RowStatus.Sending,
    options,
    atUserIDList: item.atTextElem?.atUserList ?? [],
    ...(offlinePush ? { offlinePushInfo: { ...offlinePush, signalInfo: "" } } : {}),
    ...(item.ex ? { ex: item.ex } : {}),
  };
}

/** A message option: a missing key means true (protocol §5.4). */
export const optionOn = (m: sdkws.MsgData, key: string): boolean => m.options[key] !== false;
