// /auth: admin and user tokens, parse, force logout.
import { auth } from "../../generated/protocol/index.js";
import { ADMIN_PLATFORM_ID, isPlatformID } from "../auth/platforms.js";
import { argsError, CodeError, ErrCode, noPermission } from "../errors.js";
import { actorOf, type RouteCtx } from "./context.js";

export const authRoutes = {
  "/auth/get_admin_token": (req: auth.getAdminTokenReq, ctx: RouteCtx): auth.getAdminTokenResp => {
    ctx.s.tokens.checkAdminSecret(req.secret, req.userID);
    return auth.getAdminTokenResp.create(ctx.s.tokens.issueAdmin(req.userID));
  },

  "/auth/get_user_token": (req: auth.getUserTokenReq, ctx: RouteCtx): auth.getUserTokenResp => {
    if (req.platformID === ADMIN_PLATFORM_ID) throw argsError("platformID 10 (Admin) cannot get a user token; use /auth/get_admin_token");
    if (!isPlatformID(req.platformID)) throw argsError(`platformID ${req.platformID} is invalid; use 1..11`);
    if (ctx.s.tokens.isAdmin(req.userID)) throw noPermission("don't get Admin token: admin user IDs use /auth/get_admin_token");
    const user = ctx.s.store.users.get(req.userID);
    if (!user) throw new CodeError(ErrCode.UserIDNotFound, `user ${req.userID} is not registered; call /user/user_register first`);
    if (user.appMangerLevel >= 3) throw noPermission(`user ${req.userID} has appMangerLevel ${user.appMangerLevel} and cannot get a user token`);
    return auth.getUserTokenResp.create(ctx.s.tokens.issueUser(req.userID, req.platformID));
  },

  "/auth/parse_token": (req: auth.parseTokenReq, ctx: RouteCtx): auth.parseTokenResp => {
    if (!req.token) throw argsError("token is empty");
    const u = ctx.s.tokens.check(req.token);
    // Here expireTimeSeconds is the absolute unix expiry, unlike get_*_token (§8.20).
    return auth.parseTokenResp.create({ userID: u.userID, platformID: u.platformID, expireTimeSeconds: u.exp });
  },

  "/auth/force_logout": (req: auth.forceLogoutReq, ctx: RouteCtx): auth.forceLogoutResp => {
    actorOf(ctx);
    if (!isPlatformID(req.platformID)) throw argsError(`platformID ${req.platformID} is invalid; use 1..11`);
    ctx.s.tokens.forceLogout(req.userID, req.platformID);
    for (const conn of ctx.s.hub.connsOf(req.userID)) if (conn.platformID === req.platformID) conn.kick();
    return auth.forceLogoutResp.create();
  },
};

