// The bench runner end to end, in a child process, over fixture benchmarks: discovery,
// per-benchmark child processes, results JSON/SVG/README, failures reported without
// stopping the run, unknown names refused.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResultRecord } from "../../bench/lib/results-store.js";

const root = path.resolve(import.meta.dirname, "../..");
const fixtures = path.join(import.meta.dirname, "fixtures");
let results: string;

function runBench(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", import.meta.resolve("tsx"), path.join(root, "bench/run.ts"), ...args],
      { cwd: root, env: { ...process.env, BENCH_DIR: fixtures, BENCH_RESULTS_DIR: results }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

beforeAll(() => {
  results = fs.mkdtempSync(path.join(os.tmpdir(), "bench-results-"));
});
afterAll(() => fs.rmSync(results, { recursive: true, force: true }));

describe("bench runner", () => {
  it("lists only files that define a benchmark", async () => {
    const r = await runBench(["--list"]);
    expect(r.code).toBe(0);
    expect(r.out.trim().split("\n")).toEqual(["broken", "misnamed", "sum"]);
  });

  it("runs one benchmark with its flags, stores JSON + SVG and regenerates the table", async () => {
    const r = await runBench(["sum", "--n", "5000"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("sum: n=5000 done");
    expect(r.out).toMatch(/ratio: [\d.]+× \(typed ÷ plain time\)/);
    expect(r.out).toContain("summary (1/1 ran)");
    const rec = JSON.parse(fs.readFileSync(path.join(results, "sum.json"), "utf8")) as ResultRecord;
    expect(rec).toMatchObject({ name: "sum", kind: "benchmark", command: "npm run bench -- sum --n 5000", chart: "sum.svg" });
    expect(rec.distributions.map((d) => [d.label, d.summary.count])).toEqual([["typed", 20], ["plain", 20]]);
    expect(rec.ratio).toBeCloseTo(rec.figures[0]!.value / rec.baseline!.value, 6);
    const svg = fs.readFileSync(path.join(results, "sum.svg"), "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    const readme = fs.readFileSync(path.join(results, "README.md"), "utf8");
    expect(readme).toMatch(/\| `sum` \| typed sum: \*\*/);
    expect(readme).toContain("[svg](sum.svg)");
  });

  it("reports a failing and a misnamed benchmark, still runs the rest, exits non-zero", async () => {
    const r = await runBench([]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("deliberate failure inside the benchmark");
    expect(r.out).toContain('names its benchmark "another-name"; the name must match the file name');
    expect(r.out).toContain("summary (1/3 ran)");
    expect(fs.existsSync(path.join(results, "broken.json"))).toBe(false);
  });

  it("refuses an unknown name and lists the known ones", async () => {
    const r = await runBench(["nope"]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('no benchmark named "nope"; known: broken, misnamed, sum');
  });
});
