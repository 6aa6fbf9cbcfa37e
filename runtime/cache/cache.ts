// The per-login Cache (the seed's `cache`): users' names and faces, and the conversation rows.
// One per Session, made on first use and dropped with the session (a WeakMap, so a new login
// never sees the previous user's entries).
import type { Daos } from "../../generated/dao/index.js";
import type { sdkws } from "../../generated/protocol/index.js";
import type { LocalConversation, LocalUser } from "../../generated/types/index.js";
import type { StorageDriver } from "../contracts/storage.js";
import type { Session } from "../session/session.js";
import { ConversationView } from "./conversation-view.js";
import { UserCache, type NameAndFace, type UserSource } from "./user-cache.js";

export class Cache {
  constructor(
    readonly users: UserCache,
    readonly conversations: ConversationView,
  ) {}

  update(userID: string, faceURL: string, nickname: string): void {
    this.users.update(userID, faceURL, nickname);
  }

  getUserNameAndFaceURL(userIDs: readonly string[]): Promise<Map<string, NameAndFace>> {
    return this.users.getUserNameAndFaceURL(userIDs);
  }

  updateConversation(row: LocalConversation): void {
    this.conversations.updateConversation(row);
  }

  updateConversations(rows: readonly LocalConversation[]): void {
    this.conversations.updateConversations(rows);
  }

  getConversation(conversationID: string): LocalConversation | undefined {
    return this.conversations.getConversation(conversationID);
  }

  getAllConversations(): LocalConversation[] {
    return this.conversations.getAllConversations();
  }

  getAllHasUnreadMessageConversations(): LocalConversation[] {
    return this.conversations.getAllHasUnreadMessageConversations();
  }
}

/** A user as the server sends it, as a local_users row. */
export function userRow(u: sdkws.UserInfo): LocalUser {
  const opt = u.globalRecvMsgOpt === 1 || u.globalRecvMsgOpt === 2 ? u.globalRecvMsgOpt : 0;
  return { userID: u.userID, nickname: u.nickname, faceURL: u.faceURL, ex: u.ex, createTime: u.createTime, globalRecvMsgOpt: opt };
}

/** local_users below the memory layer, /user/get_users_info above it. */
export function sessionUserSource(driver: StorageDriver, daos: Daos, http: Session["http"]): UserSource {
  return {
    local: (ids) => ids.map((id) => daos.localUsers.get(id)).filter((u): u is LocalUser => u !== undefined),
    remote: async (ids) => (await http.call("/user/get_users_info", { userIDs: [...ids] })).usersInfo.map(userRow),
    store: (users) => users.length > 0 && driver.transaction(() => daos.localUsers.upsertMany(users)),
    forget: (ids) => driver.transaction(() => ids.forEach((id) => daos.localUsers.delete(id))),
  };
}

const caches = new WeakMap<Session, Cache>();

/** The session's Cache, made on first use. */
export function cacheFor(session: Session): Cache {
  let cache = caches.get(session);
  if (!cache) {
    cache = new Cache(new UserCache(sessionUserSource(session.db.driver, session.daos, session.http)), new ConversationView(session.db.driver, session.daos));
    caches.set(session, cache);
  }
  return cache;
}
