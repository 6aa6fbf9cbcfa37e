// What the press and msg-delay commands share: flags for the target server, workers, pacing,
// seed and time bounds; provisioning; the run; the printed summary; the stored result.
import { parseFlags, usage, UsageError, type FlagSpec, type FlagValues } from "../cli-args.js";
import { stderrPrint } from "../progress.js";
import { seededRandom, type Random } from "../seeded-random.js";
import { latencySamples, reportLines, saveLoadResult } from "./load-report.js";
import type { PlannedClient } from "./plans.js";
import { openTarget, provisionUsers } from "./server-target.js";
import { runTraffic, type TrafficReport } from "./traffic-run.js";

export const commonFlags = {
  workers: { kind: "int", min: 0, help: "worker processes for the clients (0 = all in this process; default 0)" },
  window: { kind: "int", min: 1, help: "messages in flight per client (default 1: wait for each ack)" },
  interval: { kind: "number", min: 0, help: "pause between a client's sends, ms (default 0)" },
  seed: { kind: "int", min: 0, help: "seed of the random choices; printed, pass it back to replay" },
  timeout: { kind: "number", min: 1, help: "bound on the whole run, s (default 1800: 1000×100 took 7–9 min on a loaded 2-core VM)" },
  drain: { kind: "number", min: 0, help: "after the last ack, wait this long for pushes, s (default 30)" },
  gzip: { kind: "bool", help: "gzip frames like the SDK does (default on; --no-gzip to disable)" },
  ws: { kind: "string", help: "gateway of a running server (default: start a devserver in this process)" },
  api: { kind: "string", help: "API address of that server (with --ws)" },
  secret: { kind: "string", help: "admin secret of that server (default openIM123)" },
  save: { kind: "bool", help: "write bench/results/<name>.json (default on; --no-save)" },
  help: { kind: "bool", help: "print this help" },
} satisfies FlagSpec;

export interface LoadCommand<S extends FlagSpec> {
  name: string;
  description: string;
  flags: S;
  /** How many users the run needs, from the parsed flags. */
  users(f: FlagValues<S & typeof commonFlags>): number;
  plan(userIDs: string[], f: FlagValues<S & typeof commonFlags>, rng: Random): PlannedClient[];
  /** Extra output after the summary (e.g. a histogram); returns notes to store. */
  after?(r: TrafficReport, print: (l: string) => void): string[];
}

/** Parses, runs, prints, saves; resolves with the process exit code (0 = passed). */
export async function runLoadCommand<S extends FlagSpec>(cmd: LoadCommand<S>, argv: string[]): Promise<number> {
  const spec = { ...cmd.flags, ...commonFlags } as S & typeof commonFlags;
  let f: FlagValues<S & typeof commonFlags>;
  try {
    f = parseFlags(argv, spec);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${cmd.name}: ${err.message}\n${usage(`npm run ${cmd.name} --`, spec)}`);
    return 2;
  }
  if (f.help) {
    console.log(`${cmd.description}\n${usage(`npm run ${cmd.name} --`, spec)}`);
    return 0;
  }
  const started = Date.now();
  const rng = seededRandom(f.seed as number | undefined);
  const n = cmd.users(f);
  const target = await openTarget({ wsAddr: f.ws as string | undefined, apiAddr: f.api as string | undefined, secret: f.secret as string | undefined });
  console.log(`${cmd.name}: seed ${rng.seed} (replay with --seed ${rng.seed}); server ${target.wsAddr}${target.devserver ? " (in-process devserver)" : ""}`);
  let report: TrafficReport;
  try {
    const prefix = cmd.name.replace(/-/g, "");
    const userIDs = Array.from({ length: n }, (_, i) => `${prefix}_${rng.seed}_${started.toString(36)}_${i}`);
    stderrPrint(`  registering ${n} users and fetching tokens…`);
    const tokens = await provisionUsers(target, userIDs, 5, (done) => stderrPrint(`  tokens ${done}/${n}`));
    const planned = cmd.plan(userIDs, f, rng);
    report = await runTraffic({
      wsAddr: target.wsAddr,
      clients: planned.map((p) => ({ ...p, token: tokens.get(p.userID)! })),
      workers: (f.workers as number | undefined) ?? 0,
      window: (f.window as number | undefined) ?? 1,
      intervalMs: (f.interval as number | undefined) ?? 0,
      gzip: (f.gzip as boolean | undefined) ?? true,
      timeoutMs: ((f.timeout as number | undefined) ?? 1800) * 1000,
      drainTimeoutMs: ((f.drain as number | undefined) ?? 30) * 1000,
      print: stderrPrint,
    });
  } finally {
    await target.close();
  }
  const print = (l: string) => console.log(l);
  console.log(`\n══ ${cmd.name} summary ══`);
  for (const l of reportLines(report)) print(l);
  const notes = [`seed ${rng.seed}`, ...(cmd.after?.(report, print) ?? [])];
  if (f.save ?? true) {
    const command = `npm run ${cmd.name} -- ${argv.join(" ")}`.trim();
    const file = saveLoadResult(cmd.name, cmd.description, command, started, report, notes);
    print(`result → ${file}${latencySamples(report).length ? " (+ .svg)" : ""}`);
  }
  return report.verdict.passed ? 0 : 1;
}

export function exitWith(p: Promise<number>): void {
  p.then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 2;
    },
  );
}
