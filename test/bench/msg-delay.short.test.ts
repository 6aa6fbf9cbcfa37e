// CI version of the message-delay test: a few pairs with paced sends; asserts that every
// message arrived once and that a latency was measured for each — never how large it is.
import { afterAll, beforeAll, expect, it } from "vitest";
import { pairsPlan } from "../../bench/lib/im/plans.js";
import { openTarget, provisionUsers, type Target } from "../../bench/lib/im/server-target.js";
import { runTraffic } from "../../bench/lib/im/traffic-run.js";
import { summarize } from "../../bench/lib/stats.js";

let target: Target;
beforeAll(async () => {
  target = await openTarget();
});
afterAll(async () => {
  await target.close();
});

it("3 pairs × 10 paced messages: each received once, one latency per message", async () => {
  const ids = Array.from({ length: 6 }, (_, i) => `md${i}`);
  const tokens = await provisionUsers(target, ids);
  const r = await runTraffic({
    wsAddr: target.wsAddr,
    clients: pairsPlan(ids, 10).map((p) => ({ ...p, token: tokens.get(p.userID)! })),
    workers: 0,
    window: 1,
    intervalMs: 5,
    gzip: true,
    timeoutMs: 60_000,
    drainTimeoutMs: 20_000,
    print: null,
  });
  expect(r.verdict).toMatchObject({ sent: 30, acked: 30, received: 30, failed: 0 });
  expect(r.verdict.passed).toBe(true);
  expect(r.ledger.deliveryMs).toHaveLength(30);
  const s = summarize(r.ledger.deliveryMs);
  expect(s.min).toBeGreaterThanOrEqual(0); // receive after send, on one clock
  // Receivers never send: every push they got came from their pair's sender.
  expect(r.ledger.echoes).toBe(30);
});
