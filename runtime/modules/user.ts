// The user module: one's own profile and other users' public profiles, through the session Cache.
import type { UserApi } from "../../generated/api/user.js";
import type { PublicUserItem, SelfUserInfo } from "../../generated/types/index.js";
import { cacheFor } from "../cache/cache.js";
import { ErrCode, SdkError } from "../contracts/errors.js";
import type { Session } from "../session/session.js";
import { fetchSelf, registerSelfUserSync, selfInfo } from "../users/self-user.js";
import type { LoginModule } from "./login.js";
import { serverCall } from "../http/server-call.js";

const MAX_USER_IDS = 1000;

export class UserModule implements UserApi {
  constructor(private readonly login: LoginModule) {
    login.onSession(registerSelfUserSync);
  }

  async getSelfUserInfo(): Promise<SelfUserInfo> {
    const session = this.session("getSelfUserInfo");
    const known = cacheFor(session).users.peek(session.userID);
    if (known) return selfInfo(known);
    return serverCall("getSelfUserInfo", fetchSelf(session));
  }

  async getUsersInfo(userIDs: string[]): Promise<PublicUserItem[]> {
    const method = "getUsersInfo";
    const session = this.session(method);
    if (userIDs.length > MAX_USER_IDS) throw new SdkError(ErrCode.Args, `${method}: ${userIDs.length} userIDs asked; ask for at most ${MAX_USER_IDS} at a time`);
    const blank = userIDs.findIndex((id) => id.trim() === "");
    if (blank >= 0) throw new SdkError(ErrCode.Args, `${method}: userIDs[${blank}] is empty; give user IDs`);
    const users = await serverCall(method, cacheFor(session).users.getUsers(userIDs));
    return [...new Set(userIDs)].flatMap((id) => {
      const u = users.get(id);
      return u ? [{ userID: u.userID, nickname: u.nickname, faceURL: u.faceURL, ex: u.ex }] : [];
    });
  }

  private session(method: string): Session {
    const session = this.login.current;
    if (!session) throw new SdkError(ErrCode.NotLogin, `${method}: not logged in; call login first`);
    return session;
  }
}
