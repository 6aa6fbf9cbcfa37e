// The short CI version of the reliability test (`npm run reliability` is the full one): 6 senders ×
// 15 messages to 2 recipients on 2 devices each, through the fault proxy (seeded kills, stalls,
// ack delays) with one devserver restart, judged by bench/lib/reliability/judge.ts. CI uses a fixed
// seed (a random one once drew no fault before the short run ended); RELIABILITY_SEED overrides it,
// e.g. to explore other seeds. The seed is printed; a failure replays with
//   npm run reliability -- --senders 6 --messages 15 --recipients 2 --devices 2 --seed <seed> …
// (the flags this file passes are echoed in the failure message).
import { describe, expect, it } from "vitest";
import { runReliability, summaryLines, type ReliabilityOptions } from "../../bench/lib/reliability/run.js";

const seed = process.env.RELIABILITY_SEED ? Number(process.env.RELIABILITY_SEED) : 424242;

describe("reliability under fault injection (short)", () => {
  it("every acked message reaches every recipient device once, in seq order; unread exact; unacked sends reported", async () => {
    const lines: string[] = [];
    const o: ReliabilityOptions = {
      seed,
      senders: 6,
      messages: 15,
      recipients: 2,
      devicesPerRecipient: 2,
      heartbeatMs: 1000,
      window: 3,
      intervalMs: 150,
      chaos: { everyMs: 400, kill: 0.15, stall: 0.1, maxStallMs: 3000 },
      maxAckDelayMs: 1500,
      restartDownMs: 500,
      sendPhaseMs: 30_000,
      drainMs: 15_000,
      log: (l) => lines.push(l),
    };
    console.log(`reliability (short): seed ${seed}`);
    const report = await runReliability(o);
    const summary = summaryLines(report);
    const replay = `npm run reliability -- --senders 6 --messages 15 --recipients 2 --devices 2 --window 3 --interval 150 --chaos-every 400 --kill 0.15 --stall 0.1 --max-stall 3000 --max-ack-delay 1500 --restart-down 500 --seed ${seed}`;
    if (!report.verdict.passed) console.log([...lines, ...summary].join("\n"));
    // The run really was faulty, and really delivered.
    expect(report.faults.restarts).toBe(1);
    expect(report.faults.kills + report.faults.stalls, "chaos injected faults").toBeGreaterThan(0);
    expect(report.verdict.sent).toBe(90);
    expect(report.verdict.deliveries).toBeGreaterThanOrEqual(report.verdict.expectedDeliveries);
    expect(report.verdict.problems, `${summary.join("\n")}\nreplay: ${replay}`).toEqual([]);
    expect(report.verdict.passed).toBe(true);
  }, 75_000);
});
