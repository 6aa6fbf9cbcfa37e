// Messages that arrive without the sender's name or face (senders on other SDKs, admin sends, old
// clients) get them from the user cache before they are stored — one lookup for a whole batch,
// so a sync that brings many unknown senders costs one /user/get_users_info.
import type { Daos } from "../../generated/dao/index.js";
import type { sdkws } from "../../generated/protocol/index.js";
import type { Logger } from "../events/logger.js";
import { isNotificationConversation } from "../messages/ids.js";
import type { MessageGroups } from "../messages/inbox.js";
import type { Cache } from "./cache.js";

export async function fillSenderProfiles(cache: Cache, daos: Daos, groups: MessageGroups, logger: Logger): Promise<void> {
  const nameless: sdkws.MsgData[] = [];
  for (const [cid, msgs] of groups) {
    if (isNotificationConversation(cid)) continue;
    // Rows already stored keep what they have: the inbox drops the duplicate anyway.
    for (const m of msgs) if (m.sendID && !m.senderNickname && !(m.clientMsgID && daos.chatLogs.get(m.clientMsgID))) nameless.push(m);
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
