// The verdict of a reliability run, from what was observed — a pure function, so its rules are
// unit-tested on hand-made evidence and the live run only has to collect the evidence.
//
// Rules (issue 6 item 3): every acknowledged message reaches every device of its recipient
// exactly once, each device sees a conversation's messages in seq order with no gaps, each
// device's unread total equals what the server stored for that user, and every send that was not
// acknowledged was reported failed by the SDK (status 3 + OnMsgSendFailed) — nothing is left
// silently pending.

export interface SendRecord {
  clientMsgID: string;
  from: string;
  to: string;
  /** "acked": sendMessage resolved with status 2; "failed": it rejected; "pending": never settled. */
  outcome: "acked" | "failed" | "pending";
  /** The rejection, for failed sends. */
  error?: string;
  /** OnMsgSendFailed was emitted for it on the sender's device. */
  failedEvent: boolean;
  /** Status in the sender's local database at the end (2 sent, 3 failed, 1 sending). */
  localStatus: number | undefined;
}

export interface ReceivedRecord {
  clientMsgID: string;
  sendID: string;
  recvID: string;
  seq: number;
}

export interface DeviceEvidence {
  userID: string;
  /** e.g. "web" — several devices of one user are told apart by this. */
  device: string;
  /** OnRecvNewMessage payloads of messages from other users, in the order the app got them. */
  received: ReceivedRecord[];
  /** getTotalUnreadMsgCount at the end. */
  unreadTotal: number;
  /** Messages still in the device's outbox at the end (only senders have any). */
  outboxLeft: number;
  /** Whether the device's database holds a message: tells "never arrived" from "stored, never told". */
  inDatabase?: (clientMsgID: string) => boolean;
}

export interface Problem {
  kind: "lost" | "duplicated" | "misdelivered" | "out-of-order" | "gap" | "unread" | "unreported-failure" | "pending" | "outbox";
  detail: string;
}

export interface ReliabilityVerdict {
  sent: number;
  acked: number;
  failed: number;
  pending: number;
  /** Deliveries expected: acked messages × devices of their recipient. */
  expectedDeliveries: number;
  /** First copies received, over all devices. */
  deliveries: number;
  /** Received although the send was not acknowledged (the server stored it; allowed). */
  receivedUnacked: number;
  problems: Problem[];
  /** Problem counts by kind. */
  counts: Record<Problem["kind"], number>;
  passed: boolean;
}

const KINDS: Problem["kind"][] = ["lost", "duplicated", "misdelivered", "out-of-order", "gap", "unread", "unreported-failure", "pending", "outbox"];

export function judge(sends: readonly SendRecord[], devices: readonly DeviceEvidence[]): ReliabilityVerdict {
  const problems: Problem[] = [];
  const byID = new Map(sends.map((s) => [s.clientMsgID, s]));
  const devicesOf = new Map<string, DeviceEvidence[]>();
  for (const d of devices) devicesOf.set(d.userID, [...(devicesOf.get(d.userID) ?? []), d]);

  const receivedByAnyone = new Set<string>();
  for (const d of devices) for (const r of d.received) receivedByAnyone.add(r.clientMsgID);
  for (const s of sends) {
    if (s.outcome === "pending") problems.push({ kind: "pending", detail: `${s.clientMsgID} ${s.from}→${s.to}: sendMessage never settled (neither acked nor failed)` });
    if (s.outcome !== "failed") continue;
    // A send reported failed whose ack (not the message) was lost is later found on the server by
    // seq sync, which marks it sent (2): reported, then corrected — allowed when it was delivered.
    const statusOk = s.localStatus === 3 || (s.localStatus === 2 && receivedByAnyone.has(s.clientMsgID));
    if (!s.failedEvent || !statusOk) {
      problems.push({
        kind: "unreported-failure",
        detail: `${s.clientMsgID} ${s.from}→${s.to} rejected (${s.error ?? "?"}) but ${s.failedEvent ? "" : "no OnMsgSendFailed; "}local status ${s.localStatus ?? "missing"} (want 3, or 2 if the server stored it)`,
      });
    }
  }

  // Which messages the server stored for each user: every acked one, plus failed ones a device of
  // the recipient received (the ack was lost, the message was not).
  const storedFor = new Map<string, Set<string>>();
  const stored = (user: string) => storedFor.get(user) ?? storedFor.set(user, new Set()).get(user)!;
  for (const s of sends) if (s.outcome === "acked") stored(s.to).add(s.clientMsgID);

  let deliveries = 0;
  let receivedUnacked = 0;
  const unackedSeen = new Set<string>();
  const gotBy = new Map<DeviceEvidence, Set<string>>();
  for (const d of devices) {
    gotBy.set(d, new Set(d.received.map((r) => r.clientMsgID)));
    const name = `${d.userID}/${d.device}`;
    const times = new Map<string, number>();
    const lastSeq = new Map<string, number>();
    const seqs = new Map<string, number[]>();
    for (const r of d.received) {
      const n = (times.get(r.clientMsgID) ?? 0) + 1;
      times.set(r.clientMsgID, n);
      if (n === 2) problems.push({ kind: "duplicated", detail: `${name} got ${r.clientMsgID} (from ${r.sendID}) more than once` });
      if (n > 1) continue;
      deliveries++;
      const s = byID.get(r.clientMsgID);
      if (!s || s.to !== d.userID || r.recvID !== d.userID || s.from !== r.sendID) {
        problems.push({ kind: "misdelivered", detail: `${name} got ${r.clientMsgID} from ${r.sendID} to ${r.recvID}, which ${s ? `was sent ${s.from}→${s.to}` : "nobody sent"}` });
        continue;
      }
      if (s.outcome !== "acked") {
        stored(d.userID).add(r.clientMsgID);
        if (!unackedSeen.has(r.clientMsgID)) receivedUnacked++;
        unackedSeen.add(r.clientMsgID);
      }
      const conv = r.sendID;
      const prev = lastSeq.get(conv) ?? 0;
      if (!(r.seq > prev)) problems.push({ kind: "out-of-order", detail: `${name}: from ${r.sendID}, seq ${r.seq} (${r.clientMsgID}) came after seq ${prev}` });
      lastSeq.set(conv, Math.max(prev, r.seq));
      const list = seqs.get(conv);
      if (list) list.push(r.seq);
      else seqs.set(conv, [r.seq]);
    }
    // Only the sender writes into a sender→recipient conversation, so its seqs are 1..n exactly.
    for (const [from, list] of seqs) {
      const sorted = [...list].sort((a, b) => a - b);
      const have = new Set(list);
      const missing = sorted.length === 0 ? [] : range(1, sorted[sorted.length - 1]!).filter((x) => !have.has(x));
      if (missing.length > 0) problems.push({ kind: "gap", detail: `${name}: from ${from}, seqs ${summarize(missing)} never arrived (max seq ${sorted[sorted.length - 1]})` });
    }
    if (d.outboxLeft > 0) problems.push({ kind: "outbox", detail: `${name}: ${d.outboxLeft} message(s) still in the outbox after the run` });
  }

  let expectedDeliveries = 0;
  for (const s of sends) {
    if (s.outcome !== "acked") continue;
    const targets = devicesOf.get(s.to) ?? [];
    expectedDeliveries += targets.length;
    if (targets.length === 0) problems.push({ kind: "lost", detail: `${s.clientMsgID} ${s.from}→${s.to}: acked, but the recipient has no device in the run` });
    for (const d of targets) {
      if (gotBy.get(d)!.has(s.clientMsgID)) continue;
      const where = d.inDatabase?.(s.clientMsgID) ? " (it IS in the device's database: stored, but the app was never told)" : "";
      problems.push({ kind: "lost", detail: `${s.clientMsgID} ${s.from}→${s.to}: acked, never reached ${d.userID}/${d.device}${where}` });
    }
  }

  for (const d of devices) {
    const want = storedFor.get(d.userID)?.size ?? 0;
    if (d.unreadTotal !== want) problems.push({ kind: "unread", detail: `${d.userID}/${d.device}: total unread ${d.unreadTotal}, want ${want} (messages the server stored for it, none read)` });
  }

  const counts = Object.fromEntries(KINDS.map((k) => [k, 0])) as ReliabilityVerdict["counts"];
  for (const p of problems) counts[p.kind]++;
  return {
    sent: sends.length,
    acked: sends.filter((s) => s.outcome === "acked").length,
    failed: sends.filter((s) => s.outcome === "failed").length,
    pending: sends.filter((s) => s.outcome === "pending").length,
    expectedDeliveries,
    deliveries,
    receivedUnacked,
    problems,
    counts,
    passed: problems.length === 0,
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** [1,2,3,7] → "1–3, 7". */
function summarize(xs: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < xs.length; ) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j]! + 1) j++;
    parts.push(i === j ? `${xs[i]}` : `${xs[i]}–${xs[j]}`);
    i = j + 1;
  }
  return parts.join(", ");
}
