// CI version of the press test: 20 clients × 10 messages through the SDK transport to the
// devserver, in process and with worker processes. Asserts correctness only (every
// acknowledged message received exactly once by its recipient), never speed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomPeersPlan } from "../../bench/lib/im/plans.js";
import { openTarget, provisionUsers, type Target } from "../../bench/lib/im/server-target.js";
import { runTraffic } from "../../bench/lib/im/traffic-run.js";
import { seededRandom } from "../../bench/lib/seeded-random.js";

let target: Target;
beforeAll(async () => {
  target = await openTarget();
});
afterAll(async () => {
  await target.close();
});

async function press(prefix: string, clients: number, messages: number, workers: number, seed: number) {
  const ids = Array.from({ length: clients }, (_, i) => `${prefix}${i}`);
  const tokens = await provisionUsers(target, ids);
  const plan = randomPeersPlan(ids, messages, seededRandom(seed));
  return runTraffic({
    wsAddr: target.wsAddr,
    clients: plan.map((p) => ({ ...p, token: tokens.get(p.userID)! })),
    workers,
    window: 2,
    intervalMs: 0,
    gzip: true,
    timeoutMs: 60_000,
    drainTimeoutMs: 20_000,
    print: null,
  });
}

describe("press (short)", () => {
  it("20 clients × 10 messages in process: 0 lost, exactly once", async () => {
    const r = await press("ps", 20, 10, 0, 11);
    expect(r.abortedBecause).toBeUndefined();
    expect(r.verdict).toMatchObject({ sent: 200, acked: 200, failed: 0, received: 200, receivedUnacked: 0, misdelivered: 0 });
    expect(r.verdict.lost).toEqual([]);
    expect(r.verdict.duplicated).toEqual([]);
    expect(r.verdict.passed).toBe(true);
    expect(r.ledger.deliveryMs).toHaveLength(200);
    expect(r.ledger.echoes).toBe(200); // senderSync: each sender's own connection got its copy too
  });

  it("20 clients × 10 messages over 2 worker processes: the merged ledger passes", async () => {
    const r = await press("pw", 20, 10, 2, 12);
    expect(r.abortedBecause).toBeUndefined();
    expect(r.verdict).toMatchObject({ sent: 200, acked: 200, received: 200 });
    expect(r.verdict.passed).toBe(true);
  });

  it("a recipient that is not connected shows up as lost and fails the run", async () => {
    const tokens = await provisionUsers(target, ["lonely_sender", "offline_peer"]);
    const r = await runTraffic({
      wsAddr: target.wsAddr,
      clients: [{ userID: "lonely_sender", token: tokens.get("lonely_sender")!, sends: ["offline_peer", "offline_peer", "offline_peer"] }],
      workers: 0,
      window: 1,
      intervalMs: 0,
      gzip: false,
      timeoutMs: 30_000,
      drainTimeoutMs: 300,
      print: null,
    });
    expect(r.verdict.acked).toBe(3);
    expect(r.verdict.received).toBe(0);
    expect(r.verdict.lost.map((l) => l.to)).toEqual(["offline_peer", "offline_peer", "offline_peer"]);
    expect(r.verdict.passed).toBe(false);
  });

  it("sends the server refuses are counted as failed with the server's reason, not as lost", async () => {
    const tokens = await provisionUsers(target, ["refused_sender"]);
    const r = await runTraffic({
      wsAddr: target.wsAddr,
      clients: [{ userID: "refused_sender", token: tokens.get("refused_sender")!, sends: ["nobody_registered_this"] }],
      workers: 0,
      window: 1,
      intervalMs: 0,
      gzip: true,
      timeoutMs: 30_000,
      drainTimeoutMs: 300,
      print: null,
    });
    expect(r.verdict).toMatchObject({ acked: 0, failed: 1, lost: [] });
    expect(r.firstFailures[0]).toMatch(/nobody_registered_this/);
  });
});
