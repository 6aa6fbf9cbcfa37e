// Conversation IDs and delivery options as OpenIM's msgprocessor forms them (§5.1, §5.4).
import { createHash, randomBytes } from "node:crypto";

export const SessionType = { Single: 1, WriteGroup: 2, Group: 3, Notification: 4 } as const;

/** Byte-wise (Go) order of the UTF-8 encodings, not UTF-16 or locale order. */
export function goLess(a: string, b: string): boolean {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")) < 0;
}

function sortedPair(a: string, b: string): string {
  return goLess(b, a) ? `${b}_${a}` : `${a}_${b}`;
}

/** A missing key means true. */
export function option(options: Record<string, boolean> | undefined, key: string): boolean {
  return options?.[key] ?? true;
}

export const isNotification = (options: Record<string, boolean> | undefined) => !option(options, "isNotNotification");

export function chatConversationID(sessionType: number, sendID: string, recvID: string, groupID: string): string {
  switch (sessionType) {
    case SessionType.Single:
      return `si_${sortedPair(sendID, recvID)}`;
    case SessionType.WriteGroup:
      return `g_${groupID}`;
    case SessionType.Group:
      return `sg_${groupID}`;
    case SessionType.Notification:
      return `sn_${sortedPair(sendID, recvID)}`;
    default:
      throw new Error(`unknown sessionType ${sessionType}`);
  }
}

export function notificationConversationID(sessionType: number, sendID: string, recvID: string, groupID: string): string {
  return sessionType === SessionType.Group || sessionType === SessionType.WriteGroup ? `n_${groupID}` : `n_${sortedPair(sendID, recvID)}`;
}

/** The conversation a message lands in: its chat ID, or the n_ twin for notifications. */
export function conversationIDOf(m: { sessionType: number; sendID: string; recvID: string; groupID: string; options: Record<string, boolean> }): string {
  return isNotification(m.options)
    ? notificationConversationID(m.sessionType, m.sendID, m.recvID, m.groupID)
    : chatConversationID(m.sessionType, m.sendID, m.recvID, m.groupID);
}

export const isNotificationConversation = (id: string) => id.startsWith("n_");

/** n_ twin: the first `_`-separated token replaced by `n`. */
export function notificationTwin(id: string): string {
  const i = id.indexOf("_");
  return i < 0 ? id : `n${id.slice(i)}`;
}

/** For a pair conversation (si_/sn_/n_<a>_<b>) that contains `userID`, the other user; else undefined. */
export function peerOf(conversationID: string, userID: string): string | undefined {
  const i = conversationID.indexOf("_");
  if (i < 0) return undefined;
  const prefix = conversationID.slice(0, i);
  if (prefix !== "si" && prefix !== "sn" && prefix !== "n") return undefined;
  const rest = conversationID.slice(i + 1);
  const candidates: string[] = [];
  if (rest.startsWith(`${userID}_`)) candidates.push(rest.slice(userID.length + 1));
  if (rest.endsWith(`_${userID}`)) candidates.push(rest.slice(0, rest.length - userID.length - 1));
  return candidates.find((other) => other !== "" && sortedPair(userID, other) === rest);
}

// One random salt per process plus a counter: unique IDs without a randomBytes call per message,
// which profiling showed to be the send path's largest cost.
const SALT = randomBytes(8).toString("hex");
let idCounter = 0;

/** OpenIM's serverMsgID: MD5 hex of time-sendID-random. */
export function newServerMsgID(sendID: string, nowMs: number): string {
  return createHash("md5").update(`${nowMs}-${sendID}-${SALT}-${++idCounter}`).digest("hex");
}

/** 32-hex client message ID for server-made messages (notifications, admin sends). */
export const newClientMsgID = () => createHash("md5").update(`c-${SALT}-${++idCounter}-${Date.now()}`).digest("hex");

/** A short unique trace ID for server-initiated frames. */
export const newOperationID = () => `srv_${SALT.slice(0, 6)}_${++idCounter}`;

/** OpenIM idHash: first 8 bytes (big-endian) of MD5 over Go json.Marshal(ids); 0 for none. */
export function idHash(ids: readonly string[]): bigint {
  if (ids.length === 0) return 0n;
  const json = JSON.stringify(ids).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return createHash("md5").update(json).digest().readBigUInt64BE(0);
}
