// Benchmark: full codegen and `--check` on the real schema. Goal ≤ 1.5 s each on the 2-core VM.
// Measures the CLI as `npm run codegen` runs it (a fresh process: module loading included) and the
// pipeline in-process (parse + emit only). Wall times on a shared VM swing with its load, so the
// 1-minute load average is recorded with them. Prints a table; writes bench/results/codegen.json.
// Run: npx tsx bench/codegen.ts [runs]
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { checkOutput, writeOutput } from "../codegen/output.js";
import { runCodegen } from "../codegen/pipeline.js";

const root = path.resolve(import.meta.dirname, "..");
const runs = Number(process.argv[2] ?? 7);
// Started exactly as `npm run codegen` starts it (package.json).
const tsxEsm = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm")).href;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** CPU seconds (user + system) used by finished child processes; Linux only, else NaN. */
function childCpuMs(): number {
  try {
    // Fields after the `(comm)` part: index 13 and 14 are cutime and cstime, in clock ticks (100/s).
    const fields = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return NaN;
  }
}

/** Wall and CPU time of one CLI run in a fresh process. */
function cli(args: string[]): { wall: number; cpu: number } {
  const cpu0 = childCpuMs();
  const wall = time(() => {
    const r = spawnSync(process.execPath, ["--import", tsxEsm, path.join(root, "codegen/cli.ts"), "--quiet", ...args], { cwd: root, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`codegen ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  });
  return { wall, cpu: childCpuMs() - cpu0 };
}

const out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-codegen-"));
const opts = { rootDir: root, schemaDir: path.join(root, "schema") };
const files = (() => {
  const r = runCodegen(opts);
  if (!r.ok) throw new Error("the real schema has errors; run npm run codegen");
  return r.files;
})();

const results = {
  runs,
  files: files.length,
  ...(() => {
    const full = Array.from({ length: runs }, () => cli(["--out", out]));
    const check = Array.from({ length: runs }, () => cli(["--check"]));
    return {
      cliFullMs: median(full.map((r) => r.wall)),
      cliCheckMs: median(check.map((r) => r.wall)),
      cliFullCpuMs: median(full.map((r) => r.cpu)),
      cliCheckCpuMs: median(check.map((r) => r.cpu)),
    };
  })(),
  inProcessFullMs: median(
    Array.from({ length: runs }, () =>
      time(() => {
        const r = runCodegen(opts);
        if (r.ok) writeOutput(out, r.files);
      }),
    ),
  ),
  inProcessCheckMs: median(
    Array.from({ length: runs }, () =>
      time(() => {
        const r = runCodegen(opts);
        if (r.ok) checkOutput(path.join(root, "generated"), r.files);
      }),
    ),
  ),
  machine: `${os.cpus().length} cpu, node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`,
};
fs.rmSync(out, { recursive: true, force: true });

const ms = (x: number) => `${x.toFixed(0)} ms`;
console.log(`codegen on schema/ (${results.files} files, median of ${runs}, ${results.machine})`);
console.log(`| what                      | full     | --check  |`);
console.log(`|---------------------------|----------|----------|`);
console.log(`| CLI (fresh process), wall | ${ms(results.cliFullMs).padEnd(8)} | ${ms(results.cliCheckMs).padEnd(8)} |`);
console.log(`| CLI (fresh process), CPU  | ${ms(results.cliFullCpuMs).padEnd(8)} | ${ms(results.cliCheckCpuMs).padEnd(8)} |`);
console.log(`| pipeline (in-process)     | ${ms(results.inProcessFullMs).padEnd(8)} | ${ms(results.inProcessCheckMs).padEnd(8)} |`);
fs.mkdirSync(path.join(root, "bench/results"), { recursive: true });
fs.writeFileSync(path.join(root, "bench/results/codegen.json"), JSON.stringify(results, null, 2) + "\n");
