// One logged-in user of the demo: an SDK instance, the events it received (for the transcript)
// and a way to wait until an expected event arrives.
import { CbEvents, createSDK, type OpenIMSDK } from "../bindings/node/index.js";
import type { EventMap, EventName } from "../generated/listeners/events.js";
import type { ConversationItem } from "../generated/types/index.js";

/** Events the demo narrates; the rest (connection, sync progress) would drown the story. */
export const NARRATED = [
  CbEvents.OnRecvNewMessage,
  CbEvents.OnNewConversation,
  CbEvents.OnTotalUnreadMessageCountChanged,
  CbEvents.OnRecvC2CReadReceipt,
  CbEvents.OnNewRecvMessageRevoked,
  CbEvents.OnConversationUserInputStatusChanged,
  CbEvents.OnKickedOffline,
  CbEvents.OnUserTokenInvalid,
] as const satisfies readonly EventName[];
export type NarratedEvent = (typeof NARRATED)[number];

export interface Received<E extends NarratedEvent = NarratedEvent> {
  event: E;
  payload: EventMap[E];
}

export interface LoginInfo {
  apiAddr: string;
  wsAddr: string;
  userID: string;
  token: string;
  /** Folder for this user's local database; null keeps it in memory. */
  dataDir: string | null;
}

/** Web (5): what the Node binding identifies as, and what the demo's tokens are issued for. */
export const PLATFORM_ID = 5;

const WAIT_MS = 10_000;

export class Participant {
  readonly received: Received[] = [];
  private wake: (() => void)[] = [];

  private constructor(
    readonly name: string,
    readonly userID: string,
    readonly sdk: OpenIMSDK,
  ) {
    for (const event of NARRATED) {
      sdk.on(event, (payload: EventMap[typeof event]) => {
        this.received.push({ event, payload } as Received);
        for (const f of this.wake.splice(0)) f();
      });
    }
  }

  static async login(name: string, info: LoginInfo): Promise<Participant> {
    const sdk = createSDK({ inMemory: info.dataDir === null });
    const p = new Participant(name, info.userID, sdk);
    await sdk.initSDK({ apiAddr: info.apiAddr, wsAddr: info.wsAddr, platformID: PLATFORM_ID, dataDir: info.dataDir ?? "in-memory" });
    const synced = p.syncFinished();
    await sdk.login({ userID: info.userID, token: info.token });
    // login() resolves once connected; history from earlier runs (or other devices) arrives in
    // the sync that follows, so the story starts after it.
    await synced;
    return p;
  }

  private syncFinished(): Promise<void> {
    return new Promise((resolve, reject) => {
      const settle = (err?: Error) => {
        clearTimeout(timer);
        this.sdk.off(CbEvents.OnSyncServerFinish, finished);
        this.sdk.off(CbEvents.OnSyncServerFailed, failed);
        if (err) reject(err);
        else resolve();
      };
      const finished = () => settle();
      const failed = () => settle(new Error(`${this.name}: the message sync after login failed; run with a fresh --data folder or check the devserver output`));
      const timer = setTimeout(() => settle(new Error(`${this.name}: the message sync after login did not finish within ${WAIT_MS / 1000} s`)), WAIT_MS);
      this.sdk.on(CbEvents.OnSyncServerFinish, finished);
      this.sdk.on(CbEvents.OnSyncServerFailed, failed);
    });
  }

  /** Events received since `mark` (an index into `received`). */
  since(mark: number): Received[] {
    return this.received.slice(mark);
  }

  /** Resolves with the first event after `mark` of this kind that `match` accepts; fails loudly after 10 s. */
  async waitFor<E extends NarratedEvent>(mark: number, event: E, what: string, match: (payload: EventMap[E]) => boolean = () => true): Promise<EventMap[E]> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const hit = this.received.slice(mark).find((r): r is Received<E> => r.event === event && match(r.payload as EventMap[E]));
      if (hit) return hit.payload;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.name} never received ${event} (${what}) within ${WAIT_MS / 1000} s — is the devserver still running?`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Waits until the server's echo of one's own message gave it a seq (and with it read the chat). */
  async echoed(conversationID: string, clientMsgID: string): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const found = await this.sdk.findMessageList([{ conversationID, clientMsgIDList: [clientMsgID] }]);
      if ((found.findResultItems?.[0]?.messageList[0]?.seq ?? 0) > 0) return;
      if (Date.now() > deadline) throw new Error(`${this.name}: the server never echoed message ${clientMsgID} within ${WAIT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async conversationID(peer: Participant): Promise<string> {
    return this.sdk.getConversationIDBySessionType({ sourceID: peer.userID, sessionType: 1 });
  }

  async conversations(): Promise<ConversationItem[]> {
    return this.sdk.getAllConversationList();
  }

  async logout(): Promise<void> {
    if ((await this.sdk.getLoginStatus()) !== 1) await this.sdk.logout();
  }
}
