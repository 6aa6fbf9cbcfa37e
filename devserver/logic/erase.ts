// Clearing conversations and deleting messages (§5.8): for oneself (window / per-user marks)
// or for everyone (IsSyncOther: conversation min seq / physical delete), with 1703 / 2102.
import { sdkws } from "../../generated/protocol/index.js";
import { argsError } from "../errors.js";
import type { ConversationRow } from "../store/conversations.js";
import { assertParticipant } from "./access.js";
import { SessionType } from "./ids.js";
import { ContentType, notify } from "./notify.js";
import type { Services } from "./services.js";

export interface SyncOpt {
  IsSyncSelf: boolean;
  IsSyncOther: boolean;
}

const recvOf = (c: ConversationRow, userID: string) => (c.conversationType === SessionType.Single ? c.userID || userID : c.groupID);

export function clearConversations(s: Services, userID: string, conversationIDs: readonly string[], opt: SyncOpt): void {
  for (const id of conversationIDs) assertParticipant(s, userID, id);
  const existing = conversationIDs.map((id) => s.store.conversations.get(userID, id)).filter((c): c is ConversationRow => c !== undefined);
  if (existing.length === 0) return;
  s.store.tx(() => {
    for (const c of existing) {
      const max = s.store.seqs.maxSeq(c.conversationID);
      s.store.seqs.setUser(userID, c.conversationID, { minSeq: max + 1, readSeq: max });
      if (opt.IsSyncOther) s.store.seqs.setConversationMinSeq(c.conversationID, max + 1);
    }
  });
  if (opt.IsSyncOther) {
    for (const c of existing) {
      notify(s, {
        sendID: userID,
        recvID: recvOf(c, userID),
        groupID: c.groupID,
        sessionType: c.conversationType,
        contentType: ContentType.ClearConversation,
        tips: sdkws.ClearConversationTips.toGoJSON({ userID, conversationIDs: [c.conversationID] }),
        onlineOnly: true,
      });
    }
  } else if (opt.IsSyncSelf) {
    notify(s, {
      sendID: userID,
      recvID: userID,
      sessionType: SessionType.Single,
      contentType: ContentType.ClearConversation,
      tips: sdkws.ClearConversationTips.toGoJSON({ userID, conversationIDs: existing.map((c) => c.conversationID) }),
      onlineOnly: true,
    });
  }
}

export function clearAll(s: Services, userID: string, opt: SyncOpt): void {
  clearConversations(s, userID, s.store.conversations.list(userID).map((c) => c.conversationID), opt);
}

export function deleteMessages(s: Services, userID: string, conversationID: string, seqs: readonly number[], opt: SyncOpt): void {
  if (seqs.length === 0) throw argsError("seqs must not be empty");
  assertParticipant(s, userID, conversationID);
  const tips = sdkws.DeleteMsgsTips.toGoJSON({ userID, conversationID, seqs: [...seqs] });
  if (opt.IsSyncOther) {
    s.store.tx(() => seqs.forEach((seq) => s.store.messages.deletePhysically(conversationID, seq)));
    const c = s.store.conversations.get(userID, conversationID);
    notify(s, {
      sendID: userID,
      recvID: c ? recvOf(c, userID) : userID,
      groupID: c?.groupID ?? "",
      sessionType: c?.conversationType ?? SessionType.Single,
      contentType: ContentType.DeleteMsgs,
      tips,
      onlineOnly: false,
    });
    return;
  }
  s.store.tx(() => seqs.forEach((seq) => s.store.messages.deleteForUser(userID, conversationID, seq)));
  if (opt.IsSyncSelf) {
    notify(s, { sendID: userID, recvID: userID, sessionType: SessionType.Single, contentType: ContentType.DeleteMsgs, tips, onlineOnly: false });
  }
}
