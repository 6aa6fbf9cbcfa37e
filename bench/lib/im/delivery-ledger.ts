// Who sent what to whom, what the server acknowledged, and what each recipient received —
// the evidence behind "0 lost, exactly once". Serializable so worker processes can report
// their half and the coordinator can judge the whole run.
import type { Received } from "./wire-client.js";

export interface LedgerData {
  /** [clientMsgID, from, to] of every acknowledged send. */
  acked: [string, string, string][];
  /** [clientMsgID, from, to, error] of every send that failed (no ack). */
  failed: [string, string, string, string][];
  /** [recipient, clientMsgID, times] of every message pushed to a recipient other than its sender. */
  received: [string, string, number][];
  /** Pushes of a user's own messages back to it (senderSync); counted, not judged. */
  selfEchoes: number;
  /** send → push at the recipient, ms (first copy of each message). */
  deliveryMs: number[];
  /** send → ack, ms. */
  ackMs: number[];
}

export interface Verdict {
  sent: number;
  acked: number;
  failed: number;
  received: number;
  /** Acknowledged but never received by the recipient. */
  lost: { clientMsgID: string; from: string; to: string }[];
  /** Received more than once by the same recipient. */
  duplicated: { clientMsgID: string; to: string; times: number }[];
  /** Received although not acknowledged (a failed send the server had stored) — allowed, reported. */
  receivedUnacked: number;
  /** Received by someone it was not sent to. */
  misdelivered: number;
  passed: boolean;
}

export class DeliveryLedger {
  private readonly acked = new Map<string, [string, string]>();
  private readonly failed = new Map<string, [string, string, string]>();
  private readonly received = new Map<string, Map<string, number>>();
  private selfEchoes = 0;
  readonly deliveryMs: number[] = [];
  readonly ackMs: number[] = [];
  receivedCount = 0;

  recordAck(clientMsgID: string, from: string, to: string, ackMs: number): void {
    this.acked.set(clientMsgID, [from, to]);
    this.ackMs.push(ackMs);
  }

  recordFailure(clientMsgID: string, from: string, to: string, error: string): void {
    this.failed.set(clientMsgID, [from, to, error]);
  }

  recordPush(userID: string, r: Received): void {
    if (r.message.sendID === userID) {
      this.selfEchoes++;
      return;
    }
    let mine = this.received.get(userID);
    if (!mine) this.received.set(userID, (mine = new Map()));
    const times = (mine.get(r.message.clientMsgID) ?? 0) + 1;
    mine.set(r.message.clientMsgID, times);
    if (times === 1) {
      this.receivedCount++;
      if (r.sentAtMs !== undefined) this.deliveryMs.push(r.atMs - r.sentAtMs);
    }
  }

  get ackedCount(): number {
    return this.acked.size;
  }

  get failedCount(): number {
    return this.failed.size;
  }

  firstFailures(n = 5): string[] {
    return [...this.failed.values()].slice(0, n).map(([from, to, e]) => `${from}→${to}: ${e}`);
  }

  toData(): LedgerData {
    const received: [string, string, number][] = [];
    for (const [user, m] of this.received) for (const [id, n] of m) received.push([user, id, n]);
    return {
      acked: [...this.acked].map(([id, [f, t]]) => [id, f, t]),
      failed: [...this.failed].map(([id, [f, t, e]]) => [id, f, t, e]),
      received,
      selfEchoes: this.selfEchoes,
      deliveryMs: this.deliveryMs,
      ackMs: this.ackMs,
    };
  }

  merge(d: LedgerData): void {
    for (const [id, f, t] of d.acked) this.acked.set(id, [f, t]);
    for (const [id, f, t, e] of d.failed) this.failed.set(id, [f, t, e]);
    for (const [user, id, n] of d.received) {
      let mine = this.received.get(user);
      if (!mine) this.received.set(user, (mine = new Map()));
      const before = mine.get(id) ?? 0;
      mine.set(id, before + n);
      if (before === 0) this.receivedCount++;
    }
    this.selfEchoes += d.selfEchoes;
    this.deliveryMs.push(...d.deliveryMs);
    this.ackMs.push(...d.ackMs);
  }

  get echoes(): number {
    return this.selfEchoes;
  }

  verdict(): Verdict {
    const lost: Verdict["lost"] = [];
    for (const [id, [from, to]] of this.acked) if (!this.received.get(to)?.has(id)) lost.push({ clientMsgID: id, from, to });
    const duplicated: Verdict["duplicated"] = [];
    let receivedUnacked = 0;
    let misdelivered = 0;
    for (const [to, m] of this.received) {
      for (const [id, times] of m) {
        if (times > 1) duplicated.push({ clientMsgID: id, to, times });
        const sent = this.acked.get(id) ?? this.failed.get(id);
        if (!sent) misdelivered++;
        else if (sent[1] !== to) misdelivered++;
        else if (!this.acked.has(id)) receivedUnacked++;
      }
    }
    return {
      sent: this.acked.size + this.failed.size,
      acked: this.acked.size,
      failed: this.failed.size,
      received: this.receivedCount,
      lost,
      duplicated,
      receivedUnacked,
      misdelivered,
      passed: lost.length === 0 && duplicated.length === 0 && misdelivered === 0,
    };
  }
}
