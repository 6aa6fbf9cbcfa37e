// Names and faces of users, for sender fields and conversation titles: memory first, then one
// /user/get_users_info request for all misses of a lookup (concurrent lookups of the same user
// share the request). Bounded; entries expire so renames show up.
import { LRUCache } from "lru-cache";
import type { routes } from "../../generated/protocol/routes.js";
import type { HttpClient } from "../http/client.js";

export interface UserProfile {
  userID: string;
  nickname: string;
  faceURL: string;
}

export interface UserCacheOptions {
  max?: number;
  ttlMs?: number;
}

export class UserCache {
  private readonly cache: LRUCache<string, UserProfile>;
  private readonly inFlight = new Map<string, Promise<UserProfile | undefined>>();

  constructor(
    private readonly http: HttpClient<typeof routes>,
    options: UserCacheOptions = {},
  ) {
    this.cache = new LRUCache({ max: options.max ?? 2000, ttl: options.ttlMs ?? 10 * 60_000 });
  }

  /** Profiles of the users found; unknown users are absent. One request for every miss not already asked for. */
  async get(userIDs: readonly string[]): Promise<Map<string, UserProfile>> {
    const out = new Map<string, UserProfile>();
    const waits: Promise<void>[] = [];
    const misses: string[] = [];
    for (const id of new Set(userIDs)) {
      const hit = this.cache.get(id);
      if (hit) out.set(id, hit);
      else if (this.inFlight.has(id)) waits.push(this.inFlight.get(id)!.then((p) => void (p && out.set(id, p))));
      else misses.push(id);
    }
    if (misses.length > 0) {
      const request = this.http.call("/user/get_users_info", { userIDs: misses }).then((resp) => {
        const found = new Map(resp.usersInfo.map((u) => [u.userID, { userID: u.userID, nickname: u.nickname, faceURL: u.faceURL }]));
        for (const p of found.values()) this.cache.set(p.userID, p);
        return found;
      });
      // Other lookups waiting on this request see a failure as "not found"; this caller gets the error.
      for (const id of misses) this.inFlight.set(id, request.then((found) => found.get(id), () => undefined));
      try {
        const found = await request;
        for (const [id, p] of found) out.set(id, p);
      } finally {
        for (const id of misses) this.inFlight.delete(id);
      }
    }
    await Promise.all(waits);
    return out;
  }

  /** Forgets a user (their profile changed). */
  invalidate(userID: string): void {
    this.cache.delete(userID);
  }
}
