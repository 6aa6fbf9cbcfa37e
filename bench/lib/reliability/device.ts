// One logged-in SDK instance (Node binding, in-memory sql.js) and what it observed: the messages
// the app was told about, and the send failures it reported.
import { CbEvents, createNodeRuntime } from "../../../bindings/node/index.js";
import type { RuntimeHandles } from "../../../runtime/create-sdk.js";
import { silentLogger } from "../../../runtime/events/logger.js";
import type { ReceivedRecord, DeviceEvidence } from "./judge.js";

export interface DeviceOptions {
  userID: string;
  token: string;
  platformID: number;
  /** Name in reports ("web", "linux", …). */
  name: string;
  apiAddr: string;
  /** The fault proxy's address. */
  wsAddr: string;
  heartbeat: { intervalMs: number; pongTimeoutMs: number };
  backoff: { baseMs: number; maxMs: number };
  requestTimeoutMs: number;
  handshakeTimeoutMs: number;
  retry: { maxAttempts: number; baseMs: number; maxMs: number };
}

export class Device {
  readonly received: ReceivedRecord[] = [];
  readonly failedEvents = new Set<string>();
  private readonly receivedIDs = new Set<string>();
  /** A connect sync finished at least once. */
  syncedOnce = false;

  private constructor(
    readonly rt: RuntimeHandles,
    readonly userID: string,
    readonly name: string,
  ) {
    rt.sdk.on(CbEvents.OnRecvNewMessage, (m) => {
      if (m.sendID === userID) return;
      this.received.push({ clientMsgID: m.clientMsgID, sendID: m.sendID, recvID: m.recvID, seq: m.seq });
      this.receivedIDs.add(m.clientMsgID);
    });
    rt.sdk.on(CbEvents.OnMsgSendFailed, (f) => this.failedEvents.add(f.message.clientMsgID));
    rt.sdk.on(CbEvents.OnSyncServerFinish, () => (this.syncedOnce = true));
  }

  static async login(o: DeviceOptions): Promise<Device> {
    const rt = createNodeRuntime({
      logger: silentLogger,
      inMemory: true,
      connection: { heartbeat: o.heartbeat, backoff: o.backoff, requestTimeoutMs: o.requestTimeoutMs, handshakeTimeoutMs: o.handshakeTimeoutMs },
      messaging: { retry: o.retry },
    });
    const d = new Device(rt, o.userID, o.name);
    await rt.sdk.initSDK({ apiAddr: o.apiAddr, wsAddr: o.wsAddr, platformID: o.platformID as 5, dataDir: "in-memory" });
    await rt.sdk.login({ userID: o.userID, token: o.token });
    return d;
  }

  has(clientMsgID: string): boolean {
    return this.receivedIDs.has(clientMsgID);
  }

  get connected(): boolean {
    return this.rt.login.current?.connection.state === "connected";
  }

  /** Local status of a message (2 sent, 3 failed), read from the device's database. */
  localStatus(clientMsgID: string): number | undefined {
    return this.rt.login.current?.daos.chatLogs.get(clientMsgID)?.status;
  }

  outboxSize(): number {
    return this.rt.login.current?.daos.localSendingMessages.oldestFirst(1_000_000).length ?? 0;
  }

  async evidence(): Promise<DeviceEvidence> {
    return { userID: this.userID, device: this.name, received: [...this.received], unreadTotal: await this.rt.sdk.getTotalUnreadMsgCount(), outboxLeft: this.outboxSize(), inDatabase: (id) => this.localStatus(id) !== undefined };
  }

  async logout(): Promise<void> {
    await this.rt.sdk.logout().catch(() => {});
  }
}
