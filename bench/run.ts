// npm run bench [-- <name> [--flags for it] ...]: runs each benchmark in its own child process
// (a clean heap per benchmark, and a crash fails one benchmark, not the run), prints its
// figures and ratio, stores bench/results/<name>.json (+ .svg) and regenerates the README table.
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkOutcome, isBenchmark, type BenchOutcome } from "./lib/benchmark.js";
import { discoverBenchmarks, selectBenchmarks, type BenchFile } from "./lib/discover.js";
import { formatNumber, machine, RESULTS_DIR, saveResult, showFigure, summariesOf } from "./lib/results-store.js";

interface ChildReply {
  ok: boolean;
  outcome?: BenchOutcome;
  description?: string;
  error?: string;
}

const CHILD_FLAG = "--run-one";

/** Inside the child: load one file, run its default export, reply to the parent. */
async function runChild(file: string, expectedName: string, args: string[]): Promise<void> {
  const reply = (r: ChildReply) => new Promise<void>((resolve) => process.send!(r, () => resolve()));
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${expectedName}-`));
  try {
    const mod = (await import(file)) as { default?: unknown };
    if (!isBenchmark(mod.default)) {
      throw new Error(`${path.relative(process.cwd(), file)} must \`export default defineBenchmark({...})\` (bench/lib/benchmark.ts)`);
    }
    const bench = mod.default;
    if (bench.name !== expectedName) throw new Error(`bench/${expectedName}.ts names its benchmark "${bench.name}"; the name must match the file name`);
    const outcome = await bench.run({ args, tmpDir, progress: (line) => process.stderr.write(`  ${expectedName}: ${line}\n`) });
    checkOutcome(bench.name, outcome);
    await reply({ ok: true, outcome, description: bench.description });
  } catch (err) {
    await reply({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

function runInChild(b: BenchFile, args: string[]): Promise<ChildReply> {
  return new Promise((resolve) => {
    let reply: ChildReply | undefined;
    const child = fork(new URL(import.meta.url).pathname, [CHILD_FLAG, b.file, b.name, ...args], { stdio: ["inherit", "inherit", "inherit", "ipc"] });
    child.on("message", (m) => (reply = m as ChildReply));
    child.on("exit", (code, signal) => {
      resolve(reply ?? { ok: false, error: `child process ended (${signal ?? `exit code ${code}`}) without reporting a result` });
    });
  });
}

/** `a --x 1 b` → [{name:a, args:[--x,1]}, {name:b, args:[]}]: a known benchmark name starts a group. */
function parseCommandLine(argv: string[], known: ReadonlySet<string>): { name: string; args: string[] }[] {
  const out: { name: string; args: string[] }[] = [];
  for (const a of argv) {
    const current = out[out.length - 1];
    if (known.has(a) || (!a.startsWith("-") && !current)) out.push({ name: a, args: [] });
    else if (!current) throw new Error(`flag ${a} comes before any benchmark name; write: npm run bench -- <name> ${a} …`);
    else current.args.push(a);
  }
  return out;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv[0] === CHILD_FLAG) {
    await runChild(argv[1]!, argv[2]!, argv.slice(3));
    return 0;
  }
  const all = discoverBenchmarks();
  if (argv.includes("--list")) {
    for (const b of all) console.log(b.name);
    return 0;
  }
  const requested = parseCommandLine(argv, new Set(all.map((b) => b.name)));
  const chosen = selectBenchmarks(all, requested.map((r) => r.name));
  console.log(`running ${chosen.length} benchmark(s): ${chosen.map((b) => b.name).join(", ")}  (results → ${path.relative(process.cwd(), RESULTS_DIR)}/)`);
  const summary: string[] = [];
  let failures = 0;
  for (const b of chosen) {
    const args = requested.find((r) => r.name === b.name)?.args ?? [];
    console.log(`\n▶ ${b.name}${args.length ? " " + args.join(" ") : ""}`);
    const started = Date.now();
    const reply = await runInChild(b, args);
    const durationMs = Date.now() - started;
    if (!reply.ok || !reply.outcome) {
      failures++;
      console.log(`✖ ${b.name} failed after ${(durationMs / 1000).toFixed(1)} s:\n${reply.error}`);
      summary.push(`✖ ${b.name.padEnd(18)} FAILED: ${(reply.error ?? "").split("\n")[0]}`);
      continue;
    }
    const o = reply.outcome;
    for (const f of o.figures) console.log(`  ${f.label}: ${showFigure(f)}`);
    console.log(`  baseline — ${o.baseline.label}: ${showFigure(o.baseline)}`);
    console.log(`  ratio: ${o.ratio.toFixed(3)}× (${o.ratioMeaning})`);
    if (o.goal) console.log(`  goal: ${o.goal.text} → ${o.goal.met ? "met" : "NOT met"}`);
    for (const n of o.notes ?? []) console.log(`  note: ${n}`);
    const file = saveResult(
      {
        name: b.name,
        kind: "benchmark",
        description: reply.description ?? "",
        command: `npm run bench -- ${b.name}${args.length ? " " + args.join(" ") : ""}`,
        finishedAt: new Date().toISOString(),
        durationMs,
        machine: machine(),
        figures: o.figures,
        baseline: o.baseline,
        ratio: o.ratio,
        ratioMeaning: o.ratioMeaning,
        ...(o.goal ? { goal: o.goal } : {}),
        distributions: summariesOf(o.samples),
        notes: o.notes ?? [],
      },
      o.samples ?? [],
    );
    const head = o.figures[0]!;
    summary.push(
      `${o.goal && !o.goal.met ? "△" : "✔"} ${b.name.padEnd(18)} ${head.label}: ${formatNumber(head.value)} ${head.unit}  | ${o.ratio.toFixed(2)}× ${o.ratioMeaning}` +
        (o.goal ? `  | goal ${o.goal.met ? "met" : "NOT met"}` : ""),
    );
    console.log(`  → ${path.relative(process.cwd(), file)} (${(durationMs / 1000).toFixed(1)} s)`);
  }
  console.log(`\n══ summary (${chosen.length - failures}/${chosen.length} ran) ══\n${summary.join("\n")}\ntable: ${path.relative(process.cwd(), path.join(RESULTS_DIR, "README.md"))}`);
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 2;
  },
);
