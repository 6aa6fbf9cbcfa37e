// One process's share of a load run: its clients, their connections and their sends. The
// coordinator (traffic-run.ts) drives slices phase by phase — connect all, then send, then
// drain — whether they live in this process or in worker processes.
import type { LedgerData } from "./delivery-ledger.js";
import { DeliveryLedger } from "./delivery-ledger.js";
import { mapLimit } from "../map-limit.js";
import { newClientMsgID, nowMs, WireClient } from "./wire-client.js";

export interface SliceClient {
  userID: string;
  token: string;
  /** Recipients of this client's messages, in sending order. */
  sends: string[];
}

export interface SliceSpec {
  wsAddr: string;
  gzip: boolean;
  clients: SliceClient[];
  /** Messages in flight per client (1 = send, wait for the ack, send the next). */
  window: number;
  /** Pause between two sends of one client, ms. */
  intervalMs: number;
  /** Connections opened at once while connecting. */
  connectConcurrency: number;
}

export interface SliceStatus {
  connected: number;
  sent: number;
  acked: number;
  failed: number;
  received: number;
  sending: boolean;
  firstFailures: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class TrafficSlice {
  private readonly ledger = new DeliveryLedger();
  private readonly open: WireClient[] = [];
  private sent = 0;
  private sending = false;

  constructor(private readonly spec: SliceSpec) {}

  async connect(): Promise<void> {
    await mapLimit(this.spec.clients, this.spec.connectConcurrency, async (c) => {
      const client = await WireClient.connect({ wsAddr: this.spec.wsAddr, userID: c.userID, token: c.token, gzip: this.spec.gzip });
      client.onMessage((r) => this.ledger.recordPush(c.userID, r));
      this.open.push(client);
    });
  }

  /** Resolves when every send of every client has been acknowledged or has failed. */
  async send(): Promise<void> {
    const byUser = new Map(this.open.map((c) => [c.userID, c]));
    this.sending = true;
    try {
      await Promise.all(
        this.spec.clients.map(async (c) => {
          const client = byUser.get(c.userID);
          if (!client) throw new Error(`client ${c.userID} is not connected; call connect() first`);
          let next = 0;
          const lane = async () => {
            while (next < c.sends.length) {
              const k = next++;
              const to = c.sends[k]!;
              this.sent++;
              const clientMsgID = newClientMsgID();
              const t0 = nowMs();
              try {
                await client.sendText(to, `load ${c.userID}#${k}`, clientMsgID);
                this.ledger.recordAck(clientMsgID, c.userID, to, nowMs() - t0);
              } catch (err) {
                this.ledger.recordFailure(clientMsgID, c.userID, to, (err as Error).message);
              }
              if (this.spec.intervalMs > 0) await sleep(this.spec.intervalMs);
            }
          };
          await Promise.all(Array.from({ length: Math.min(this.spec.window, c.sends.length) }, lane));
        }),
      );
    } finally {
      this.sending = false;
    }
  }

  status(): SliceStatus {
    return {
      connected: this.open.length,
      sent: this.sent,
      acked: this.ledger.ackedCount,
      failed: this.ledger.failedCount,
      received: this.ledger.receivedCount,
      sending: this.sending,
      firstFailures: this.ledger.firstFailures(3),
    };
  }

  /** Closes every connection and hands over the evidence. */
  finish(): LedgerData {
    for (const c of this.open.splice(0)) c.close();
    return this.ledger.toData();
  }
}
