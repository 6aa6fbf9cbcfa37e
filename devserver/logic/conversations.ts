// Conversation settings per owner: reads (with the user's seq window), set_conversations with
// version bumps and the 1300 ConversationChange notification, incremental sync (§5.7).
import { conversation, sdkws } from "../../generated/protocol/index.js";
import { argsError } from "../errors.js";
import type { ConversationPatch, ConversationRow } from "../store/conversations.js";
import { assertParticipant, groupIDOf } from "./access.js";
import { chatConversationID, idHash, peerOf, SessionType } from "./ids.js";
import { ContentType, notify } from "./notify.js";
import type { Services } from "./services.js";

export function toProto(s: Services, c: ConversationRow): conversation.Conversation {
  const seq = s.store.seqs.user(c.ownerUserID, c.conversationID);
  return conversation.Conversation.create({ ...c, minSeq: seq.minSeq, maxSeq: seq.maxSeq });
}

export function listConversations(s: Services, owner: string, ids?: readonly string[]): conversation.Conversation[] {
  const rows = ids ? ids.map((id) => s.store.conversations.get(owner, id)).filter((c): c is ConversationRow => c !== undefined) : s.store.conversations.list(owner);
  return rows.map((c) => toProto(s, c));
}

/** The patch a ConversationReq carries: wrappers left unset keep their value. */
function patchOf(req: conversation.ConversationReq): ConversationPatch {
  const p: ConversationPatch = {};
  if (req.recvMsgOpt !== undefined) {
    if (![0, 1, 2].includes(req.recvMsgOpt)) throw argsError(`recvMsgOpt ${req.recvMsgOpt} is invalid; use 0, 1 or 2`);
    p.recvMsgOpt = req.recvMsgOpt;
  }
  if (req.isPinned !== undefined) p.isPinned = req.isPinned;
  if (req.attachedInfo !== undefined) p.attachedInfo = req.attachedInfo;
  if (req.isPrivateChat !== undefined) p.isPrivateChat = req.isPrivateChat;
  if (req.ex !== undefined) p.ex = req.ex;
  if (req.burnDuration !== undefined) p.burnDuration = req.burnDuration;
  if (req.groupAtType !== undefined) p.groupAtType = req.groupAtType;
  if (req.msgDestructTime !== undefined) p.msgDestructTime = req.msgDestructTime;
  if (req.isMsgDestruct !== undefined) p.isMsgDestruct = req.isMsgDestruct;
  return p;
}

export function setConversations(s: Services, userIDs: readonly string[], req: conversation.ConversationReq): void {
  if (!req.conversationID) throw argsError("conversation.conversationID is empty");
  if (![SessionType.Single, SessionType.Group, SessionType.Notification].includes(req.conversationType as 1)) {
    throw argsError(`conversationType ${req.conversationType} is invalid; use 1, 3 or 4`);
  }
  const patch = patchOf(req);
  const now = s.now();
  for (const owner of userIDs) {
    assertParticipant(s, owner, req.conversationID);
    s.store.tx(() => {
      const groupID = req.conversationType === SessionType.Group ? (groupIDOf(req.conversationID) ?? req.groupID) : req.groupID;
      const peer = req.conversationType === SessionType.Group ? "" : (peerOf(req.conversationID, owner) ?? req.userID);
      s.store.conversations.ensure(owner, req.conversationID, req.conversationType, peer, groupID, now);
      s.store.conversations.update(owner, req.conversationID, patch);
      if (req.minSeq !== undefined) s.store.seqs.setUser(owner, req.conversationID, { minSeq: req.minSeq });
      if (req.maxSeq !== undefined) s.store.seqs.setUser(owner, req.conversationID, { maxSeq: req.maxSeq });
      s.store.versions.bump(owner, [req.conversationID]);
    });
    notifyConversationChanged(s, owner, req.conversationID);
  }
}

/** OpenIM's ConversationChange (1300): tells the owner's devices to sync this conversation's settings. */
function notifyConversationChanged(s: Services, owner: string, conversationID: string): void {
  notify(s, {
    sendID: owner,
    recvID: owner,
    sessionType: SessionType.Single,
    contentType: ContentType.ConversationChange,
    tips: sdkws.ConversationUpdateTips.toGoJSON({ userID: owner, conversationIDList: [conversationID] }),
    onlineOnly: true,
  });
}

/**
 * Records a mention on the owners' group conversation as OpenIM's conversation service does when the
 * msg service asks: an owner whose groupAtType already has this value is left alone (no version, no
 * 1300); an owner with no row gets one, created with this groupAtType.
 */
export function setGroupAtType(s: Services, owners: readonly string[], groupID: string, groupAtType: number): void {
  const conversationID = chatConversationID(SessionType.Group, "", "", groupID);
  for (const owner of owners) {
    if (s.store.conversations.get(owner, conversationID)?.groupAtType === groupAtType) continue;
    s.store.tx(() => {
      s.store.conversations.ensure(owner, conversationID, SessionType.Group, "", groupID, s.now());
      s.store.conversations.update(owner, conversationID, { groupAtType });
      s.store.versions.bump(owner, [conversationID]);
    });
    notifyConversationChanged(s, owner, conversationID);
  }
}

/** Removes the owner's named conversations (OpenIM main's delete_conversations); their messages stay. */
export function deleteConversations(s: Services, owner: string, req: conversation.DeleteConversationsReq): void {
  if (req.needDeleteTime !== 0) throw argsError("needDeleteTime (deleting by age) is not reproduced by the devserver; name the conversationIDs");
  if (req.conversationIDs.length === 0) throw argsError("conversationIDs is empty");
  s.store.tx(() => {
    const removed = req.conversationIDs.filter((id) => s.store.conversations.delete(owner, id));
    s.store.versions.bump(owner, removed, true);
  });
}

export function incremental(s: Services, userID: string, versionID: string, version: number): conversation.GetIncrementalConversationResp {
  const ch = s.store.versions.changesSince(userID, versionID, version);
  return conversation.GetIncrementalConversationResp.create({
    version: ch.version,
    versionID: ch.versionID,
    full: ch.full,
    delete: ch.deleted,
    insert: listConversations(s, userID, ch.inserted),
    update: listConversations(s, userID, ch.updated),
  });
}

export function fullConversationIDs(s: Services, userID: string, clientHash: number): conversation.GetFullOwnerConversationIDsResp {
  const ids = s.store.conversations.list(userID).map((c) => c.conversationID);
  const v = s.store.versions.current(userID);
  // As OpenIM: equal when the hashes match (an empty list hashes to 0).
  const equal = BigInt(clientHash) === idHash(ids);
  return conversation.GetFullOwnerConversationIDsResp.create({ version: v.version, versionID: v.versionID, equal, conversationIDs: equal ? [] : ids });
}
