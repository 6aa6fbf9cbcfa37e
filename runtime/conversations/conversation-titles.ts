// Titles of conversations: a new single chat shows the peer's userID until their profile is known,
// a new group chat has no name until the group is known (its messages can arrive before the joined-
// group sync or the creation notice stored the group). As the notifier's namer it names new
// conversations before they are announced (one lookup for all peers, one for all groups); one it
// could not name (offline) is renamed by the `peer-names` connect step later, which reports the change. When a peer's profile changes (1303/1209 notifications),
// the chat with them is retitled.
import type { Daos } from "../../generated/dao/index.js";
import type { LocalConversation, LocalUser } from "../../generated/types/index.js";
import { SessionType } from "../../generated/types/index.js";
import type { GroupProfile } from "../cache/conversation-names.js";
import type { UserCache } from "../cache/user-cache.js";
import type { Logger } from "../events/logger.js";
import { conversationIDOf } from "../messages/ids.js";
import type { ConversationNamer, ConversationNotifier } from "./notifier.js";

const untitledChat = (c: LocalConversation | undefined): c is LocalConversation =>
  c !== undefined && c.conversationType === SessionType.Single && c.userID !== "" && (c.showName === "" || c.showName === c.userID);
const untitledGroup = (c: LocalConversation | undefined): c is LocalConversation =>
  c !== undefined && c.conversationType === SessionType.Group && c.groupID !== "" && c.showName === "";
const untitled = (c: LocalConversation | undefined): c is LocalConversation => untitledChat(c) || untitledGroup(c);

/** Names and faces of groups (unknown ones left out). */
export type GroupLookup = (groupIDs: readonly string[]) => Promise<Map<string, GroupProfile>>;

export class ConversationTitles implements ConversationNamer {
  private closed = false;

  constructor(
    private readonly selfID: string,
    private readonly daos: Daos,
    private readonly users: UserCache,
    private readonly groups: GroupLookup,
    private readonly notifier: ConversationNotifier,
    private readonly logger: Logger,
  ) {}

  /** Stops filling: the session's database is about to close. */
  close(): void {
    this.closed = true;
  }

  unnamed(conversationIDs: readonly string[]): string[] {
    const rows = this.daos.localConversations.getMany(conversationIDs);
    return conversationIDs.filter((id) => untitled(rows.get(id)));
  }

  /** Names the untitled single chats among `conversationIDs` without telling anyone (they are not announced yet). */
  async name(conversationIDs: readonly string[]): Promise<void> {
    try {
      await this.rename(conversationIDs);
    } catch (error) {
      if (!this.closed) this.logger.warn("conversation titles: peer lookup failed; announced with the userID, renamed at the next connect", { error: String(error) });
    }
  }

  /** Names the untitled single chats among `conversationIDs` and reports them changed; never throws. */
  async fill(conversationIDs: readonly string[]): Promise<void> {
    try {
      const renamed = await this.rename(conversationIDs);
      if (renamed.length === 0) return;
      for (const c of renamed) this.notifier.touch(c.conversationID, c.latestMsgSendTime > 0);
      this.notifier.flush();
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

  /** Profiles a sync brought (the friend step): cached as they are and the chats retitled, no lookup. */
  applyProfiles(users: readonly LocalUser[]): void {
    if (this.closed) return;
    this.users.replace(users);
    for (const u of users) this.retitle(u.userID);
    this.notifier.flush();
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

  /** One lookup for the peers and one for the groups of the untitled ones; returns the rows it renamed, as they were. */
  private async rename(conversationIDs: readonly string[]): Promise<LocalConversation[]> {
    if (this.closed) return [];
    const found = this.daos.localConversations.getMany(conversationIDs);
    const rows = conversationIDs.map((id) => found.get(id)).filter(untitled);
    if (rows.length === 0) return [];
    const chats = rows.filter(untitledChat);
    const groupIDs = rows.filter(untitledGroup).map((c) => c.groupID);
    const [profiles, groups] = await Promise.all([
      chats.length > 0 ? this.users.getUsers(chats.map((c) => c.userID)) : new Map<string, never>(),
      groupIDs.length > 0 ? this.groups(groupIDs) : new Map<string, GroupProfile>(),
    ]);
    if (this.closed) return [];
    // Read again: the rows may have changed while the lookup was out.
    const now = this.daos.localConversations.getMany(rows.map((c) => c.conversationID));
    const renamed: LocalConversation[] = [];
    for (const c of rows) {
      const fresh = now.get(c.conversationID);
      if (!untitled(fresh)) continue;
      const p = untitledChat(fresh) ? profiles.get(fresh.userID) : undefined;
      const g = untitledGroup(fresh) ? groups.get(fresh.groupID) : undefined;
      const title = p ? { showName: p.nickname || fresh.userID, faceURL: fresh.faceURL || p.faceURL } : g ? { showName: g.groupName, faceURL: fresh.faceURL || g.faceURL } : undefined;
      if (!title) continue;
      this.daos.localConversations.upsert({ ...fresh, ...title });
      renamed.push(fresh);
    }
    return renamed;
  }
}
