// The outcome shape both A→B latency benchmarks report (transport level and SDK level): p50/p90/p99
// against a raw ws echo measured in the same run, judged by the goal.
import type { BenchOutcome } from "./benchmark.js";
import { round, summarize } from "./stats.js";

export function latencyVsEchoOutcome(what: string, latency: number[], echo: number[], note: string): BenchOutcome {
  const l = summarize(latency);
  const e = summarize(echo);
  return {
    figures: [
      { label: `${what} p50`, value: round(l.p50), unit: "ms", better: "lower" },
      { label: `${what} p90`, value: round(l.p90), unit: "ms", better: "lower" },
      { label: `${what} p99`, value: round(l.p99), unit: "ms", better: "lower" },
      { label: "echo p99", value: round(e.p99), unit: "ms", better: "lower" },
    ],
    baseline: { label: "raw ws echo p50", value: round(e.p50), unit: "ms", better: "lower" },
    ratio: l.p50 / e.p50,
    ratioMeaning: "p50 latency ÷ echo p50 (lower is better)",
    goal: {
      text: `p50 ≤ echo p50 + 1 ms (${l.p50 <= e.p50 + 1 ? "met" : "not met"}) and p99 ≤ 5 ms (${l.p99 <= 5 ? "met" : "not met"})`,
      met: l.p50 <= e.p50 + 1 && l.p99 <= 5,
    },
    samples: [
      { label: `A→B ${what}`, unit: "ms", values: latency },
      { label: "raw ws echo", unit: "ms", values: echo },
    ],
    notes: [note],
  };
}
