// Titles of single-chat conversations: a new conversation shows the peer's userID until their
// profile is known; this fills nickname and face from the user cache and reports the change. When
// a peer's profile changes (1303/1209 notifications), the chat with them is retitled.
import type { Daos } from "../../generated/dao/index.js";
import { SessionType } from "../../generated/types/index.js";
import type { UserCache } from "../cache/user-cache.js";
import type { Logger } from "../events/logger.js";
import { conversationIDOf } from "../messages/ids.js";
import type { ConversationNotifier } from "./notifier.js";

export class ConversationTitles {
  private closed = false;

  constructor(
    private readonly selfID: string,
    private readonly daos: Daos,
    private readonly users: UserCache,
    private readonly notifier: ConversationNotifier,
    private readonly logger: Logger,
  ) {}

  /** Stops filling: the session's database is about to close. */
  close(): void {
    this.closed = true;
  }

  /** Looks up the peers of the untitled single chats among `conversationIDs` (one request); never throws. */
  async fill(conversationIDs: readonly string[]): Promise<void> {
    try {
      await this.fillOrThrow(conversationIDs);
    } catch (error) {
      if (!this.closed) this.logger.warn("conversation titles: update failed", { error: String(error) });
    }
  }

  /**
   * These users' profiles changed elsewhere: asks the server for them again (one request; the cache
   * and local_users take the answer) and gives the single chats with them the new name and face.
   * Never throws: a failed lookup leaves the old names until the peer's next message.
   */
  async refreshProfiles(userIDs: readonly string[]): Promise<void> {
    if (this.closed) return;
    try {
      const fresh = await this.users.refresh(userIDs);
      if (this.closed) return;
      for (const id of fresh.keys()) this.retitle(id);
      this.notifier.flush();
    } catch (error) {
      if (!this.closed) this.logger.warn("profile refresh failed; names update with the next message or lookup", { userIDs, error: String(error) });
    }
  }

  private retitle(userID: string): void {
    // The cache, not the server answer: an update that came while the request was out is newer.
    const profile = this.users.peek(userID);
    const conv = this.daos.localConversations.get(conversationIDOf(SessionType.Single, this.selfID, userID));
    if (!profile || !conv) return;
    const showName = profile.nickname || conv.userID;
    if (conv.showName === showName && conv.faceURL === profile.faceURL) return;
    this.daos.localConversations.upsert({ ...conv, showName, faceURL: profile.faceURL });
    this.notifier.touch(conv.conversationID, conv.latestMsgSendTime > 0);
  }

  private async fillOrThrow(conversationIDs: readonly string[]): Promise<void> {
    if (this.closed) return;
    const untitled = conversationIDs
      .map((id) => this.daos.localConversations.get(id))
      .filter((c) => c !== undefined && c.conversationType === SessionType.Single && c.userID !== "" && (c.showName === "" || c.showName === c.userID));
    if (untitled.length === 0) return;
    const profiles = await this.users.getUsers(untitled.map((c) => c!.userID));
    if (this.closed) return;
    for (const c of untitled) {
      const fresh = this.daos.localConversations.get(c!.conversationID);
      const p = profiles.get(c!.userID);
      if (!fresh || !p || (fresh.showName !== "" && fresh.showName !== fresh.userID)) continue;
      this.daos.localConversations.upsert({ ...fresh, showName: p.nickname || fresh.userID, faceURL: fresh.faceURL || p.faceURL });
      this.notifier.touch(fresh.conversationID, fresh.latestMsgSendTime > 0);
    }
    this.notifier.flush();
  }
}
