// Friends' profiles at every connect: a friend's rename is pushed (1209) online only, so a device
// that was offline learns it here, from the friend list's version log — the changed friend rows
// carry the friend's user info, so no profile lookup follows. Incremental with version/versionID;
// when the server answers `full`, every friend is fetched again. There is no friend API yet: only
// the version state and the ordered friend ID list are kept (local_sync_version, as OpenIM keeps
// them), the profiles go to the user cache.
import type { Daos } from "../../generated/dao/index.js";
import type { sdkws } from "../../generated/protocol/index.js";
import type { sdkRoutes } from "../../generated/protocol/sdk-routes.js";
import type { LocalUser } from "../../generated/types/index.js";
import type { StorageDriver } from "../contracts/storage.js";
import { userRow } from "../cache/cache.js";
import type { HttpClient } from "../http/client.js";
import type { SyncContext } from "../session/sync-steps.js";

/** local_sync_version key of the friend list (OpenIM's name for it). */
const VERSION_TABLE = "local_friends";
/** Most friends named in one get_designated_friends request. */
const BATCH = 500;

/** The friend IDs of the last friend sync (empty before the first one). */
export function friendIDs(daos: Daos, selfID: string): ReadonlySet<string> {
  return new Set(daos.localSyncVersion.get(VERSION_TABLE, selfID)?.idList ?? []);
}

export class FriendProfiles {
  constructor(
    private readonly selfID: string,
    private readonly http: HttpClient<typeof sdkRoutes>,
    private readonly daos: Daos,
    private readonly driver: Pick<StorageDriver, "transaction">,
    /** Takes the friends whose profile may have changed (the cache and their chats' titles). */
    private readonly onProfiles: (users: LocalUser[]) => void,
  ) {}

  /** The connect step: one request when nothing or only some friends changed. Writes nothing once `context` is superseded (logout). */
  async sync(context: SyncContext): Promise<void> {
    const state = this.daos.localSyncVersion.get(VERSION_TABLE, this.selfID);
    const resp = await this.http.call("/friend/get_incremental_friends", { userID: this.selfID, versionID: state?.versionID ?? "", version: state?.version ?? 0 });
    if (!context.isCurrent()) return;
    if (resp.full) return this.syncAll(context);
    const changed = [...resp.insert, ...resp.update];
    const gone = new Set(resp.delete);
    const known = (state?.idList ?? []).filter((id) => !gone.has(id));
    const listed = new Set(known);
    const added = changed.map(friendUserID).filter((id) => id !== "" && !listed.has(id));
    this.save(resp.version, resp.versionID, [...known, ...added]);
    this.publish(changed);
  }

  private async syncAll(context: SyncContext): Promise<void> {
    // idHash 0: always the list; every friend is fetched again anyway, so a matching hash would save nothing.
    const ids = await this.http.call("/friend/get_full_friend_user_ids", { userID: this.selfID, idHash: 0 });
    const friends: sdkws.FriendInfo[] = [];
    for (let i = 0; i < ids.userIDs.length; i += BATCH) {
      const page = await this.http.call("/friend/get_designated_friends", { ownerUserID: this.selfID, friendUserIDs: ids.userIDs.slice(i, i + BATCH) });
      friends.push(...page.friendsInfo);
    }
    if (!context.isCurrent()) return;
    this.save(ids.version, ids.versionID, ids.userIDs);
    this.publish(friends);
  }

  private save(version: number, versionID: string, idList: string[]): void {
    this.driver.transaction(() => this.daos.localSyncVersion.upsert({ tableName: VERSION_TABLE, entityID: this.selfID, versionID, version, createTime: Date.now(), idList }));
  }

  private publish(friends: readonly sdkws.FriendInfo[]): void {
    const users = friends.flatMap((f) => (f.friendUser ? [userRow(f.friendUser)] : []));
    if (users.length > 0) this.onProfiles(users);
  }
}

const friendUserID = (f: sdkws.FriendInfo) => f.friendUser?.userID ?? "";
