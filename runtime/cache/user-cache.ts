// Users' names and faces: memory (a bounded LRU) → the local database → the server. All the misses
// of one lookup go to the server in one request naming each missing user once, and a user already
// being fetched by another lookup is awaited rather than asked for again (the Go SDK re-requests
// every key once per miss). A lookup that raced an invalidation never writes its stale answer back.
import { LRUCache } from "lru-cache";
import type { LocalUser } from "../../generated/types/index.js";

/** Where profiles come from below the memory layer. */
export interface UserSource {
  /** The stored rows of these users (absent ones are left out). */
  local(userIDs: readonly string[]): LocalUser[];
  /** One server request for these users; unknown users are left out. */
  remote(userIDs: readonly string[]): Promise<LocalUser[]>;
  /** Keeps fetched or updated rows for the next start. */
  store(users: readonly LocalUser[]): void;
  /** Drops stored rows so the next lookup asks the server. */
  forget(userIDs: readonly string[]): void;
}

export interface UserCacheOptions {
  /** Most profiles held in memory. Default 2000. */
  maxEntries?: number;
  /** Most users named in one server request (larger lookups are split). Default 500. */
  maxBatch?: number;
}

export interface NameAndFace {
  nickname: string;
  faceURL: string;
}

export class UserCache {
  private readonly memory: LRUCache<string, LocalUser>;
  private readonly inFlight = new Map<string, Promise<LocalUser | undefined>>();
  /** Bumped per user by invalidate/update, so an older in-flight answer is not stored. */
  private readonly epochs = new Map<string, number>();
  private readonly maxBatch: number;

  constructor(
    private readonly source: UserSource,
    options: UserCacheOptions = {},
  ) {
    const max = options.maxEntries ?? 2000;
    const batch = options.maxBatch ?? 500;
    if (!Number.isInteger(max) || max < 1) throw new Error(`UserCache: maxEntries must be an integer ≥ 1, got ${max}`);
    if (!Number.isInteger(batch) || batch < 1) throw new Error(`UserCache: maxBatch must be an integer ≥ 1, got ${batch}`);
    this.memory = new LRUCache({ max });
    this.maxBatch = batch;
  }

  /** Profiles in memory now (for tests and tuning). */
  get size(): number {
    return this.memory.size;
  }

  /** The profile if memory or the database has it; never asks the server (synchronous callers). */
  peek(userID: string): LocalUser | undefined {
    const hit = this.memory.get(userID);
    if (hit) return hit;
    const [row] = this.source.local([userID]);
    if (row) this.memory.set(userID, row);
    return row;
  }

  /** The profiles of these users, unknown ones left out; one server request covers all misses. */
  async getUsers(userIDs: readonly string[]): Promise<Map<string, LocalUser>> {
    const wanted = [...new Set(userIDs)];
    const found = new Map<string, LocalUser>();
    const notInMemory: string[] = [];
    for (const id of wanted) {
      const hit = this.memory.get(id);
      if (hit) found.set(id, hit);
      else notInMemory.push(id);
    }
    if (notInMemory.length === 0) return found;

    for (const row of this.source.local(notInMemory)) {
      this.memory.set(row.userID, row);
      found.set(row.userID, row);
    }
    const waits: Promise<void>[] = [];
    const toFetch: string[] = [];
    for (const id of notInMemory) {
      if (found.has(id)) continue;
      const pending = this.inFlight.get(id);
      if (pending) waits.push(pending.then((u) => void (u && found.set(id, u))));
      else toFetch.push(id);
    }
    await Promise.all([...waits, ...this.fetchInBatches(toFetch, found)]);
    return found;
  }

  /**
   * Asks the server again for these users, whatever is cached (their profile changed elsewhere):
   * one request per batch; the answers replace the cached profiles unless an `update` came meanwhile.
   * Lookups started earlier never store their older answers over these.
   */
  async refresh(userIDs: readonly string[]): Promise<Map<string, LocalUser>> {
    const ids = [...new Set(userIDs)];
    for (const id of ids) this.bump(id);
    const found = new Map<string, LocalUser>();
    await Promise.all(this.fetchInBatches(ids, found));
    return found;
  }

  async getUserNameAndFaceURL(userIDs: readonly string[]): Promise<Map<string, NameAndFace>> {
    const users = await this.getUsers(userIDs);
    return new Map([...users].map(([id, u]) => [id, { nickname: u.nickname, faceURL: u.faceURL }]));
  }

  /** Sets a user's name and face (a profile change seen by a sync or a notification). */
  update(userID: string, faceURL: string, nickname: string): void {
    const base = this.memory.get(userID) ?? this.source.local([userID])[0] ?? blankUser(userID);
    this.replace([{ ...base, faceURL, nickname }]);
  }

  /** Stores profiles a sync brought (newer than anything cached): memory and database replaced. */
  replace(users: readonly LocalUser[]): void {
    for (const u of users) {
      this.bump(u.userID);
      this.memory.set(u.userID, u);
    }
    this.source.store(users);
  }

  /** Forgets these users everywhere, so the next lookup asks the server. */
  invalidate(userIDs: readonly string[]): void {
    for (const id of userIDs) {
      this.bump(id);
      this.memory.delete(id);
    }
    this.source.forget(userIDs);
  }

  private bump(userID: string): void {
    this.epochs.set(userID, (this.epochs.get(userID) ?? 0) + 1);
    this.inFlight.delete(userID);
  }

  private fetchInBatches(ids: readonly string[], found: Map<string, LocalUser>): Promise<void>[] {
    const requests: Promise<void>[] = [];
    for (let i = 0; i < ids.length; i += this.maxBatch) requests.push(this.fetch(ids.slice(i, i + this.maxBatch), found));
    return requests;
  }

  private fetch(ids: string[], found: Map<string, LocalUser>): Promise<void> {
    const epochs = new Map(ids.map((id) => [id, this.epochs.get(id) ?? 0]));
    const request = this.source.remote(ids);
    const byID = request.then((users) => new Map(users.map((u) => [u.userID, u])));
    const mine = new Map(ids.map((id) => [id, byID.then((m) => m.get(id))]));
    for (const [id, p] of mine) {
      this.inFlight.set(id, p);
      // A failure reaches every lookup awaiting this user; nobody awaiting must not make it unhandled.
      p.catch(() => {});
    }
    const settle = () => {
      for (const [id, p] of mine) if (this.inFlight.get(id) === p) this.inFlight.delete(id);
    };
    return byID.then(
      (users) => {
        settle();
        const fresh = [...users.values()].filter((u) => epochs.get(u.userID) === (this.epochs.get(u.userID) ?? 0));
        for (const u of fresh) this.memory.set(u.userID, u);
        this.source.store(fresh);
        for (const [id, u] of users) found.set(id, u);
      },
      (error: unknown) => {
        settle();
        throw error;
      },
    );
  }
}

function blankUser(userID: string): LocalUser {
  return { userID, nickname: "", faceURL: "", ex: "", createTime: 0, globalRecvMsgOpt: 0 };
}
