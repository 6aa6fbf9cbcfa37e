// The joined-group list of one login (local_groups), kept by a version sync: at every connect (a
// registered sync step, before messages so new group conversations get their names), and again
// when a group notification (1500–1599) is pushed. Incremental with version/versionID; when the
// server answers `full`, the whole list is fetched again and replaces the table. After each change
// the group conversations are given the groups' names and faces.
import * as sdkws from "../../generated/protocol/sdkws.js";
import type { LocalGroup } from "../../generated/types/index.js";
import type { ConversationNotifier } from "../conversations/notifier.js";
import type { Logger } from "../events/logger.js";
import type { Session } from "../session/session.js";
import type { PushFrame } from "../transport/connection.js";
import { groupRow, withGroupProfile } from "./group-rows.js";

const VERSION_TABLE = "local_groups";
const PAGE = 100;
const GROUP_NOTIFICATIONS = { first: 1500, last: 1599 };

export class JoinedGroups {
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly detach: () => void;

  constructor(
    private readonly session: Session,
    /** The live conversation notifier, when messaging runs (it announces renamed conversations). */
    private readonly notifier: () => ConversationNotifier | undefined,
    private readonly logger: Logger,
  ) {
    session.sync.register({ name: "groups", order: 50, run: () => this.sync() });
    this.detach = session.connection.events.on("push", (frame) => this.onPush(frame));
    session.onClose(() => this.close());
  }

  /** One incremental sync after whatever sync is running. */
  sync(): Promise<void> {
    const next = this.queue.then(() => (this.closed ? undefined : this.syncOnce()));
    this.queue = next.catch(() => {});
    return next;
  }

  /** Stores groups the server just returned (createGroup) without waiting for the next sync. */
  store(groups: readonly sdkws.GroupInfo[]): LocalGroup[] {
    const rows = groups.map((g) => groupRow(g));
    this.session.db.driver.transaction(() => this.session.daos.localGroups.upsertMany(rows));
    this.renameConversations(rows);
    return rows;
  }

  /** A sync still waiting on the server is not awaited (logout stays quick); it writes nothing once closed. */
  private close(): void {
    this.closed = true;
    this.detach();
  }

  private onPush(frame: PushFrame): void {
    if (frame.reqIdentifier !== 2001 || this.closed) return;
    let push: sdkws.PushMessages;
    try {
      push = sdkws.PushMessages$wire.decode(frame.data);
    } catch {
      return; // the message sync logs undecodable pushes
    }
    const touchesGroups = Object.values(push.notificationMsgs).some((pm) =>
      pm.Msgs.some((m) => m.contentType >= GROUP_NOTIFICATIONS.first && m.contentType <= GROUP_NOTIFICATIONS.last),
    );
    if (touchesGroups)
      this.sync().catch((error: unknown) => this.logger.warn("group sync after a group notification failed; the next connect retries", { error: String(error) }));
  }

  private async syncOnce(): Promise<void> {
    const { daos, http, userID, db } = this.session;
    const state = daos.localSyncVersion.get(VERSION_TABLE, userID);
    const resp = await http.call("/group/get_incremental_join_groups", { userID, versionID: state?.versionID ?? "", version: state?.version ?? 0 });
    if (this.closed) return;
    let changed: LocalGroup[];
    if (resp.full) {
      const all = await this.fetchAll();
      if (this.closed) return;
      changed = all.map((g) => groupRow(g));
      db.driver.transaction(() => {
        daos.localGroups.deleteAll();
        daos.localGroups.upsertMany(changed);
        this.saveVersion(resp.version, resp.versionID);
      });
    } else {
      changed = [...resp.insert, ...resp.update].map((g) => groupRow(g));
      db.driver.transaction(() => {
        for (const id of resp.delete) daos.localGroups.delete(id);
        daos.localGroups.upsertMany(changed);
        this.saveVersion(resp.version, resp.versionID);
      });
    }
    this.renameConversations(changed);
  }

  private async fetchAll(): Promise<sdkws.GroupInfo[]> {
    const out: sdkws.GroupInfo[] = [];
    for (let pageNumber = 1; ; pageNumber++) {
      const page = await this.session.http.call("/group/get_joined_group_list", { fromUserID: this.session.userID, pagination: { pageNumber, showNumber: PAGE } });
      out.push(...page.groups);
      if (page.groups.length < PAGE || out.length >= page.total) return out;
    }
  }

  private saveVersion(version: number, versionID: string): void {
    this.session.daos.localSyncVersion.upsert({ tableName: VERSION_TABLE, entityID: this.session.userID, versionID, version, createTime: Date.now(), idList: [] });
  }

  private renameConversations(groups: readonly LocalGroup[]): void {
    const { localConversations } = this.session.daos;
    const notifier = this.notifier();
    for (const g of groups) {
      const conv = localConversations.get(`sg_${g.groupID}`);
      if (!conv) continue;
      const next = withGroupProfile(conv, g);
      if (next === conv) continue;
      localConversations.upsert(next);
      notifier?.touch(conv.conversationID, conv.latestMsgSendTime > 0);
    }
    notifier?.flush();
  }
}
