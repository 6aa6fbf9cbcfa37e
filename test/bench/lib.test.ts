// The pure pieces of the bench library: statistics, flags, the outcome contract, the chart.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkOutcome, defineBenchmark } from "../../bench/lib/benchmark.js";
import { parseFlags, UsageError } from "../../bench/lib/cli-args.js";
import { DeliveryLedger } from "../../bench/lib/im/delivery-ledger.js";
import { pairsPlan, randomPeersPlan } from "../../bench/lib/im/plans.js";
import { loadResults, renderReadme } from "../../bench/lib/results-store.js";
import { seededRandom } from "../../bench/lib/seeded-random.js";
import { histogram, percentile, summarize } from "../../bench/lib/stats.js";
import { latencyChartSvg } from "../../bench/lib/svg-chart.js";
import { sdkws } from "../../generated/protocol/index.js";

describe("stats", () => {
  it("nearest-rank percentiles return measured values", () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(v, 50)).toBe(50);
    expect(percentile(v, 99)).toBe(99);
    expect(percentile(v, 100)).toBe(100);
    expect(percentile([7], 90)).toBe(7);
    expect(() => percentile([], 50)).toThrow(/empty/);
    expect(summarize([3, 1, 2])).toMatchObject({ count: 3, min: 1, max: 3, mean: 2, p50: 2 });
  });

  it("histogram bins count every value once", () => {
    const v = [...Array.from({ length: 999 }, (_, i) => i % 10), 10_000];
    const { bins, overflow } = histogram(v, 5);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(1000);
    expect(overflow).toBe(1);
  });
});

describe("flags", () => {
  const spec = { clients: { kind: "int", min: 2, help: "n" }, gzip: { kind: "bool", help: "g" }, ws: { kind: "string", help: "w" } } as const;
  it("parses values, --no-x and --x=v", () => {
    expect(parseFlags(["--clients", "5", "--no-gzip", "--ws=ws://x"], spec)).toEqual({ clients: 5, gzip: false, ws: "ws://x" });
  });
  it("refuses unknown flags, bad numbers and missing values with the reason", () => {
    expect(() => parseFlags(["--client", "5"], spec)).toThrow(/unknown flag --client; known: --clients, --gzip, --ws/);
    expect(() => parseFlags(["--clients", "2.5"], spec)).toThrow(/--clients must be an integer, got "2.5"/);
    expect(() => parseFlags(["--clients", "1"], spec)).toThrow(/at least 2/);
    expect(() => parseFlags(["--clients"], spec)).toThrow(UsageError);
  });
});

describe("benchmark contract", () => {
  it("refuses bad names and outcomes the runner cannot report", () => {
    expect(() => defineBenchmark({ name: "Bad Name", description: "d", run: async () => ({}) as never })).toThrow(/lower case/);
    const fig = { label: "x", value: 1, unit: "ms" };
    expect(() => checkOutcome("b", { figures: [], baseline: fig, ratio: 1, ratioMeaning: "" })).toThrow(/no figures/);
    expect(() => checkOutcome("b", { figures: [fig], baseline: { ...fig, value: NaN }, ratio: 1, ratioMeaning: "" })).toThrow(/finite value/);
    expect(() => checkOutcome("b", { figures: [fig], baseline: fig, ratio: Infinity, ratioMeaning: "" })).toThrow(/baseline 0/);
  });
});

describe("svg chart", () => {
  it("draws one CDF per sample set, escapes text, clips at p99.9", () => {
    const svg = latencyChartSvg("a <b> & c", [
      { label: "sdk", unit: "ms", values: [1, 2, 3, 4, 1000] },
      { label: "echo", unit: "ms", values: [0.5, 0.6] },
    ]);
    expect(svg).toContain("a &lt;b&gt; &amp; c");
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain("p50=3.00");
    expect(() => latencyChartSvg("t", [{ label: "x", unit: "ms", values: [] }])).toThrow(/needs values/);
  });

  it("switches to a log axis when the values span decades", () => {
    const narrow = latencyChartSvg("n", [{ label: "x", unit: "ms", values: [1, 2, 3, 4] }]);
    const wide = latencyChartSvg("w", [{ label: "x", unit: "ms", values: [0.05, 0.1, 1, 10, 20] }]);
    expect(narrow).not.toContain("log scale");
    expect(wide).toContain("ms (log scale)");
    expect(wide).toContain(">0.05</text>");
  });
});

describe("plans", () => {
  it("random peers never send to themselves and replay from the seed", () => {
    const ids = ["a", "b", "c", "d"];
    const p1 = randomPeersPlan(ids, 50, seededRandom(9));
    expect(p1.every((c) => c.sends.length === 50 && !c.sends.includes(c.userID))).toBe(true);
    expect(randomPeersPlan(ids, 50, seededRandom(9))).toEqual(p1);
    expect(() => randomPeersPlan(["a"], 1, seededRandom(1))).toThrow(/at least 2/);
    expect(pairsPlan(["s", "r"], 2)).toEqual([{ userID: "s", sends: ["r", "r"] }, { userID: "r", sends: [] }]);
    expect(() => pairsPlan(["a", "b", "c"], 1)).toThrow(/even number/);
  });
});

describe("delivery ledger", () => {
  const push = (sendID: string, clientMsgID: string) => ({ conversationID: "c", message: sdkws.MsgData.create({ sendID, clientMsgID }), atMs: 10, sentAtMs: 4 });
  it("judges lost, duplicated and misdelivered messages, also after a merge", () => {
    const l = new DeliveryLedger();
    l.recordAck("m1", "a", "b", 1);
    l.recordAck("m2", "a", "b", 1);
    l.recordAck("m3", "a", "c", 1);
    l.recordPush("b", push("a", "m1"));
    l.recordPush("b", push("a", "m1"));
    l.recordPush("b", push("a", "m3"));
    l.recordPush("a", push("a", "m1")); // own echo: not judged
    const merged = new DeliveryLedger();
    merged.merge(l.toData());
    for (const x of [l, merged]) {
      const v = x.verdict();
      expect(v.lost.map((m) => m.clientMsgID).sort()).toEqual(["m2", "m3"]);
      expect(v.duplicated).toEqual([{ clientMsgID: "m1", to: "b", times: 2 }]);
      expect(v.misdelivered).toBe(1);
      expect(v.passed).toBe(false);
    }
    expect(l.deliveryMs).toEqual([6, 6]);
    expect(merged.echoes).toBe(1);
  });
});

describe("results table", () => {
  it("separates benchmarks from load tests and shows verdicts", () => {
    const base = { description: "d", command: "c", finishedAt: "2026-12-03T13:00:00.000Z", durationMs: 1, machine: { node: "v20", platform: "linux", cpus: 2, cpuModel: "cpu" }, distributions: [], notes: [] };
    const md = renderReadme([
      { ...base, name: "e2e", kind: "benchmark", figures: [{ label: "p50", value: 1.5, unit: "ms", better: "lower" }], baseline: { label: "echo", value: 0.2, unit: "ms" }, ratio: 7.5, ratioMeaning: "÷ echo", goal: { text: "≤ 5 ms", met: true } },
      { ...base, name: "press", kind: "load-test", figures: [{ label: "throughput", value: 1234, unit: "msgs/s" }], passed: false },
    ]);
    expect(md).toMatch(/## Benchmarks[\s\S]*\| `e2e` \| p50: \*\*1.50 ms\*\* ↓ \| echo: 0.200 ms \| 7.50× ÷ echo \| ✅ ≤ 5 ms/);
    expect(md).toMatch(/## Load tests[\s\S]*\| `press` \| throughput: \*\*1,234 msgs\/s\*\* ↑ \| — \| — \| ❌ FAILED/);
  });

  it("leaves out files of the pre-runner shape instead of failing, and keeps runner records", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-results-"));
    try {
      fs.writeFileSync(path.join(dir, "old.json"), JSON.stringify({ machine: { cpus: 2 }, sqljsInsert: { ratio: 1 } }));
      fs.writeFileSync(path.join(dir, "new.json"), JSON.stringify({ name: "new", kind: "benchmark", figures: [{ label: "x", value: 1, unit: "u" }] }));
      expect(loadResults(dir).map((r) => r.name)).toEqual(["new"]);
      fs.writeFileSync(path.join(dir, "broken.json"), "{");
      expect(() => loadResults(dir)).toThrow(/broken.json is not valid JSON/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
