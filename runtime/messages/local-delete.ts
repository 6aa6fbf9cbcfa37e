// Deleting stored messages on this device. Rows are kept with status 4, so their seqs stay known
// and neither sync nor history brings them back; unread counts and latest messages follow.
import type { Daos } from "../../generated/dao/index.js";
import type { LocalChatLog, MessageItem } from "../../generated/types/index.js";
import type { ConversationNotifier } from "../conversations/notifier.js";
import { itemFromRow, RowStatus } from "./convert.js";

const latestIDOf = (latestMsg: string) => (latestMsg ? (JSON.parse(latestMsg) as MessageItem).clientMsgID : "");

/** Deletes `rows` (shown ones); returns them as they were, for OnMsgDeleted. */
export function deleteRows(daos: Daos, notifier: ConversationNotifier, selfID: string, rows: LocalChatLog[]): MessageItem[] {
  const deleted: MessageItem[] = [];
  const byConversation = new Map<string, LocalChatLog[]>();
  for (const r of rows) {
    if (r.status >= RowStatus.Deleted) continue;
    deleted.push(itemFromRow(r));
    daos.chatLogs.update({ ...r, status: RowStatus.Deleted });
    daos.localSendingMessages.delete(r.conversationID, r.clientMsgID);
    byConversation.set(r.conversationID, [...(byConversation.get(r.conversationID) ?? []), r]);
  }
  for (const [cid, list] of byConversation) {
    const conv = daos.localConversations.get(cid);
    if (!conv) continue;
    const unreadGone = list.filter((r) => !r.isRead && r.sendID !== selfID && r.seq > 0).length;
    const latestGone = list.some((r) => r.clientMsgID === latestIDOf(conv.latestMsg));
    if (unreadGone === 0 && !latestGone) continue;
    const latest = latestGone ? daos.chatLogs.latestShown(cid) : undefined;
    daos.localConversations.upsert({
      ...conv,
      unreadCount: Math.max(0, conv.unreadCount - unreadGone),
      ...(latestGone ? { latestMsg: latest ? JSON.stringify(itemFromRow(latest)) : "" } : {}),
    });
    notifier.touch(cid, conv.latestMsgSendTime > 0);
  }
  return deleted;
}

/** Every message of a conversation deleted here; the conversation stays (hidden with `hide`). */
export function emptyConversation(daos: Daos, notifier: ConversationNotifier, conversationID: string, hide: boolean): void {
  daos.chatLogs.markConversationDeleted(conversationID);
  for (const r of daos.localSendingMessages.byConversation(conversationID)) daos.localSendingMessages.delete(conversationID, r.clientMsgID);
  const conv = daos.localConversations.get(conversationID);
  if (!conv) return;
  daos.localConversations.upsert({ ...conv, latestMsg: "", unreadCount: 0, ...(hide ? { latestMsgSendTime: 0 } : {}) });
  notifier.touch(conversationID, conv.latestMsgSendTime > 0);
}
