// /friend read routes. The devserver has no route that creates friendships yet (add_friend and
// import_friend are not in the route table), so every friend list is truthfully empty; the
// version bookkeeping is real so incremental sync behaves as against OpenIM.
import { relation } from "../../generated/protocol/index.js";
import { assertSelf } from "../logic/access.js";
import { idHash } from "../logic/ids.js";
import { actorOf, type RouteCtx } from "./context.js";

/** Friend versions live beside conversation versions under a key no userID can take (':' is refused at registration). */
const friendsKey = (userID: string) => `friends:${userID}`;

export const friendRoutes = {
  "/friend/get_designated_friends": (req: relation.getDesignatedFriendsReq, ctx: RouteCtx): relation.getDesignatedFriendsResp => {
    assertSelf(actorOf(ctx), req.ownerUserID, "ownerUserID");
    return relation.getDesignatedFriendsResp.create({ friendsInfo: [] });
  },

  "/friend/get_full_friend_user_ids": (req: relation.getFullFriendUserIDsReq, ctx: RouteCtx): relation.getFullFriendUserIDsResp => {
    assertSelf(actorOf(ctx), req.userID);
    const v = ctx.s.store.versions.current(friendsKey(req.userID));
    // As OpenIM: equal when the client's hash matches; the empty list hashes to 0.
    return relation.getFullFriendUserIDsResp.create({ version: v.version, versionID: v.versionID, equal: BigInt(req.idHash) === idHash([]), userIDs: [] });
  },

  "/friend/get_incremental_friends": (req: relation.getIncrementalFriendsReq, ctx: RouteCtx): relation.getIncrementalFriendsResp => {
    assertSelf(actorOf(ctx), req.userID);
    const ch = ctx.s.store.versions.changesSince(friendsKey(req.userID), req.versionID, req.version);
    return relation.getIncrementalFriendsResp.create({ version: ch.version, versionID: ch.versionID, full: ch.full });
  },
};
