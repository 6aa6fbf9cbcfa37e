// Messages that arrive without the sender's name or face (senders on other SDKs, admin sends, old
// clients) get them from the user cache before they are stored — one lookup for a whole batch,
// so a sync that brings many unknown senders costs one /user/get_users_info. Messages that carry
// a name the cache does not have teach it the sender's new profile (no lookup at all).
import type { Daos } from "../../generated/dao/index.js";
import type { sdkws } from "../../generated/protocol/index.js";
import { SessionType } from "../../generated/types/index.js";
import type { Logger } from "../events/logger.js";
import { isNotificationConversation } from "../messages/ids.js";
import { chatMessageIDs, type MessageGroups } from "../messages/inbox.js";
import type { Cache } from "./cache.js";

/** The clientMsgIDs of the chat messages in `groups` that are stored already, in one query. */
export function storedMessageIDs(daos: Daos, groups: MessageGroups): Set<string> {
  return daos.chatLogs.existingKeys(chatMessageIDs(groups));
}

/** `stored`: storedMessageIDs of `groups`, taken since the last write. */
export async function fillSenderProfiles(cache: Cache, stored: ReadonlySet<string>, groups: MessageGroups, logger: Logger): Promise<void> {
  const nameless: sdkws.MsgData[] = [];
  for (const [cid, msgs] of groups) {
    if (isNotificationConversation(cid)) continue;
    // Rows already stored keep what they have: the inbox drops the duplicate anyway.
    for (const m of msgs) if (m.sendID && !m.senderNickname && !stored.has(m.clientMsgID)) nameless.push(m);
  }
  if (nameless.length === 0) return;
  let profiles;
  try {
    profiles = await cache.getUserNameAndFaceURL(nameless.map((m) => m.sendID));
  } catch (error) {
    // Names are cosmetic: messages are stored without them rather than held back.
    logger.warn("sender names: user lookup failed; messages stored without names", { error: String(error) });
    return;
  }
  for (const m of nameless) {
    const p = profiles.get(m.sendID);
    if (!p) continue;
    m.senderNickname = p.nickname;
    if (!m.senderFaceURL) m.senderFaceURL = p.faceURL;
  }
}

/**
 * A peer's new message carrying another name or face than the cached profile means the peer changed
 * it (a change this device was not told of: not a friend, or offline then): the cache takes it.
 * Only single chats (a group message may carry the sender's group nickname) and only cached users
 * (a message has no ex or createTime to cache a new user with); the newest message per sender wins.
 * Messages already stored (duplicates, older copies) teach nothing, and neither do friends' messages:
 * the friend sync and 1209 bring friends' profiles, newer than the name an offline message was sent with.
 */
export function learnSenderProfiles(cache: Cache, stored: ReadonlySet<string>, groups: MessageGroups, selfID: string, friends: ReadonlySet<string>, logger: Logger): void {
  const newest = new Map<string, sdkws.MsgData>();
  for (const [cid, msgs] of groups) {
    if (isNotificationConversation(cid)) continue;
    for (const m of msgs) {
      if (m.sessionType !== SessionType.Single || m.sendID === selfID || !m.senderNickname || friends.has(m.sendID)) continue;
      if (stored.has(m.clientMsgID)) continue;
      const seen = newest.get(m.sendID);
      if (!seen || m.sendTime >= seen.sendTime) newest.set(m.sendID, m);
    }
  }
  try {
    for (const [userID, m] of newest) {
      const cached = cache.users.peek(userID);
      if (cached && (cached.nickname !== m.senderNickname || cached.faceURL !== m.senderFaceURL)) cache.update(userID, m.senderFaceURL, m.senderNickname);
    }
  } catch (error) {
    logger.warn("sender names: storing a changed profile failed", { error: String(error) });
  }
}
