// Identifiers the server and the SDK must agree on: clientMsgIDs and conversationIDs.
import { SessionType } from "../../generated/types/index.js";

/** 32 hex characters, random: the idempotency key of a message (resends reuse it). */
export function newClientMsgID(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Byte-wise order, as the server sorts the pair (not locale order). */
function sortedPair(a: string, b: string): [string, string] {
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  const n = Math.min(ea.length, eb.length);
  for (let i = 0; i < n; i++) if (ea[i] !== eb[i]) return ea[i]! < eb[i]! ? [a, b] : [b, a];
  return ea.length <= eb.length ? [a, b] : [b, a];
}

/** The chat conversationID the server files a message under (protocol §5.1). */
export function conversationIDOf(sessionType: number, selfOrSender: string, peerOrGroup: string): string {
  switch (sessionType) {
    case SessionType.Single:
      return `si_${sortedPair(selfOrSender, peerOrGroup).join("_")}`;
    case SessionType.Group:
      return `sg_${peerOrGroup}`;
    case SessionType.Notification:
      return `sn_${sortedPair(selfOrSender, peerOrGroup).join("_")}`;
    default:
      throw new RangeError(`sessionType ${sessionType} has no conversationID (use 1 single, 3 group or 4 notification)`);
  }
}

/** The groupID of a group chat's conversationID; undefined for any other conversation. */
export const groupIDOf = (conversationID: string): string | undefined => (conversationID.startsWith("sg_") ? conversationID.slice(3) : undefined);

export const isNotificationConversation = (conversationID: string): boolean => conversationID.startsWith("n_");

/** The peer of a single chat, from its conversationID. */
export function peerOf(conversationID: string, selfID: string): string {
  const body = conversationID.slice(3);
  if (body.startsWith(selfID + "_")) return body.slice(selfID.length + 1);
  if (body.endsWith("_" + selfID)) return body.slice(0, body.length - selfID.length - 1);
  return body;
}
