// The token registry (OpenIM keeps it in Redis): which issued user tokens are still usable.
import type { Db } from "./database.js";

export const TokenState = { Normal: 0, Kicked: 2 } as const;

export class TokenStore {
  private readonly insertStmt;
  private readonly stateStmt;
  private readonly kickOthersStmt;
  private readonly kickAllStmt;
  private readonly purgeStmt;
  constructor(db: Db) {
    this.insertStmt = db.prepare("INSERT OR REPLACE INTO tokens (token, user_id, platform_id, state, expire_at) VALUES (?, ?, ?, 0, ?)");
    this.stateStmt = db.prepare<[string], { state: number }>("SELECT state FROM tokens WHERE token = ?");
    this.kickOthersStmt = db.prepare("UPDATE tokens SET state = 2 WHERE user_id = ? AND platform_id = ? AND token != ?");
    this.kickAllStmt = db.prepare("UPDATE tokens SET state = 2 WHERE user_id = ? AND platform_id = ?");
    this.purgeStmt = db.prepare("DELETE FROM tokens WHERE expire_at < ?");
  }

  add(token: string, userID: string, platformID: number, expireAt: number): void {
    this.insertStmt.run(token, userID, platformID, expireAt);
  }

  /** The token's state, or undefined when it was never issued here (or purged). */
  state(token: string): number | undefined {
    return this.stateStmt.get(token)?.state;
  }

  /** Marks every other token of this user and platform kicked (multi-login policy 1). */
  kickOthers(userID: string, platformID: number, keep: string): void {
    this.kickOthersStmt.run(userID, platformID, keep);
  }

  kickAll(userID: string, platformID: number): void {
    this.kickAllStmt.run(userID, platformID);
  }

  purgeExpired(nowSeconds: number): void {
    this.purgeStmt.run(nowSeconds);
  }
}
