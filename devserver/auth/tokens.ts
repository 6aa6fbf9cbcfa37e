// Token issue and check, as OpenIM's auth service does it: signed JWT + registry state
// (normal / kicked). Admin tokens bypass the registry, like OpenIM's.
import { CodeError, ErrCode } from "../errors.js";
import { TokenState, type TokenStore } from "../store/tokens.js";
import { ADMIN_PLATFORM_ID } from "./platforms.js";
import { signToken, verifyToken, type TokenClaims } from "./jwt.js";

export interface AuthedUser {
  userID: string;
  platformID: number;
  isAdmin: boolean;
  token: string;
  exp: number;
}

export class TokenService {
  constructor(
    private readonly secret: string,
    private readonly adminUserIDs: readonly string[],
    private readonly ttlSeconds: number,
    private readonly store: TokenStore,
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  isAdmin(userID: string): boolean {
    return this.adminUserIDs.includes(userID);
  }

  checkAdminSecret(secret: string, userID: string): void {
    if (secret !== this.secret) throw new CodeError(ErrCode.NoPermission, "secret does not match the server's secret");
    if (!this.isAdmin(userID)) throw new CodeError(ErrCode.NoPermission, `${userID} is not an admin user ID (imAdminUserID)`);
  }

  issueAdmin(userID: string): { token: string; expireTimeSeconds: number } {
    const { token } = signToken(this.secret, userID, ADMIN_PLATFORM_ID, this.ttlSeconds, this.now());
    return { token, expireTimeSeconds: this.ttlSeconds };
  }

  /** Issues a user token and kicks every earlier token of that user and platform (policy 1). */
  issueUser(userID: string, platformID: number): { token: string; expireTimeSeconds: number } {
    const now = this.now();
    const { token, claims } = signToken(this.secret, userID, platformID, this.ttlSeconds, now);
    this.store.add(token, userID, platformID, claims.exp);
    this.store.kickOthers(userID, platformID, token);
    this.store.purgeExpired(now);
    return { token, expireTimeSeconds: this.ttlSeconds };
  }

  /** Signature, times and registry state; throws 1501–1507. */
  check(token: string): AuthedUser {
    const c: TokenClaims = verifyToken(this.secret, token, this.now());
    const isAdmin = this.isAdmin(c.UserID);
    if (!isAdmin) {
      const state = this.store.state(token);
      if (state === undefined) throw new CodeError(ErrCode.TokenNotExist, "token is not registered on this server (reissue it with /auth/get_user_token)");
      if (state === TokenState.Kicked) throw new CodeError(ErrCode.TokenKicked, "token was replaced by a newer login on the same platform or force-logged-out");
      if (state !== TokenState.Normal) throw new CodeError(ErrCode.TokenUnknown, `token state ${state}`);
    }
    return { userID: c.UserID, platformID: c.PlatformID, isAdmin, token, exp: c.exp };
  }

  /** Keeps only `keep` usable for this user and platform (a new connection displaced older ones). */
  kickOthers(userID: string, platformID: number, keep: string): void {
    this.store.kickOthers(userID, platformID, keep);
  }

  forceLogout(userID: string, platformID: number): void {
    this.store.kickAll(userID, platformID);
  }
}
