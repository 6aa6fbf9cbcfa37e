// Applying a revoke to stored rows, for one's own revokeMessage and for incoming 2101 tips alike:
// the message becomes a revoke notice, every quote of it shows the notice instead of the text,
// and the conversation's latest message follows. A revoked message from someone else that was
// still unread stops counting: the unread count drops by one (the connect sync applies the same
// rule to the server's count, see MessageSync.unreadFromServer).
import type { Daos } from "../../generated/dao/index.js";
import type { LocalChatLog, MessageItem, RevokedInfo } from "../../generated/types/index.js";
import { MessageType } from "../../generated/types/index.js";
import type { ConversationNotifier } from "../conversations/notifier.js";
import { itemFromRow, RowStatus } from "./convert.js";

export interface RevokeFacts {
  conversationID: string;
  seq: number;
  clientMsgID: string;
  revokerID: string;
  revokerNickname: string;
  /** The revoker's group role level (RevokerRoles), 0 in single chats. */
  revokerRole: number;
  revokeTime: number;
  isAdminRevoke: boolean;
}

/** Rewrites the stored message; undefined when it is not stored or already revoked. */
export function applyRevoke(daos: Daos, notifier: ConversationNotifier, selfID: string, facts: RevokeFacts): RevokedInfo | undefined {
  const { chatLogs } = daos;
  const row = (facts.clientMsgID ? chatLogs.get(facts.clientMsgID) : undefined) ?? chatLogs.bySeq(facts.conversationID, facts.seq);
  if (!row || row.conversationID !== facts.conversationID || row.contentType === MessageType.RevokeMessage || row.status >= RowStatus.Deleted) return undefined;
  const info: RevokedInfo = {
    revokerID: facts.revokerID,
    revokerRole: facts.revokerRole,
    clientMsgID: row.clientMsgID,
    revokerNickname: facts.revokerNickname || (facts.revokerID === row.sendID ? row.senderNickname : ""),
    revokeTime: facts.revokeTime,
    sourceMessageSendTime: row.sendTime,
    sourceMessageSendID: row.sendID,
    sourceMessageSenderNickname: row.senderNickname,
    sessionType: row.sessionType,
    seq: row.seq,
    ex: row.ex ?? "",
    isAdminRevoke: facts.isAdminRevoke,
  };
  const notice = JSON.stringify({ detail: JSON.stringify(info) });
  const revoked: LocalChatLog = { ...row, contentType: MessageType.RevokeMessage, content: notice };
  chatLogs.update(revoked);
  const changed: LocalChatLog[] = [revoked];
  for (const q of chatLogs.quoting(row.conversationID, row.clientMsgID)) {
    const rewritten = rewriteQuote(q, row.clientMsgID, itemFromRow(revoked));
    if (rewritten) {
      chatLogs.update(rewritten);
      changed.push(rewritten);
    }
  }
  const conv = daos.localConversations.get(row.conversationID);
  if (!conv) return info;
  const latestID = conv.latestMsg ? (JSON.parse(conv.latestMsg) as MessageItem).clientMsgID : undefined;
  const hit = changed.find((r) => r.clientMsgID === latestID);
  const wasUnread = isUnreadFromOthers(row, selfID) && conv.unreadCount > 0;
  if (hit || wasUnread) {
    daos.localConversations.upsert({
      ...conv,
      ...(hit ? { latestMsg: JSON.stringify(itemFromRow(hit)) } : {}),
      ...(wasUnread ? { unreadCount: conv.unreadCount - 1 } : {}),
    });
    notifier.touch(conv.conversationID, conv.latestMsgSendTime > 0);
  }
  return info;
}

/** A stored message someone else sent that this user has not read (the rows counted as unread; chatLogs.countUnreadAfter counts the same rows). */
export function isUnreadFromOthers(row: LocalChatLog, selfID: string): boolean {
  return row.sendID !== selfID && !row.isRead && row.seq > 0 && row.status < RowStatus.Deleted && row.contentType !== MessageType.RevokeMessage;
}

/** The quote (114) or @-with-quote (106) row showing the revoke notice in place of the quoted message. */
function rewriteQuote(row: LocalChatLog, quotedID: string, notice: MessageItem): LocalChatLog | undefined {
  let elem: { quoteMessage?: MessageItem };
  try {
    elem = JSON.parse(row.content) as { quoteMessage?: MessageItem };
  } catch {
    return undefined;
  }
  if (elem.quoteMessage?.clientMsgID !== quotedID) return undefined;
  const { quoteElem: _q, ...plain } = notice;
  return { ...row, content: JSON.stringify({ ...elem, quoteMessage: plain }) };
}
