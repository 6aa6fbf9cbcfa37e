// Friends: admin import (both directions, addSource 1), the FriendInfo the read routes answer with,
// and what a profile change tells others (1303 to the user's devices, 1209 to each friend).
import { relation, sdkws } from "../../generated/protocol/index.js";
import { argsError, CodeError, ErrCode } from "../errors.js";
import type { FriendRow } from "../store/friends.js";
import { SessionType } from "./ids.js";
import { ContentType, notify } from "./notify.js";
import type { Actor, Services } from "./services.js";

/** Friend versions live beside conversation versions under a key no userID can take (':' is refused at registration). */
export const friendsKey = (userID: string) => `friends:${userID}`;

const ADD_SOURCE_IMPORT = 1;

export function friendInfo(s: Services, row: FriendRow): sdkws.FriendInfo {
  const user = s.store.users.get(row.friendUserID);
  return sdkws.FriendInfo.create({ ...row, friendUser: user ? sdkws.UserInfo.create(user) : undefined });
}

export function friendInfos(s: Services, ownerUserID: string, friendUserIDs: readonly string[]): sdkws.FriendInfo[] {
  return friendUserIDs.flatMap((id) => {
    const row = s.store.friends.get(ownerUserID, id);
    return row ? [friendInfo(s, row)] : [];
  });
}

export function importFriends(s: Services, actor: Actor, req: relation.importFriendReq): void {
  if (!req.ownerUserID) throw argsError("ownerUserID is empty");
  if (req.friendUserIDs.length === 0) throw argsError("friendUserIDs is empty; name the users to befriend");
  if (new Set(req.friendUserIDs).size !== req.friendUserIDs.length) throw argsError("friendUserIDs repeats a user");
  if (req.friendUserIDs.includes(req.ownerUserID)) throw new CodeError(ErrCode.CanNotAddYourself, `ownerUserID ${req.ownerUserID} is also in friendUserIDs; a user cannot befriend themself`);
  for (const id of [req.ownerUserID, ...req.friendUserIDs]) if (!s.store.users.exists(id)) throw new CodeError(ErrCode.UserIDNotFound, `user ${id} is not registered`);
  const now = s.now();
  s.store.tx(() => {
    const added: string[] = [];
    for (const [owner, friend] of req.friendUserIDs.flatMap((f) => [[req.ownerUserID, f], [f, req.ownerUserID]] as const)) {
      if (s.store.friends.get(owner, friend)) continue;
      s.store.friends.insert({ ownerUserID: owner, friendUserID: friend, remark: "", createTime: now, addSource: ADD_SOURCE_IMPORT, operatorUserID: actor.userID, ex: "", isPinned: false });
      if (owner !== req.ownerUserID) s.store.versions.bump(friendsKey(owner), [friend]);
      else added.push(friend);
    }
    // One version for all of the owner's new friends, as one import is one change of their list.
    s.store.versions.bump(friendsKey(req.ownerUserID), added);
  });
}

/**
 * After a profile update: friends' lists show the new profile (a version change of that row), the
 * user's own devices get 1303 and every friend gets 1209, both online only, as OpenIM's user service sends them.
 */
export function announceProfileChange(s: Services, actor: Actor, userID: string): void {
  const owners = s.store.friends.ownersOf(userID);
  s.store.tx(() => {
    for (const owner of owners) s.store.versions.bump(friendsKey(owner), [userID]);
  });
  const tips = sdkws.UserInfoUpdatedTips.toGoJSON({ userID });
  notify(s, { sendID: actor.userID, recvID: userID, sessionType: SessionType.Single, contentType: ContentType.UserInfoUpdated, tips, onlineOnly: true });
  for (const owner of owners) notify(s, { sendID: actor.userID, recvID: owner, sessionType: SessionType.Single, contentType: ContentType.FriendInfoUpdated, tips, onlineOnly: true });
}
