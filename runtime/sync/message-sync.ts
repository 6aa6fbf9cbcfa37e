// Seq-based message sync. On every (re)connect, as a sync step: pushes are buffered → GetNewestSeq
// (1001) → the missing ranges are pulled in batches (1002) and stored → the buffer is applied
// (deduplicated by clientMsgID in the inbox) → only then the synced seqs advance → unread counts
// are set from the server's read positions (1006, see unreadFromServer) → the app is told. Between
// connects, a push whose first seq is beyond synced+1 has its gap pulled before the app hears of any of it.
// Everything runs through one queue, so pushes and sync never interleave.
import type { Daos } from "../../generated/dao/index.js";
import { CbEvents } from "../../generated/listeners/events.js";
import type * as msg from "../../generated/protocol/msg.js";
import * as sdkws from "../../generated/protocol/sdkws.js";
import type { MessageItem, MessageReceiveOpt } from "../../generated/types/index.js";
import type { StorageDriver } from "../contracts/storage.js";
import type { SdkEventBus } from "../events/sdk-events.js";
import type { Logger } from "../events/logger.js";
import type { ConversationNotifier } from "../conversations/notifier.js";
import type { InputStates } from "../messages/input-states.js";
import { groupsOf, type IngestOptions, type IngestResult, type Inbox, type MessageGroups } from "../messages/inbox.js";
import { isNotificationConversation } from "../messages/ids.js";
import type { SyncContext } from "../session/sync-steps.js";
import type { Connection, PushFrame } from "../transport/connection.js";
import { batches, missingRanges } from "./seq-ranges.js";
import { wsCall } from "./ws-call.js";

/** MessageReceiveOpt 0: receive and notify. */
const RECEIVE: MessageReceiveOpt = 0;

/** Written when the first full sync of a database completed (reinstall detection). */
export const SDK_DATA_VERSION = "msg-sync-1";

export interface MessageSyncDeps {
  selfID: string;
  connection: Connection;
  daos: Daos;
  /** Runs the per-conversation write loops of the connect sync as one transaction each. */
  driver: Pick<StorageDriver, "transaction">;
  inbox: Inbox;
  notifier: ConversationNotifier;
  events: SdkEventBus;
  inputStates: InputStates;
  /** clientMsgIDs this device is deleting itself (deleteMessage): their 2102 echo raises no OnMsgDeleted. */
  ownDeletes: Set<string>;
  /** Called with the conversations a 1300 tip names. */
  onSettingsChanged(conversationIDs: string[]): void;
  /** Called with the users whose profile a 1303 or 1209 tip says changed. */
  onProfilesChanged(userIDs: string[]): void;
  logger: Logger;
  /** Fills what incoming messages lack (sender names, revoker roles) before they are stored; never throws. */
  beforeStore?: (groups: MessageGroups) => Promise<void>;
}

export class MessageSync {
  private readonly synced = new Map<string, number>();
  private buffering = false;
  private buffer: sdkws.PushMessages[] = [];
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly detach: (() => void)[] = [];

  constructor(private readonly deps: MessageSyncDeps) {
    for (const r of deps.daos.localConversations.maxSeqs()) this.synced.set(r.conversationID, r.maxSeq);
    // Buffer from the very moment of the connect, before the sync step gets its turn.
    this.detach.push(deps.connection.events.on("connectSuccess", () => (this.buffering = true)));
    this.detach.push(deps.connection.events.on("push", (frame) => this.onPush(frame)));
  }

  /** The seq up to which a conversation is stored without gaps (as far as sync knows). */
  syncedSeq(conversationID: string): number {
    return this.synced.get(conversationID) ?? 0;
  }

  close(): void {
    this.closed = true;
    for (const off of this.detach) off();
  }

  /** Resolves when queued work is done (tests, logout). */
  idle(): Promise<void> {
    return this.queue;
  }

  /** The connect sync step (registered on the session's pipeline). */
  run(context: SyncContext): Promise<void> {
    this.buffering = true;
    return this.enqueue(() => this.syncOnConnect(context));
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const next = this.queue.then(job);
    this.queue = next.catch(() => {});
    return next;
  }

  private onPush(frame: PushFrame): void {
    if (frame.reqIdentifier !== 2001 || this.closed) return;
    let push: sdkws.PushMessages;
    try {
      push = sdkws.PushMessages$wire.decode(frame.data);
    } catch (error) {
      this.deps.logger.warn("message sync: undecodable push dropped; the next sync pulls it", { error: String(error) });
      return;
    }
    if (this.buffering) this.buffer.push(push);
    else this.enqueueLogged(push);
  }

  private enqueueLogged(push: sdkws.PushMessages): void {
    this.enqueue(() => this.applyPush(push)).catch((error: unknown) =>
      this.deps.logger.error("message sync: storing a push failed; the next sync pulls it again", { error: String(error) }),
    );
  }

  private async applyPush(push: sdkws.PushMessages): Promise<void> {
    if (this.closed) return;
    const groups = groupsOf([push.msgs, push.notificationMsgs]);
    try {
      await this.fillGaps(groups);
    } catch (error) {
      // Without the gap the messages would be shown out of order; the next connect pulls them all.
      this.deps.logger.warn("message sync: gap pull failed; push left for the next sync", { error: String(error) });
      return;
    }
    await this.deps.beforeStore?.(groups);
    if (this.closed) return;
    await this.tell(this.store(groups, { countUnread: true }));
  }

  /** Adds to `groups` the messages between each conversation's synced seq and its first pushed seq. */
  private async fillGaps(groups: MessageGroups): Promise<void> {
    const gaps: Record<string, number> = {};
    for (const [cid, msgs] of groups) {
      const seqs = msgs.map((m) => m.seq).filter((s) => s > 0);
      if (seqs.length === 0) continue;
      const first = Math.min(...seqs);
      if (first > this.syncedSeq(cid) + 1) gaps[cid] = first - 1;
    }
    if (Object.keys(gaps).length === 0) return;
    for (const batch of batches(missingRanges(gaps, (cid) => this.syncedSeq(cid)))) {
      const resp = await wsCall(this.deps.connection, 1002, { userID: this.deps.selfID, seqRanges: batch, order: 0 });
      for (const [cid, msgs] of groupsOf([resp.msgs, resp.notificationMsgs])) groups.set(cid, [...msgs, ...(groups.get(cid) ?? [])]);
    }
  }

  /** Stores, then advances the synced seqs of what was stored. */
  private store(groups: MessageGroups, options: IngestOptions): IngestResult {
    const result = this.deps.inbox.ingest(groups, options);
    for (const [cid, msgs] of groups) {
      const max = Math.max(0, ...msgs.map((m) => m.seq));
      if (max > this.syncedSeq(cid)) this.synced.set(cid, max);
    }
    return result;
  }

  private async tell(result: IngestResult): Promise<void> {
    const { events, notifier } = this.deps;
    // New chats get their peer's name first, so no event or query announces them by userID.
    const naming = notifier.nameAppeared();
    if (naming) {
      await naming;
      if (this.closed) return;
    }
    if (this.deps.connection.isBackground) {
      const offline = result.fresh.filter((m) => this.announcedInBackground(m));
      for (const m of offline) events.emit(CbEvents.OnRecvOfflineNewMessage, m);
      if (offline.length > 0) events.emit(CbEvents.OnRecvOfflineNewMessages, offline);
    } else {
      for (const m of result.fresh) events.emit(CbEvents.OnRecvNewMessage, m);
      if (result.fresh.length > 0) events.emit(CbEvents.OnRecvNewMessages, result.fresh);
    }
    for (const m of result.onlineOnly) events.emit(CbEvents.OnRecvOnlineOnlyMessage, m);
    if (result.onlineOnly.length > 0) events.emit(CbEvents.OnRecvOnlineOnlyMessages, result.onlineOnly);
    if (result.receipts.length > 0) events.emit(CbEvents.OnRecvC2CReadReceipt, result.receipts);
    for (const info of result.revoked) events.emit(CbEvents.OnNewRecvMessageRevoked, info);
    for (const m of result.deleted) if (!this.deps.ownDeletes.delete(m.clientMsgID)) events.emit(CbEvents.OnMsgDeleted, m);
    for (const t of result.typing) this.deps.inputStates.apply(t.conversationID, t.message);
    if (result.settingsChanged.length > 0) this.deps.onSettingsChanged([...new Set(result.settingsChanged)]);
    if (result.profilesChanged.length > 0) this.deps.onProfilesChanged([...new Set(result.profilesChanged)]);
    notifier.flush();
  }

  /**
   * In the background only messages the user wants to hear about are announced (Go SDK rule): the
   * user receives everything (globalRecvMsgOpt 0, when known) and so does the conversation
   * (recvMsgOpt 0). The others are stored and counted all the same.
   */
  private announcedInBackground(message: MessageItem): boolean {
    const { daos, selfID } = this.deps;
    if ((daos.localUsers.get(selfID)?.globalRecvMsgOpt ?? RECEIVE) !== RECEIVE) return false;
    const conversationID = daos.chatLogs.get(message.clientMsgID)?.conversationID;
    return conversationID !== undefined && daos.localConversations.get(conversationID)?.recvMsgOpt === RECEIVE;
  }

  private async syncOnConnect(context: SyncContext): Promise<void> {
    const { daos, events, connection, selfID } = this.deps;
    const reinstalled = !daos.localAppSdkVersion.current()?.installed && daos.localConversations.visibleList(0, 1).length === 0;
    events.emit(CbEvents.OnSyncServerStart, reinstalled);
    const collected: IngestResult = { fresh: [], onlineOnly: [], receipts: [], revoked: [], deleted: [], settingsChanged: [], profilesChanged: [], typing: [] };
    try {
      if (reinstalled) events.emit(CbEvents.OnSyncServerProgress, 1);
      const newest = await wsCall(connection, 1001, { userID: selfID });
      const plan = batches(missingRanges(newest.maxSeqs, (cid) => this.syncedSeq(cid)));
      for (const [i, batch] of plan.entries()) {
        if (!context.isCurrent() || this.closed) return;
        const resp = await wsCall(connection, 1002, { userID: selfID, seqRanges: batch, order: 0 });
        const pulled = groupsOf([resp.msgs, resp.notificationMsgs]);
        await this.deps.beforeStore?.(pulled);
        if (this.closed) return;
        merge(collected, this.store(pulled, { countUnread: false }));
        if (reinstalled) events.emit(CbEvents.OnSyncServerProgress, 10 + Math.floor(((i + 1) * 80) / plan.length));
      }
      // Seqs the server has but the pull skipped (capped ranges) are synced too: history fills them.
      for (const [cid, max] of Object.entries(newest.maxSeqs)) if (max > this.syncedSeq(cid)) this.synced.set(cid, max);
      // Pushes that arrived meanwhile: the inbox drops what the pull already stored; newer ones are
      // applied through the gap check against the seqs just synced.
      const buffered = this.buffer;
      this.buffer = [];
      for (const push of buffered) {
        const groups = groupsOf([push.msgs, push.notificationMsgs]);
        await this.fillGaps(groups);
        await this.deps.beforeStore?.(groups);
        merge(collected, this.store(groups, { countUnread: true }));
      }
      this.deps.driver.transaction(() => {
        for (const [cid, max] of Object.entries(newest.maxSeqs)) if (!isNotificationConversation(cid)) daos.localConversations.setMaxSeq(cid, max);
      });
      await this.unreadFromServer();
      if (reinstalled) daos.localAppSdkVersion.upsert({ version: SDK_DATA_VERSION, installed: true });
      await this.tell(collected);
      if (reinstalled) events.emit(CbEvents.OnSyncServerProgress, 100);
      events.emit(CbEvents.OnSyncServerFinish, reinstalled);
    } catch (error) {
      await this.tell(collected);
      events.emit(CbEvents.OnSyncServerFailed, reinstalled);
      throw error;
    } finally {
      this.buffering = false;
      const rest = this.buffer;
      this.buffer = [];
      for (const push of rest) this.enqueueLogged(push);
    }
  }

  /**
   * Unread per conversation from the server's read positions (1006), only up to what this sync
   * stored (later seqs arrive as pushes and count themselves):
   *   min(maxSeq, synced) − hasReadSeq
   * − the messages from others in that range stored here as revoked. The server keeps counting a
   *   revoked message (a revoke moves neither the chat's maxSeq nor hasReadSeq; OpenIM's SDK leaves
   *   the count alone too), but it has nothing left to read: the rule of a live revoke (applyRevoke).
   * The server moves a sender's hasReadSeq to each message it stores (a reply reads the
   * conversation); every device applies the same rule live (Inbox), so the position is trusted
   * and marks the rows up to it read.
   */
  private async unreadFromServer(): Promise<void> {
    const { connection, selfID } = this.deps;
    const resp = await wsCall(connection, 1006, { userID: selfID, conversationIDs: [] });
    this.deps.driver.transaction(() => this.applyUnread(resp.seqs));
  }

  private applyUnread(seqs: Record<string, msg.Seqs>): void {
    const { daos, selfID, notifier } = this.deps;
    // Each row is read before any is written, and each is written at most once: one read for all.
    const rows = daos.localConversations.getMany(Object.keys(seqs));
    for (const [cid, s] of Object.entries(seqs)) {
      const conv = rows.get(cid);
      if (!conv) continue;
      const counted = Math.min(s.maxSeq, this.syncedSeq(cid));
      const revoked = s.hasReadSeq < counted ? (daos.chatLogs.countRevokedFromOthers(cid, selfID, s.hasReadSeq + 1, counted) ?? 0) : 0;
      if (s.hasReadSeq > 0) daos.chatLogs.markReceivedReadUpTo(cid, selfID, s.hasReadSeq);
      const unread = Math.max(0, counted - s.hasReadSeq - revoked);
      // Nothing unread: no unread mention either.
      const groupAtType = unread === 0 ? 0 : conv.groupAtType;
      if (unread === conv.unreadCount && groupAtType === conv.groupAtType) continue;
      daos.localConversations.upsert({ ...conv, unreadCount: unread, groupAtType });
      notifier.touch(cid, conv.latestMsgSendTime > 0);
    }
  }
}

function merge(into: IngestResult, from: IngestResult): void {
  into.fresh.push(...from.fresh);
  into.onlineOnly.push(...from.onlineOnly);
  into.receipts.push(...from.receipts);
  into.revoked.push(...from.revoked);
  into.deleted.push(...from.deleted);
  into.typing.push(...from.typing);
  into.settingsChanged.push(...from.settingsChanged);
  into.profilesChanged.push(...from.profilesChanged);
}
