// /friend: admin import (the only way friendships are made here: no applications yet) and the
// reads the SDKs sync with, versioned per owner so incremental sync behaves as against OpenIM.
import { relation } from "../../generated/protocol/index.js";
import { argsError } from "../errors.js";
import { assertSelf } from "../logic/access.js";
import { friendInfos, friendsKey, importFriends } from "../logic/friends.js";
import { idHash } from "../logic/ids.js";
import { actorOf, type RouteCtx } from "./context.js";

export const friendRoutes = {
  "/friend/import_friend": (req: relation.importFriendReq, ctx: RouteCtx): relation.importFriendResp => {
    importFriends(ctx.s, actorOf(ctx), req);
    return relation.importFriendResp.create();
  },

  "/friend/get_designated_friends": (req: relation.getDesignatedFriendsReq, ctx: RouteCtx): relation.getDesignatedFriendsResp => {
    assertSelf(actorOf(ctx), req.ownerUserID, "ownerUserID");
    if (new Set(req.friendUserIDs).size !== req.friendUserIDs.length) throw argsError("friendUserIDs repeats a user");
    return relation.getDesignatedFriendsResp.create({ friendsInfo: friendInfos(ctx.s, req.ownerUserID, req.friendUserIDs) });
  },

  "/friend/get_full_friend_user_ids": (req: relation.getFullFriendUserIDsReq, ctx: RouteCtx): relation.getFullFriendUserIDsResp => {
    assertSelf(actorOf(ctx), req.userID);
    const ids = ctx.s.store.friends.friendIDs(req.userID);
    const v = ctx.s.store.versions.current(friendsKey(req.userID));
    // As OpenIM: the list is left out when the client's hash matches it.
    const equal = BigInt(req.idHash) === idHash(ids);
    return relation.getFullFriendUserIDsResp.create({ version: v.version, versionID: v.versionID, equal, userIDs: equal ? [] : ids });
  },

  "/friend/get_incremental_friends": (req: relation.getIncrementalFriendsReq, ctx: RouteCtx): relation.getIncrementalFriendsResp => {
    assertSelf(actorOf(ctx), req.userID);
    const ch = ctx.s.store.versions.changesSince(friendsKey(req.userID), req.versionID, req.version);
    return relation.getIncrementalFriendsResp.create({
      version: ch.version,
      versionID: ch.versionID,
      full: ch.full,
      delete: ch.deleted,
      insert: friendInfos(ctx.s, req.userID, ch.inserted),
      update: friendInfos(ctx.s, req.userID, ch.updated),
    });
  },
};
