// The message pipeline shared by user sends and server notifications: seq at store time,
// conversation rows, the sender's read pointer, then online fan-out after the ack.
import { sdkws } from "../../generated/protocol/index.js";
import { conversationIDOf, isNotificationConversation, newServerMsgID, option, SessionType } from "./ids.js";
import { pushMessage } from "./push.js";
import type { Services } from "./services.js";

export const MsgStatus = { Sending: 1, SendSuccess: 2, SendFailed: 3, HasDeleted: 4 } as const;

export interface Delivered {
  conversationID: string;
  message: sdkws.MsgData;
}

/** Users a message is pushed to (§5.4 fan-out): group members (sender included), or the pair. */
function recipients(s: Services, m: sdkws.MsgData): string[] {
  if (m.sessionType === SessionType.Group) return s.store.groups.members(m.groupID).map((x) => x.userID);
  if (m.sendID === m.recvID) return [m.sendID];
  const out = [m.recvID];
  if (option(m.options, "senderSync")) out.push(m.sendID);
  return out;
}

/** Creates missing conversation rows (both sides of a pair, or every group member); bumps their versions. */
export function ensureConversations(s: Services, conversationID: string, m: sdkws.MsgData, nowMs: number): void {
  if (isNotificationConversation(conversationID)) return;
  if (!option(m.options, "conversationUpdate")) return;
  if (m.sessionType === SessionType.Group) {
    for (const member of s.store.groups.members(m.groupID)) {
      if (s.store.conversations.ensure(member.userID, conversationID, SessionType.Group, "", m.groupID, nowMs)) s.store.versions.bump(member.userID, [conversationID]);
    }
    return;
  }
  const sides: [string, string][] = [[m.recvID, m.sendID]];
  if (m.sendID !== m.recvID && option(m.options, "senderConversationUpdate")) sides.push([m.sendID, m.recvID]);
  for (const [owner, peer] of sides) {
    if (s.store.conversations.ensure(owner, conversationID, m.sessionType, peer, "", nowMs)) s.store.versions.bump(owner, [conversationID]);
  }
}

/**
 * Stores (when options.history allows) and pushes. Fills serverMsgID, sendTime, status and seq
 * on a copy; the push is scheduled after the current turn so the sender's ack goes out first.
 */
export function deliver(s: Services, input: sdkws.MsgData): Delivered {
  const now = s.now();
  const m: sdkws.MsgData = { ...input, options: { ...input.options } };
  // Kept when set: a notification's chat copy shares the online copy's IDs (§5.6).
  m.serverMsgID ||= newServerMsgID(m.sendID, now);
  if (m.sendTime === 0) m.sendTime = now;
  m.status = MsgStatus.SendSuccess;
  m.seq = 0;
  const conversationID = conversationIDOf(m);
  if (option(m.options, "history")) {
    s.store.tx(() => {
      m.seq = s.store.seqs.allocate(conversationID, m.sendTime);
      s.store.messages.insert(conversationID, m.seq, m.clientMsgID, m.sendID, sdkws.MsgData.encode(m));
      ensureConversations(s, conversationID, m, now);
      // The sender has read everything up to its own message.
      s.store.seqs.setUser(m.sendID, conversationID, { readSeq: m.seq });
    });
  }
  const to = recipients(s, m);
  setImmediate(() => pushMessage(s.hub, to, conversationID, m));
  return { conversationID, message: m };
}
