// The durable per-conversation outbox. A message is written (chat row + outbox row, one journal
// entry) before anything touches the network; each conversation's lane sends its messages one at a
// time in submission order, so the server assigns seqs in the order the user sent. The clientMsgID is
// the idempotency key: a resend after a lost ack is deduplicated by the server and by the inbox.
// Lost connections wait for the reconnect without using up retries; timeouts retry with back-off a
// bounded number of times; a refusal from the server fails the message at once (status 3 + event).
// Rows left by a previous login are resumed when the next session starts.
import type { Daos } from "../../generated/dao/index.js";
import { CbEvents } from "../../generated/listeners/events.js";
import type { LocalChatLog, LocalConversation, MessageItem, OfflinePush, SendMsgParams } from "../../generated/types/index.js";
import { SessionType } from "../../generated/types/index.js";
import { ErrCode, SdkError } from "../contracts/errors.js";
import type { StorageDriver } from "../contracts/storage.js";
import type { SdkEventBus } from "../events/sdk-events.js";
import type { Logger } from "../events/logger.js";
import { newConversationRow } from "../cache/conversation-names.js";
import { withLatest } from "../conversations/conversation-rows.js";
import type { ConversationNotifier } from "../conversations/notifier.js";
import type { Journal } from "../storage/journal.js";
import { wsCall } from "../sync/ws-call.js";
import type { Connection } from "../transport/connection.js";
import { ServerResponseError } from "../transport/errors.js";
import { itemFromRow, ONLINE_ONLY_OPTIONS, RowStatus, rowFromItem, wireFromItem } from "./convert.js";
import { conversationIDOf } from "./ids.js";
import { journalOps } from "./journal-ops.js";

/** Go SDK code for "only failed messages can be resent". */
export const ErrMsgResendNotAllowed = 10204;

export interface RetryPolicy {
  /** Attempts that end in a timeout while connected, before the message fails. Default 5. */
  maxAttempts: number;
  /** Back-off after the n-th failed attempt: baseMs·2^(n−1), at most maxMs. */
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseMs: 1000, maxMs: 16_000 };

export interface OutboxDeps {
  selfID: string;
  platformID: number;
  connection: Connection;
  driver: StorageDriver;
  daos: Daos;
  journal: Journal;
  notifier: ConversationNotifier;
  events: SdkEventBus;
  logger: Logger;
  retry?: Partial<RetryPolicy>;
  /**
   * Before the first message into a conversation not stored yet: its named row, undefined when the
   * recipient could not be looked up (offline), or a rejection when it cannot be sent to.
   */
  firstSend?: (conversationID: string, method: string) => Promise<LocalConversation | undefined>;
}

interface Pending {
  clientMsgID: string;
  conversationID: string;
  offlinePush?: OfflinePush;
  resolve?: (message: MessageItem) => void;
  reject?: (error: SdkError) => void;
}

interface OutboxEx {
  offlinePush?: OfflinePush;
}

export class Outbox {
  private readonly lanes = new Map<string, Pending[]>();
  private readonly running = new Set<string>();
  private readonly retry: RetryPolicy;
  private readonly closeWaiters = new Set<() => void>();
  /** First-send lookups in flight; later sends to the same conversation wait for the same answer, in order. */
  private readonly lookups = new Map<string, Promise<LocalConversation | undefined>>();
  private lastEnqueueTime = 0;
  private closed = false;

  constructor(private readonly deps: OutboxDeps) {
    this.retry = { ...DEFAULT_RETRY, ...deps.retry };
  }

  /** Picks up what a previous login left unacknowledged, oldest first. */
  resume(): number {
    const rows = this.deps.daos.localSendingMessages.oldestFirst(1_000_000);
    for (const r of rows) {
      this.lastEnqueueTime = Math.max(this.lastEnqueueTime, r.createTime);
      const ex = parseEx(r.ex);
      this.lane(r.conversationID).push({ clientMsgID: r.clientMsgID, conversationID: r.conversationID, ...(ex.offlinePush ? { offlinePush: ex.offlinePush } : {}) });
    }
    for (const cid of this.lanes.keys()) this.kick(cid);
    return rows.length;
  }

  /** Stores the message durably, queues it, and resolves once the server acknowledged it. */
  async submit(message: MessageItem, params: SendMsgParams, method: string): Promise<MessageItem> {
    const { daos, selfID } = this.deps;
    const group = params.groupID !== "";
    if (!group && params.recvID === "") throw new SdkError(ErrCode.Args, `${method}: set params.recvID (single chat) or params.groupID (group)`);
    if (group && params.recvID !== "") throw new SdkError(ErrCode.Args, `${method}: set either params.recvID or params.groupID, not both`);
    if (!message.clientMsgID) throw new SdkError(ErrCode.Args, `${method}: params.message has no clientMsgID; build it with a create…Message method`);
    const sessionType = group ? SessionType.Group : SessionType.Single;
    const conversationID = conversationIDOf(sessionType, selfID, group ? params.groupID : params.recvID);
    const now = Date.now();
    const item: MessageItem = {
      ...message,
      sendID: selfID,
      recvID: group ? "" : params.recvID,
      groupID: group ? params.groupID : "",
      sessionType,
      senderPlatformID: this.deps.platformID,
      status: RowStatus.Sending,
      seq: 0,
      serverMsgID: "",
      isRead: false,
      sendTime: now,
      ...(params.offlinePushInfo ? { offlinePush: params.offlinePushInfo } : {}),
    };
    if (params.isOnlineOnly) return this.sendOnlineOnly(item, method);

    const existing = daos.chatLogs.get(item.clientMsgID);
    if (existing && existing.status !== RowStatus.Failed) {
      throw new SdkError(ErrMsgResendNotAllowed, `${method}: message ${item.clientMsgID} was already sent (status ${existing.status}); only failed messages can be resent — build a new message instead`);
    }
    if (existing && existing.conversationID !== conversationID) {
      throw new SdkError(ErrCode.Args, `${method}: message ${item.clientMsgID} belongs to ${existing.conversationID}; resend it to the same recipient`);
    }
    const lookup = this.lookups.get(conversationID) ?? (daos.localConversations.get(conversationID) ? undefined : this.lookUp(conversationID, method));
    const looked = lookup ? await lookup : undefined;
    const conv = daos.localConversations.get(conversationID) ?? looked ?? newConversationRow(daos, conversationID, selfID);
    const createTime = (this.lastEnqueueTime = Math.max(now, this.lastEnqueueTime + 1));
    const ex: OutboxEx = params.offlinePushInfo ? { offlinePush: params.offlinePushInfo } : {};
    try {
      await this.deps.journal.append(
        journalOps((d) => {
          d.chatLogs.upsert(rowFromItem(item, conversationID));
          d.localSendingMessages.upsert({ conversationID, clientMsgID: item.clientMsgID, createTime, attempts: 0, ex: JSON.stringify(ex) });
          d.localConversations.upsert(withLatest(conv, item));
        }),
      );
    } finally {
      // The row is stored now: sends from here on find it and need no lookup.
      if (lookup && this.lookups.get(conversationID) === lookup) this.lookups.delete(conversationID);
    }
    this.deps.notifier.touch(conversationID, conv.latestMsgSendTime > 0);
    const sent = new Promise<MessageItem>((resolve, reject) => {
      this.lane(conversationID).push({ clientMsgID: item.clientMsgID, conversationID, resolve, reject, ...ex });
      this.kick(conversationID);
    });
    // A new chat is announced once its peer's name is known; sending does not wait for that.
    const [sentItem] = await Promise.all([sent, this.deps.notifier.flushNamed()]);
    return sentItem;
  }

  private lookUp(conversationID: string, method: string): Promise<LocalConversation | undefined> | undefined {
    if (!this.deps.firstSend) return undefined;
    const lookup = this.deps.firstSend(conversationID, method);
    this.lookups.set(conversationID, lookup);
    lookup.catch(() => this.lookups.get(conversationID) === lookup && this.lookups.delete(conversationID));
    return lookup;
  }

  /** Stops the lanes; unacknowledged messages stay in the outbox for the next login. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const wake of this.closeWaiters) wake();
    this.closeWaiters.clear();
    for (const lane of this.lanes.values())
      for (const p of lane)
        p.reject?.(new SdkError(ErrCode.LoginOut, `message ${p.clientMsgID} not acknowledged before logout; it stays in the outbox (status sending) and is sent after the next login`));
    this.lanes.clear();
  }

  private lane(conversationID: string): Pending[] {
    let lane = this.lanes.get(conversationID);
    if (!lane) this.lanes.set(conversationID, (lane = []));
    return lane;
  }

  private kick(conversationID: string): void {
    if (this.running.has(conversationID) || this.closed) return;
    this.running.add(conversationID);
    void this.runLane(conversationID)
      .catch((error: unknown) => this.deps.logger.error("outbox: lane stopped; its messages are resent at the next login", { conversationID, error: String(error) }))
      .finally(() => this.running.delete(conversationID));
  }

  private async runLane(conversationID: string): Promise<void> {
    const lane = this.lane(conversationID);
    while (!this.closed && lane.length > 0) {
      try {
        await this.deliver(lane[0]!);
      } catch (error) {
        // A storage failure here must not wedge the lane silently.
        this.deps.logger.error("outbox: delivery failed unexpectedly", { clientMsgID: lane[0]!.clientMsgID, error: String(error) });
        if (!this.closed) this.fail(lane[0]!, ErrCode.Internal, `outbox: ${String(error)}`);
      }
      if (!this.closed) lane.shift();
    }
  }

  private async deliver(p: Pending): Promise<void> {
    const { daos, connection } = this.deps;
    let attempts = daos.localSendingMessages.get(p.conversationID, p.clientMsgID)?.attempts ?? 0;
    for (;;) {
      if (!(await this.connected())) return;
      const row = daos.chatLogs.get(p.clientMsgID);
      if (!row || row.status !== RowStatus.Sending) {
        // Deleted locally, or already reconciled (the echo arrived and a previous ack was lost).
        daos.localSendingMessages.delete(p.conversationID, p.clientMsgID);
        if (row && row.status === RowStatus.Succeed) p.resolve?.(itemFromRow(row));
        else p.reject?.(new SdkError(ErrCode.Internal, `message ${p.clientMsgID} was removed before it was sent`));
        return;
      }
      try {
        const ack = await wsCall(connection, 1003, wireFromItem(itemFromRow(row), {}, p.offlinePush));
        if (!this.closed) this.acked(p, ack);
        return;
      } catch (error) {
        if (this.closed) return;
        if (error instanceof ServerResponseError) {
          this.fail(p, error.errCode, error.errMsg);
          return;
        }
        if (connection.state !== "connected") continue; // the reconnect resends it; not a failed attempt
        attempts++;
        daos.localSendingMessages.update({ ...daos.localSendingMessages.get(p.conversationID, p.clientMsgID)!, attempts });
        const errMsg = error instanceof Error ? error.message : String(error);
        if (attempts >= this.retry.maxAttempts) {
          this.fail(p, (error as { errCode?: number }).errCode ?? ErrCode.Network, `no acknowledgement after ${attempts} attempts: ${errMsg}`);
          return;
        }
        this.deps.logger.warn("outbox: send attempt failed; retrying", { clientMsgID: p.clientMsgID, attempts, error: errMsg });
        await this.sleep(Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** (attempts - 1)));
      }
    }
  }

  private acked(p: Pending, ack: { serverMsgID: string; sendTime: number }): void {
    const { daos, driver, notifier } = this.deps;
    let updated: LocalChatLog | undefined;
    driver.transaction(() => {
      const row = daos.chatLogs.get(p.clientMsgID);
      daos.localSendingMessages.delete(p.conversationID, p.clientMsgID);
      if (!row) return;
      // The push echo may have come first and set the seq: keep it.
      updated = { ...row, serverMsgID: ack.serverMsgID || row.serverMsgID, sendTime: ack.sendTime || row.sendTime, status: RowStatus.Succeed };
      daos.chatLogs.update(updated);
      this.patchLatest(updated);
    });
    notifier.flush();
    if (updated) p.resolve?.(itemFromRow(updated));
  }

  private fail(p: Pending, errCode: number, errMsg: string): void {
    const { daos, driver, notifier, events } = this.deps;
    let failed: LocalChatLog | undefined;
    driver.transaction(() => {
      daos.localSendingMessages.delete(p.conversationID, p.clientMsgID);
      const row = daos.chatLogs.get(p.clientMsgID);
      if (!row) return;
      failed = { ...row, status: RowStatus.Failed };
      daos.chatLogs.update(failed);
      this.patchLatest(failed);
    });
    notifier.flush();
    this.deps.logger.warn("outbox: message failed", { clientMsgID: p.clientMsgID, errCode, errMsg });
    if (!failed) return;
    const message = itemFromRow(failed);
    events.emit(CbEvents.OnMsgSendFailed, { message, errCode, errMsg });
    p.reject?.(new SdkError(errCode, errMsg));
  }

  private patchLatest(row: LocalChatLog): void {
    const { daos, notifier } = this.deps;
    const conv = daos.localConversations.get(row.conversationID);
    if (!conv) return;
    const next = withLatest(conv, itemFromRow(row));
    if (next === conv) return;
    daos.localConversations.upsert(next);
    notifier.touch(conv.conversationID, conv.latestMsgSendTime > 0);
  }

  private async sendOnlineOnly(item: MessageItem, method: string): Promise<MessageItem> {
    const { connection } = this.deps;
    if (connection.state !== "connected") throw new SdkError(ErrCode.Network, `${method}: not connected; online-only messages are never queued — send when connected or without isOnlineOnly`);
    try {
      const ack = await wsCall(connection, 1003, wireFromItem(item, { ...ONLINE_ONLY_OPTIONS }, item.offlinePush));
      return { ...item, serverMsgID: ack.serverMsgID, sendTime: ack.sendTime || item.sendTime, status: RowStatus.Succeed };
    } catch (error) {
      const e = error as { errCode?: number; message?: string };
      throw new SdkError(e.errCode ?? ErrCode.Network, `${method}: ${e.message ?? String(error)}`, { cause: error });
    }
  }

  /** Resolves true once connected, false if the outbox closed first. */
  private connected(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.deps.connection.state === "connected") return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        off();
        this.closeWaiters.delete(onClose);
        resolve(ok);
      };
      const off = this.deps.connection.events.once("connectSuccess", () => done(true));
      const onClose = () => done(false);
      this.closeWaiters.add(onClose);
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.closeWaiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.closeWaiters.add(wake);
    });
  }
}

function parseEx(text: string | undefined): OutboxEx {
  if (!text) return {};
  try {
    return JSON.parse(text) as OutboxEx;
  } catch {
    return {};
  }
}
