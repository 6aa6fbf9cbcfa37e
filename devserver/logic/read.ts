// Read pointers: mark messages / a conversation as read, set hasReadSeq, and the 2200 receipt.
import { sdkws } from "../../generated/protocol/index.js";
import { argsError, CodeError, ErrCode } from "../errors.js";
import type { ConversationRow } from "../store/conversations.js";
import { assertParticipant } from "./access.js";
import { SessionType } from "./ids.js";
import { ContentType, notify } from "./notify.js";
import type { Services } from "./services.js";

function conversationOf(s: Services, userID: string, conversationID: string): ConversationRow {
  assertParticipant(s, userID, conversationID);
  const c = s.store.conversations.get(userID, conversationID);
  if (!c) throw new CodeError(ErrCode.RecordNotFound, `${userID} has no conversation ${conversationID}`);
  return c;
}

/** Sets isRead on the user's received single-chat messages at these seqs. */
function markSingleChatRead(s: Services, userID: string, conversationID: string, seqs: readonly number[]): void {
  s.store.tx(() => {
    for (const seq of seqs) {
      const stored = s.store.messages.get(conversationID, seq);
      if (!stored) continue;
      const m = sdkws.MsgData.decode(stored.body);
      if (m.recvID !== userID || m.isRead) continue;
      m.isRead = true;
      s.store.messages.replace(conversationID, seq, sdkws.MsgData.encode(m), stored.revoked);
    }
  });
}

/** 2200: to the peer (stored in n_<pair>) for single chats; to self, online only, otherwise. */
function sendReceipt(s: Services, c: ConversationRow, userID: string, seqs: readonly number[], hasReadSeq: number, selfOnly = false): void {
  const toPeer = !selfOnly && c.conversationType === SessionType.Single && c.userID !== "" && c.userID !== userID;
  const recvID = toPeer ? c.userID : userID;
  notify(s, {
    sendID: userID,
    recvID,
    sessionType: SessionType.Single,
    contentType: ContentType.HasReadReceipt,
    tips: sdkws.MarkAsReadTips.toGoJSON({ markAsReadUserID: userID, conversationID: c.conversationID, seqs: [...seqs], hasReadSeq }),
    onlineOnly: !toPeer,
  });
}

function raiseReadSeq(s: Services, userID: string, conversationID: string, to: number): number {
  const cur = s.store.seqs.user(userID, conversationID).readSeq;
  if (to > cur) {
    s.store.seqs.setUser(userID, conversationID, { readSeq: to });
    return to;
  }
  return cur;
}

export function markMsgsAsRead(s: Services, userID: string, conversationID: string, seqs: readonly number[]): void {
  if (seqs.length === 0) throw argsError("seqs must not be empty");
  const c = conversationOf(s, userID, conversationID);
  const last = seqs[seqs.length - 1]!;
  if (last > s.store.seqs.maxSeq(conversationID)) throw argsError("hasReadSeq must not be bigger than maxSeq");
  markSingleChatRead(s, userID, conversationID, seqs);
  const hasReadSeq = raiseReadSeq(s, userID, conversationID, last);
  sendReceipt(s, c, userID, seqs, hasReadSeq);
}

export function markConversationAsRead(s: Services, userID: string, conversationID: string, hasReadSeq: number, seqs: readonly number[]): void {
  const c = conversationOf(s, userID, conversationID);
  if (hasReadSeq > s.store.seqs.maxSeq(conversationID)) throw argsError("hasReadSeq must not be bigger than maxSeq");
  const unique = [...new Set(seqs)];
  if (c.conversationType === SessionType.Single && unique.length > 0) markSingleChatRead(s, userID, conversationID, unique);
  const now = raiseReadSeq(s, userID, conversationID, hasReadSeq);
  sendReceipt(s, c, userID, unique, now);
}

export function setHasReadSeq(s: Services, userID: string, conversationID: string, hasReadSeq: number, noNotification: boolean): void {
  const c = conversationOf(s, userID, conversationID);
  if (hasReadSeq > s.store.seqs.maxSeq(conversationID)) throw argsError("hasReadSeq must not be bigger than maxSeq");
  s.store.seqs.setUser(userID, conversationID, { readSeq: hasReadSeq });
  if (!noNotification) sendReceipt(s, c, userID, [], hasReadSeq, true);
}
