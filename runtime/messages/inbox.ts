// Stores messages that came from the server (push, connect sync, history pulls) in one
// transaction: dedup by clientMsgID, reconcile one's own sent rows, keep the conversation rows
// (latest message, unread, max seq) and apply notifications (read receipts). Emits nothing itself:
// callers tell the app after the writes, once gaps are filled.
import type { Daos } from "../../generated/dao/index.js";
import * as sdkws from "../../generated/protocol/sdkws.js";
import type { LocalChatLog, LocalConversation, MessageItem, ReceiptInfo, RevokedInfo } from "../../generated/types/index.js";
import { MessageType, SessionType } from "../../generated/types/index.js";
import type { StorageDriver } from "../contracts/storage.js";
import type { Logger } from "../events/logger.js";
import { newConversationRow } from "../cache/conversation-names.js";
import type { NameAndFace } from "../cache/user-cache.js";
import { withNewest, withPeerProfile } from "../conversations/conversation-rows.js";
import type { ConversationNotifier } from "../conversations/notifier.js";
import { itemFromRow, optionOn, RowStatus, rowFromWire } from "./convert.js";
import { isNotificationConversation } from "./ids.js";
import { deleteRows, emptyConversation as emptyLocally } from "./local-delete.js";
import { mentionOf } from "./at-mentions.js";
import { applyRevoke } from "./revoke.js";
import type { RevokerRoles } from "./revoker-roles.js";
import { tipsOf } from "./tips.js";

/** Notification: the user's conversation settings changed (ConversationUpdateTips). */
const CONVERSATION_CHANGE = 1300;
/** Notifications: the user's own profile changed (1303), a friend's did (1209); both UserInfoUpdatedTips. */
const USER_INFO_UPDATED = 1303;
const FRIEND_INFO_UPDATED = 1209;
/** Notifications: messages deleted (DeleteMsgsTips), conversations cleared (ClearConversationTips). */
const DELETE_MSGS = 2102;
const CLEAR_CONVERSATION = 1703;

export interface IngestOptions {
  /** Count incoming messages as unread (pushes). The connect sync sets unread from the server instead. */
  countUnread: boolean;
}

export interface IngestResult {
  /** Stored messages the app has not seen, oldest first. */
  fresh: MessageItem[];
  /** Online-only messages (no seq, not stored). */
  onlineOnly: MessageItem[];
  receipts: ReceiptInfo[];
  revoked: RevokedInfo[];
  /** Messages deleted by this user on another device (2102), as they were. */
  deleted: MessageItem[];
  /** Conversations whose settings another device changed (1300 tips): re-fetched from the server. */
  settingsChanged: string[];
  /** Users whose profile changed (1303, 1209 tips): re-fetched from the server. */
  profilesChanged: string[];
  /** Typing tips (113) with their conversation: handled by InputStates, never stored. */
  typing: { conversationID: string; message: sdkws.MsgData }[];
}

export type MessageGroups = Map<string, sdkws.MsgData[]>;

export function groupsOf(maps: { [conversationID: string]: sdkws.PullMsgs }[]): MessageGroups {
  const out: MessageGroups = new Map();
  for (const map of maps)
    for (const [cid, pm] of Object.entries(map)) out.set(cid, [...(out.get(cid) ?? []), ...pm.Msgs]);
  return out;
}

/** The clientMsgIDs of the chat (not notification) messages in `groups`. */
export function chatMessageIDs(groups: MessageGroups): string[] {
  const ids: string[] = [];
  for (const [cid, msgs] of groups) if (!isNotificationConversation(cid)) for (const m of msgs) if (m.clientMsgID) ids.push(m.clientMsgID);
  return ids;
}

export class Inbox {
  constructor(
    private readonly driver: StorageDriver,
    private readonly daos: Daos,
    private readonly selfID: string,
    private readonly notifier: ConversationNotifier,
    private readonly logger: Logger,
    private readonly revokerRoles: Pick<RevokerRoles, "roleOf">,
    /** A user's cached profile, never asking the server (UserCache.peek). */
    private readonly cachedProfile: (userID: string) => NameAndFace | undefined,
  ) {}

  ingest(groups: MessageGroups, options: IngestOptions): IngestResult {
    const result: IngestResult = { fresh: [], onlineOnly: [], receipts: [], revoked: [], deleted: [], settingsChanged: [], profilesChanged: [], typing: [] };
    this.driver.transaction(() => {
      // One existence query for the batch instead of a get per message. Rows are never deleted (a
      // deleted message keeps its row with status 4), so only the batch's own inserts add to it.
      const stored = this.daos.chatLogs.existingKeys(chatMessageIDs(groups));
      for (const [cid, msgs] of groups) {
        const ordered = [...msgs].sort((a, b) => a.seq - b.seq);
        if (isNotificationConversation(cid)) this.notifications(cid, ordered, result);
        else this.chat(cid, ordered, options, result, stored);
      }
    });
    result.fresh.sort((a, b) => a.sendTime - b.sendTime || a.seq - b.seq);
    return result;
  }

  private conversation(cid: string): LocalConversation {
    return this.daos.localConversations.get(cid) ?? newConversationRow(this.daos, cid, this.selfID);
  }

  private chat(cid: string, msgs: sdkws.MsgData[], options: IngestOptions, result: IngestResult, stored: Set<string>): void {
    const { chatLogs } = this.daos;
    let conv = this.conversation(cid);
    const wasVisible = conv.latestMsgSendTime > 0;
    // Counters kept aside and the latest message serialised once, not a new row per message.
    let { maxSeq, unreadCount, groupAtType } = conv;
    const latest: MessageItem[] = [];
    /** The newest of one's own messages in this batch: it reads the conversation up to it (readUpTo). */
    let ownSeq = 0;
    let touched = false;
    // Read once per conversation and batch, at the first of the peer's messages that names the chat.
    let peer: NameAndFace | undefined | null = null;
    for (const m of msgs) {
      if (m.seq > 0 && m.status >= RowStatus.Deleted) {
        // A seq the server has no message for (deleted or never stored): remember it so history
        // does not pull it again, but never show it.
        if (!chatLogs.bySeq(cid, m.seq)) chatLogs.insert(this.placeholder(cid, m));
        maxSeq = Math.max(maxSeq, m.seq);
        touched = true;
        continue;
      }
      const existing = stored.has(m.clientMsgID) ? chatLogs.get(m.clientMsgID) : undefined;
      if (existing) {
        if (existing.seq === 0 && m.seq > 0) {
          // One's own message, sent from this device: the push echo gives it its seq.
          const row: LocalChatLog = { ...existing, seq: m.seq, serverMsgID: m.serverMsgID, sendTime: m.sendTime, status: RowStatus.Succeed };
          chatLogs.update(row);
          maxSeq = Math.max(maxSeq, m.seq);
          ownSeq = Math.max(ownSeq, m.seq);
          latest.push(itemFromRow(row));
          touched = true;
        }
        continue; // a duplicate (push and pull of the same message, or a resend)
      }
      if (m.seq === 0 && !optionOn(m, "history")) {
        if (m.contentType === MessageType.TypingMessage) result.typing.push({ conversationID: cid, message: m });
        else result.onlineOnly.push(itemFromRow(rowFromWire(m, cid)));
        continue;
      }
      const { row, atType } = mentionOf(rowFromWire(m, cid), this.selfID);
      chatLogs.insert(row);
      if (row.clientMsgID) stored.add(row.clientMsgID);
      const item = itemFromRow(row);
      result.fresh.push(item);
      const unseen = m.sendID !== this.selfID && m.seq > maxSeq;
      const counts = options.countUnread && unseen && optionOn(m, "unreadCount");
      if (optionOn(m, "conversationUpdate")) {
        latest.push(item);
        if (peer === null && conv.conversationType === SessionType.Single && m.sendID !== this.selfID) peer = this.cachedProfile(m.sendID);
        conv = withPeerProfile(conv, row, this.selfID, peer ?? undefined);
      }
      if (unseen && atType !== 0 && conv.conversationType === SessionType.Group) groupAtType = atType;
      maxSeq = Math.max(maxSeq, m.seq);
      if (counts) unreadCount++;
      if (m.sendID === this.selfID && m.seq > 0) ownSeq = Math.max(ownSeq, m.seq);
      touched = true;
    }
    if (!touched) return;
    if (ownSeq > 0) unreadCount = this.readUpTo(cid, unreadCount, ownSeq);
    this.daos.localConversations.upsert(withNewest({ ...conv, maxSeq, unreadCount, groupAtType }, latest));
    this.notifier.touch(cid, wasVisible);
  }

  /**
   * One's own stored message reads the conversation up to it: the server moves the sender's
   * hasReadSeq there (a reply reads the chat), so every device of the user — and a fresh login,
   * whose unread comes from that position — shows the same count. (The Go SDK leaves the live count
   * alone until the next connect resets it.) Returns the unread count left: the others' unread
   * messages after `seq`.
   */
  private readUpTo(cid: string, unreadCount: number, seq: number): number {
    const { chatLogs } = this.daos;
    chatLogs.markReceivedReadUpTo(cid, this.selfID, seq);
    return Math.min(unreadCount, chatLogs.countUnreadAfter(cid, this.selfID, seq) ?? 0);
  }

  private placeholder(cid: string, m: sdkws.MsgData): LocalChatLog {
    return {
      clientMsgID: `gap:${cid}:${m.seq}`,
      conversationID: cid,
      serverMsgID: "",
      sendID: "",
      recvID: "",
      groupID: "",
      senderPlatformID: 0,
      senderNickname: "",
      senderFaceUrl: "",
      sessionType: m.sessionType as SessionType,
      msgFrom: 100,
      contentType: m.contentType,
      content: "",
      isRead: true,
      status: RowStatus.Deleted,
      seq: m.seq,
      sendTime: m.sendTime,
      createTime: m.createTime,
    };
  }

  /** n_ streams: only their seqs are kept; the tips they carry change other conversations. */
  private notifications(cid: string, msgs: sdkws.MsgData[], result: IngestResult): void {
    const stream = this.conversation(cid);
    let maxSeq = stream.maxSeq;
    for (const m of msgs) {
      maxSeq = Math.max(maxSeq, m.seq);
      if (m.contentType === MessageType.HasReadReceipt) this.readReceipt(m, result);
      else if (m.contentType === MessageType.RevokeMessage) this.revoke(m, result);
      else if (m.contentType === CONVERSATION_CHANGE) result.settingsChanged.push(...this.changedConversations(m));
      else if (m.contentType === DELETE_MSGS) this.deleteTip(m, result);
      else if (m.contentType === CLEAR_CONVERSATION) this.clearTip(m);
      else if (m.contentType === USER_INFO_UPDATED || m.contentType === FRIEND_INFO_UPDATED) this.profileTip(m, result);
    }
    if (maxSeq !== stream.maxSeq) this.daos.localConversations.upsert({ ...stream, maxSeq });
  }

  private readReceipt(m: sdkws.MsgData, result: IngestResult): void {
    const tips = this.tips(m, sdkws.MarkAsReadTips);
    if (!tips) return;
    const conv = this.daos.localConversations.get(tips.conversationID);
    if (!conv) return;
    const { chatLogs } = this.daos;
    if (tips.markAsReadUserID !== this.selfID) {
      // The peer read one's own messages up to hasReadSeq.
      if (conv.conversationType !== SessionType.Single) return;
      const upTo = Math.max(tips.hasReadSeq, ...tips.seqs);
      const read = chatLogs.bySeqs(tips.conversationID, 1, upTo).filter((r) => r.sendID === this.selfID && !r.isRead && r.status < RowStatus.Deleted);
      if (read.length === 0) return;
      chatLogs.markReadBySeqs(tips.conversationID, 1, upTo, this.selfID, m.sendTime);
      this.refreshLatest(conv);
      result.receipts.push({
        userID: tips.markAsReadUserID,
        groupID: "",
        msgIDList: read.map((r) => r.clientMsgID),
        readTime: m.sendTime,
        msgFrom: 200,
        contentType: MessageType.HasReadReceipt,
        sessionType: SessionType.Single,
      });
      return;
    }
    // One's own other device read this conversation.
    const unread = Math.max(0, conv.maxSeq - tips.hasReadSeq);
    if (unread >= conv.unreadCount) return;
    chatLogs.markReceivedReadUpTo(conv.conversationID, this.selfID, tips.hasReadSeq);
    this.daos.localConversations.upsert({ ...conv, unreadCount: unread, ...(unread === 0 ? { groupAtType: 0 as const } : {}) });
    this.notifier.touch(conv.conversationID, conv.latestMsgSendTime > 0);
  }

  private revoke(m: sdkws.MsgData, result: IngestResult): void {
    const tips = this.tips(m, sdkws.RevokeMsgTips);
    if (!tips) return;
    const info = applyRevoke(this.daos, this.notifier, this.selfID, {
      conversationID: tips.conversationID,
      seq: tips.seq,
      clientMsgID: tips.clientMsgID,
      revokerID: tips.revokerUserID,
      // Server notifications carry no sender name; the cache's stored profile has it when known.
      revokerNickname: m.senderNickname || this.daos.localUsers.get(tips.revokerUserID)?.nickname || "",
      revokerRole: this.revokerRoles.roleOf(tips.conversationID, tips.revokerUserID),
      revokeTime: tips.revokeTime,
      isAdminRevoke: tips.isAdminRevoke,
    });
    if (info) result.revoked.push(info);
  }

  private deleteTip(m: sdkws.MsgData, result: IngestResult): void {
    const tips = this.tips(m, sdkws.DeleteMsgsTips);
    if (!tips) return;
    const rows = tips.seqs.map((seq) => this.daos.chatLogs.bySeq(tips.conversationID, seq)).filter((r): r is LocalChatLog => r !== undefined);
    result.deleted.push(...deleteRows(this.daos, this.notifier, this.selfID, rows));
  }

  private clearTip(m: sdkws.MsgData): void {
    const tips = this.tips(m, sdkws.ClearConversationTips);
    if (!tips) return;
    for (const cid of tips.conversationIDs) emptyLocally(this.daos, this.notifier, cid, false);
  }

  private profileTip(m: sdkws.MsgData, result: IngestResult): void {
    const userID = this.tips(m, sdkws.UserInfoUpdatedTips)?.userID;
    if (!userID) return;
    // The server also pushes the 1209 it sends each friend to the changed user's own devices
    // (senderSync): one per friend, all about oneself, which the 1303 already covers.
    if (m.contentType === FRIEND_INFO_UPDATED && userID === this.selfID) return;
    result.profilesChanged.push(userID);
  }

  /** The tips of a notification (`content` = {"detail": "<tips as Go JSON>"}); undefined (logged) when undecodable. */
  private tips<T>(m: sdkws.MsgData, codec: { fromGoJSON(json: unknown): T }): T | undefined {
    try {
      return tipsOf(m, codec);
    } catch (error) {
      this.logger.warn("inbox: undecodable notification dropped", { contentType: m.contentType, clientMsgID: m.clientMsgID, error: String(error) });
      return undefined;
    }
  }

  private changedConversations(m: sdkws.MsgData): string[] {
    return this.tips(m, sdkws.ConversationUpdateTips)?.conversationIDList ?? [];
  }

  /** Re-reads the latest message of a conversation after its row changed (read flags, revoke). */
  private refreshLatest(conv: LocalConversation): void {
    if (!conv.latestMsg) return;
    const latest = JSON.parse(conv.latestMsg) as MessageItem;
    const row = this.daos.chatLogs.get(latest.clientMsgID);
    if (!row) return;
    this.daos.localConversations.upsert({ ...conv, latestMsg: JSON.stringify(itemFromRow(row)) });
    this.notifier.touch(conv.conversationID, conv.latestMsgSendTime > 0);
  }
}
