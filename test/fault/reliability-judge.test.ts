// The reliability judge on hand-made evidence: a clean run passes, and each kind of breakage —
// the ones the live run must catch — fails with that kind named.
import { describe, expect, it } from "vitest";
import { judge, type DeviceEvidence, type SendRecord } from "../../bench/lib/reliability/judge.js";

const sent = (id: string, from: string, to: string, outcome: SendRecord["outcome"] = "acked", extra: Partial<SendRecord> = {}): SendRecord => ({
  clientMsgID: id,
  from,
  to,
  outcome,
  failedEvent: false,
  localStatus: outcome === "acked" ? 2 : undefined,
  ...extra,
});
const got = (id: string, sendID: string, recvID: string, seq: number) => ({ clientMsgID: id, sendID, recvID, seq });
const device = (userID: string, device: string, received: DeviceEvidence["received"], unreadTotal = received.length, outboxLeft = 0): DeviceEvidence => ({ userID, device, received, unreadTotal, outboxLeft });

// s1 sends a1, a2 to r (two devices); s2 sends b1 to r.
const sends = [sent("a1", "s1", "r"), sent("a2", "s1", "r"), sent("b1", "s2", "r")];
const clean = [got("a1", "s1", "r", 1), got("b1", "s2", "r", 1), got("a2", "s1", "r", 2)];

describe("reliability judge", () => {
  it("passes a clean run and counts deliveries per device", () => {
    const v = judge(sends, [device("r", "web", clean), device("r", "linux", clean)]);
    expect(v.problems).toEqual([]);
    expect(v).toMatchObject({ passed: true, sent: 3, acked: 3, expectedDeliveries: 6, deliveries: 6 });
  });

  it("fails when one device of the recipient misses an acked message (lost)", () => {
    const v = judge(sends, [device("r", "web", clean), device("r", "linux", clean.slice(0, 2), 3)]);
    expect(v.passed).toBe(false);
    expect(v.counts.lost).toBe(1);
    expect(v.problems.find((p) => p.kind === "lost")!.detail).toMatch(/a2 s1→r: acked, never reached r\/linux$/);
    const storedSilently = { ...device("r", "linux", clean.slice(0, 2), 3), inDatabase: (id: string) => id === "a2" };
    expect(judge(sends, [storedSilently]).problems[0]!.detail).toMatch(/IS in the device's database/);
  });

  it("fails on a duplicate (same clientMsgID twice on one device)", () => {
    const v = judge(sends, [device("r", "web", [...clean, got("a2", "s1", "r", 2)], 3)]);
    expect(v.counts.duplicated).toBe(1);
    expect(v.passed).toBe(false);
  });

  it("fails when a conversation's messages come out of seq order, and on a seq gap", () => {
    const swapped = [got("a2", "s1", "r", 2), got("a1", "s1", "r", 1), got("b1", "s2", "r", 1)];
    expect(judge(sends, [device("r", "web", swapped)]).counts["out-of-order"]).toBe(1);
    const withGap = [sent("a1", "s1", "r"), sent("a3", "s1", "r", "failed", { failedEvent: true, localStatus: 2 })];
    const v = judge(withGap, [device("r", "web", [got("a1", "s1", "r", 1), got("a3", "s1", "r", 3)])]);
    expect(v.problems.map((p) => p.kind)).toEqual(["gap"]);
    expect(v.problems[0]!.detail).toMatch(/seqs 2 never arrived/);
  });

  it("fails on a wrong unread total, and counts a received unacked message as unread", () => {
    expect(judge(sends, [device("r", "web", clean, 2)]).counts.unread).toBe(1);
    const lostAck = [sent("a1", "s1", "r"), sent("a2", "s1", "r", "failed", { failedEvent: true, localStatus: 2 })];
    const v = judge(lostAck, [device("r", "web", [got("a1", "s1", "r", 1), got("a2", "s1", "r", 2)], 2)]);
    expect(v).toMatchObject({ passed: true, receivedUnacked: 1, failed: 1 });
  });

  it("fails on a message received by a user it was not sent to, or that nobody sent", () => {
    const v = judge(sends, [device("r", "web", clean), device("x", "web", [got("a1", "s1", "r", 1), got("zz", "s9", "x", 1)], 2)]);
    expect(v.counts.misdelivered).toBe(2);
  });

  it("requires every unacked send to be reported: OnMsgSendFailed and status 3 (or 2 only if delivered)", () => {
    const failedQuietly = [sent("a1", "s1", "r", "failed", { error: "10001 timeout", failedEvent: false, localStatus: 3 })];
    expect(judge(failedQuietly, [device("r", "web", [], 0)]).problems[0]!.detail).toMatch(/no OnMsgSendFailed/);
    const claimsSent = [sent("a1", "s1", "r", "failed", { failedEvent: true, localStatus: 2 })];
    expect(judge(claimsSent, [device("r", "web", [], 0)]).counts["unreported-failure"]).toBe(1);
    const reported = [sent("a1", "s1", "r", "failed", { failedEvent: true, localStatus: 3 })];
    expect(judge(reported, [device("r", "web", [], 0)]).passed).toBe(true);
  });

  it("fails on a send that never settled and on messages left in an outbox", () => {
    const v = judge([sent("a1", "s1", "r", "pending")], [device("r", "web", [], 0), device("s1", "web", [], 0, 1)]);
    expect(v.counts).toMatchObject({ pending: 1, outbox: 1 });
    expect(v.passed).toBe(false);
  });
});
