// Full codegen and `--check` on the real schema (goal ≤ 1.5 s each on the 2-core VM), measured
// as `npm run codegen` runs it (a fresh process: module loading included) and in-process
// (parse + emit only). Baseline from the same run: a fresh process that only loads tsx and
// exits, i.e. the start-up cost every CLI run pays before codegen does anything.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { checkOutput, writeOutput } from "../codegen/output.js";
import { runCodegen } from "../codegen/pipeline.js";
import { defineBenchmark } from "./lib/benchmark.js";
import { parseFlags } from "./lib/cli-args.js";
import { round } from "./lib/stats.js";

const root = path.resolve(import.meta.dirname, "..");
// Started exactly as `npm run codegen` starts it (package.json).
const tsxEsm = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm")).href;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const GOAL_MS = 1500;

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** CPU ms (user + system) used by finished child processes; Linux only, else NaN. */
function childCpuMs(): number {
  try {
    // Fields after the `(comm)` part: index 13 and 14 are cutime and cstime, in clock ticks (100/s).
    const fields = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return NaN;
  }
}

/** Wall and CPU time of one fresh `node --import tsx/esm <script> args` process. */
function freshProcess(script: string[], what: string): { wall: number; cpu: number } {
  const cpu0 = childCpuMs();
  const wall = time(() => {
    const r = spawnSync(process.execPath, ["--import", tsxEsm, ...script], { cwd: root, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${what} exited ${r.status}: ${r.stderr}`);
  });
  return { wall, cpu: childCpuMs() - cpu0 };
}

const flags = { runs: { kind: "int", min: 1, help: "runs per case; medians are reported (default 7)" } } as const;

export default defineBenchmark({
  name: "codegen",
  description: "codegen CLI full run and --check on schema/ (fresh process) vs a fresh tsx process doing nothing",
  async run(ctx) {
    const runs = parseFlags(ctx.args, flags).runs ?? 7;
    const out = path.join(ctx.tmpDir, "generated");
    const opts = { rootDir: root, schemaDir: path.join(root, "schema") };
    const first = runCodegen(opts);
    if (!first.ok) throw new Error("the real schema has errors; run npm run codegen to see them");
    const cli = (args: string[]) => freshProcess([path.join(root, "codegen/cli.ts"), "--quiet", ...args], `codegen ${args.join(" ")}`);
    const emptyScript = path.join(ctx.tmpDir, "empty.mjs"); // .mjs: outside the package a .ts would load as CommonJS
    fs.writeFileSync(emptyScript, "export {};\n");
    const full: { wall: number; cpu: number }[] = [];
    const check: { wall: number; cpu: number }[] = [];
    const empty: { wall: number; cpu: number }[] = [];
    for (let r = 0; r < runs; r++) {
      ctx.progress(`CLI run ${r + 1}/${runs}`);
      // Interleaved so the three cases see the same machine load.
      full.push(cli(["--out", out]));
      check.push(cli(["--check"]));
      empty.push(freshProcess([emptyScript], "empty tsx process"));
    }
    ctx.progress("in-process pipeline");
    const inFull = Array.from({ length: runs }, () =>
      time(() => {
        const r = runCodegen(opts);
        if (r.ok) writeOutput(out, r.files);
      }),
    );
    const inCheck = Array.from({ length: runs }, () =>
      time(() => {
        const r = runCodegen(opts);
        if (r.ok) checkOutput(path.join(root, "generated"), r.files);
      }),
    );
    const fullMs = median(full.map((r) => r.wall));
    const checkMs = median(check.map((r) => r.wall));
    const emptyMs = median(empty.map((r) => r.wall));
    const ms = (label: string, value: number) => ({ label, value: round(value, 0), unit: "ms", better: "lower" as const });
    return {
      figures: [
        ms(`CLI full run, wall (median of ${runs})`, fullMs),
        ms("CLI --check, wall", checkMs),
        ms("CLI full run, CPU", median(full.map((r) => r.cpu))),
        ms("CLI --check, CPU", median(check.map((r) => r.cpu))),
        ms("pipeline in-process, full", median(inFull)),
        ms("pipeline in-process, check", median(inCheck)),
      ],
      baseline: ms("fresh tsx process that does nothing, wall", emptyMs),
      ratio: fullMs / emptyMs,
      ratioMeaning: "full CLI run ÷ empty tsx process (lower is better)",
      goal: { text: `full and --check ≤ ${GOAL_MS} ms each`, met: fullMs <= GOAL_MS && checkMs <= GOAL_MS },
      samples: [
        { label: "CLI full run", unit: "ms", values: full.map((r) => r.wall) },
        { label: "CLI --check", unit: "ms", values: check.map((r) => r.wall) },
        { label: "empty tsx process", unit: "ms", values: empty.map((r) => r.wall) },
      ],
      notes: [`${first.files.length} generated files; CPU times from /proc/self/stat (children's utime+stime)`],
    };
  },
});
