// /user: register, profile read/update, online status, client config.
import { msggateway, sdkws, user } from "../../generated/protocol/index.js";
import type { ApiUserOnlineStatus } from "../../generated/protocol/json-types.js";
import { argsError, CodeError, ErrCode } from "../errors.js";
import { assertSelf } from "../logic/access.js";
import { announceProfileChange } from "../logic/friends.js";
import { actorOf, type RouteCtx } from "./context.js";


export const userRoutes = {
  "/user/user_register": (req: user.userRegisterReq, ctx: RouteCtx): user.userRegisterResp => {
    if (req.users.length === 0) throw argsError("users is empty");
    const seen = new Set<string>();
    for (const u of req.users) {
      if (!u.userID) throw argsError("userID is empty");
      if (u.userID.includes(":")) throw argsError(`userID ${JSON.stringify(u.userID)} contains ':'`);
      if (seen.has(u.userID)) throw argsError(`userID ${u.userID} is repeated in the request`);
      if (ctx.s.tokens.isAdmin(u.userID)) throw argsError(`userID ${u.userID} is an admin user ID`);
      seen.add(u.userID);
      if (ctx.s.store.users.exists(u.userID)) throw new CodeError(ErrCode.RegisteredAlready, `userID ${u.userID} is already registered`);
    }
    const now = ctx.s.now();
    ctx.s.store.users.insertMany(req.users.map((u) => ({ ...u, createTime: now, appMangerLevel: u.appMangerLevel, globalRecvMsgOpt: u.globalRecvMsgOpt })));
    return user.userRegisterResp.create();
  },

  "/user/get_users_info": (req: user.getDesignateUsersReq, ctx: RouteCtx): user.getDesignateUsersResp => {
    actorOf(ctx);
    if (req.userIDs.length === 0) throw argsError("userIDs is empty");
    return user.getDesignateUsersResp.create({ usersInfo: ctx.s.store.users.getMany(req.userIDs).map((u) => sdkws.UserInfo.create(u)) });
  },

  "/user/update_user_info_ex": (req: user.updateUserInfoExReq, ctx: RouteCtx): user.updateUserInfoExResp => {
    const info = req.userInfo;
    if (!info?.userID) throw argsError("userInfo.userID is empty");
    const actor = actorOf(ctx);
    assertSelf(actor, info.userID, "userInfo.userID");
    if (!ctx.s.store.users.exists(info.userID)) throw new CodeError(ErrCode.UserIDNotFound, `user ${info.userID} is not registered`);
    if (info.globalRecvMsgOpt !== undefined && ![0, 1, 2].includes(info.globalRecvMsgOpt)) throw argsError("globalRecvMsgOpt must be 0, 1 or 2");
    ctx.s.store.users.update(info.userID, { nickname: info.nickname, faceURL: info.faceURL, ex: info.ex, globalRecvMsgOpt: info.globalRecvMsgOpt });
    announceProfileChange(ctx.s, actor, info.userID);
    return user.updateUserInfoExResp.create();
  },

  "/user/get_users_online_status": (req: msggateway.GetUsersOnlineStatusReq, ctx: RouteCtx): ApiUserOnlineStatus[] => {
    return req.userIDs.map((userID) => {
      const conns = ctx.s.hub.connsOf(userID);
      return {
        userID,
        status: conns.length > 0 ? 1 : 0,
        detailPlatformStatus: conns.length === 0 ? null : conns.map((c) => ({ platformID: c.platformID, connID: c.info.connID, isBackground: c.isBackground, token: c.info.token })),
      };
    });
  },

  "/user/get_user_client_config": (req: user.getUserClientConfigReq, ctx: RouteCtx): user.getUserClientConfigResp => {
    assertSelf(actorOf(ctx), req.userID);
    return user.getUserClientConfigResp.create({ configs: ctx.s.store.clientConfig(req.userID) });
  },
};
