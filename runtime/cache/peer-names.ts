// Single chats started by this user show the peer's ID until a message from the peer brings a
// name. At every connect (a sync step after the messages) the still-unnamed ones are named from
// the user cache in one lookup, and the app hears of it through OnConversationChanged.
import { SessionType } from "../../generated/types/index.js";
import type { ConversationNotifier } from "../conversations/notifier.js";
import type { Logger } from "../events/logger.js";
import type { Session } from "../session/session.js";
import { cacheFor } from "./cache.js";

export function registerPeerNames(session: Session, notifier: () => ConversationNotifier | undefined, logger: Logger): void {
  session.sync.register({
    name: "peer-names",
    order: 150,
    run: async () => {
      const cache = cacheFor(session);
      const unnamed = cache.getAllConversations().filter((c) => c.conversationType === SessionType.Single && c.userID !== "" && c.showName === c.userID);
      if (unnamed.length === 0) return;
      let names;
      try {
        names = await cache.getUserNameAndFaceURL(unnamed.map((c) => c.userID));
      } catch (error) {
        logger.warn("peer names: lookup failed; conversations keep showing user IDs until the next connect", { error: String(error) });
        return;
      }
      const sink = notifier();
      const renamed = [];
      for (const c of unnamed) {
        // Re-read: a message may have named it while the lookup was out.
        const row = cache.getConversation(c.conversationID);
        const p = names.get(c.userID);
        if (!row || !p?.nickname || row.showName !== row.userID) continue;
        renamed.push({ ...row, showName: p.nickname, faceURL: row.faceURL || p.faceURL });
        sink?.touch(row.conversationID, row.latestMsgSendTime > 0);
      }
      cache.updateConversations(renamed);
      sink?.flush();
    },
  });
}
