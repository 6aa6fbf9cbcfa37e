// bench/results/: one JSON file per benchmark or load test (the latest run), an SVG chart for
// each recorded distribution, and a README.md table regenerated from all JSON files present.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Figure, Samples } from "./benchmark.js";
import { round, summarize, type Summary } from "./stats.js";
import { latencyChartSvg } from "./svg-chart.js";

/** bench/results, or BENCH_RESULTS_DIR (tests of the runner write elsewhere). */
export const RESULTS_DIR = process.env["BENCH_RESULTS_DIR"] ?? path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "results");

export interface ResultRecord {
  name: string;
  kind: "benchmark" | "load-test";
  description: string;
  /** The command that produced it, to rerun. */
  command: string;
  finishedAt: string;
  durationMs: number;
  /** loadAverage: the 1/5/15-minute load when the run ended — figures from a busy machine say so. */
  machine: { node: string; platform: string; cpus: number; cpuModel: string; loadAverage?: number[] };
  figures: Figure[];
  baseline?: Figure;
  ratio?: number;
  ratioMeaning?: string;
  goal?: { text: string; met: boolean };
  /** Load tests: the correctness verdict (0 lost, exactly once). */
  passed?: boolean;
  distributions: { label: string; unit: string; summary: Summary }[];
  /** File name of the chart next to the JSON, when there were samples. */
  chart?: string;
  notes: string[];
}

export function machine(): ResultRecord["machine"] {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    loadAverage: os.loadavg().map((l) => round(l, 2)),
  };
}

export function summariesOf(samples: readonly Samples[] = []): ResultRecord["distributions"] {
  return samples.map((s) => {
    const sum = summarize(s.values);
    const r = (v: number) => round(v, 4);
    return { label: s.label, unit: s.unit, summary: { ...sum, min: r(sum.min), max: r(sum.max), mean: r(sum.mean), p50: r(sum.p50), p90: r(sum.p90), p99: r(sum.p99) } };
  });
}

/** Writes <name>.json (and <name>.svg for samples), then regenerates README.md. Returns the JSON path. */
export function saveResult(record: ResultRecord, samples: readonly Samples[] = [], dir = RESULTS_DIR): string {
  fs.mkdirSync(dir, { recursive: true });
  const withChart: ResultRecord = { ...record };
  if (samples.length > 0) {
    withChart.chart = `${record.name}.svg`;
    fs.writeFileSync(path.join(dir, withChart.chart), latencyChartSvg(`${record.name}: ${record.description}`, samples));
  }
  const file = path.join(dir, `${record.name}.json`);
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(withChart, null, 2) + "\n");
  fs.renameSync(tmp, file);
  writeReadme(dir);
  return file;
}

export function loadResults(dir = RESULTS_DIR): ResultRecord[] {
  if (!fs.existsSync(dir)) return [];
  const out: ResultRecord[] = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".json")).sort()) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
    } catch (err) {
      throw new Error(`bench/results/${f} is not valid JSON (${(err as Error).message}); delete it and rerun its benchmark`);
    }
    // Files written by scripts before they followed the runner contract have another shape: left
    // out of the table (and said so) rather than failing the run that is about to replace them.
    const kind = (parsed as Partial<ResultRecord> | null)?.kind;
    if (kind !== "benchmark" && kind !== "load-test") {
      process.stderr.write(`bench/results/${f} is not a runner record (no kind); left out of the table — rerun its benchmark to replace it\n`);
      continue;
    }
    out.push(parsed as ResultRecord);
  }
  return out;
}

export const showFigure = (f: Figure): string => `${formatNumber(f.value)} ${f.unit}`;

export function formatNumber(v: number): string {
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString("en-US");
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  return v.toPrecision(3);
}

function row(r: ResultRecord): string {
  const head = r.figures[0]!;
  const arrow = (head.better ?? "higher") === "higher" ? "↑" : "↓";
  const goal = r.goal ? `${r.goal.met ? "✅" : "❌"} ${r.goal.text}` : r.passed === undefined ? "" : r.passed ? "✅ passed" : "❌ FAILED";
  const cells = [
    `\`${r.name}\``,
    `${head.label}: **${showFigure(head)}** ${arrow}`,
    r.baseline ? `${r.baseline.label}: ${showFigure(r.baseline)}` : "—",
    r.ratio === undefined ? "—" : `${r.ratio.toFixed(2)}× ${r.ratioMeaning ?? ""}`.trim(),
    goal,
    r.chart ? `[svg](${r.chart})` : "",
    r.finishedAt.slice(0, 16).replace("T", " "),
  ];
  return `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
}

function details(r: ResultRecord): string {
  const lines = [`### ${r.name}`, "", r.description, "", `Command: \`${r.command}\` — ${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}, ${(r.durationMs / 1000).toFixed(1)} s${r.machine.loadAverage ? `, load average ${r.machine.loadAverage.join(" / ")} at the end` : ""}`, ""];
  for (const f of r.figures) lines.push(`- ${f.label}: ${showFigure(f)}`);
  for (const d of r.distributions) {
    const s = d.summary;
    lines.push(`- ${d.label} (${d.unit}): n=${s.count} p50=${formatNumber(s.p50)} p90=${formatNumber(s.p90)} p99=${formatNumber(s.p99)} max=${formatNumber(s.max)}`);
  }
  for (const n of r.notes) lines.push(`- note: ${n}`);
  if (r.chart) lines.push("", `![${r.name}](${r.chart})`);
  return lines.join("\n");
}

export function renderReadme(records: readonly ResultRecord[]): string {
  const header = "| name | headline | baseline (same run) | ratio | goal / verdict | chart | finished (UTC) |\n|---|---|---|---|---|---|---|";
  const section = (title: string, rs: readonly ResultRecord[]) => (rs.length === 0 ? [] : [`## ${title}`, "", header, ...rs.map(row), ""]);
  const benches = records.filter((r) => r.kind === "benchmark");
  const loads = records.filter((r) => r.kind === "load-test");
  return [
    "# Benchmark results",
    "",
    "Generated by `bench/lib/results-store.ts` from the JSON files in this folder — do not edit by hand.",
    "Each row is the latest run of that benchmark. Compare **ratios** across machines, not absolute figures:",
    "the baseline is measured in the same run on the same machine.",
    "",
    ...section("Benchmarks (`npm run bench`)", benches),
    ...section("Load tests (`npm run press`, `npm run msg-delay`)", loads),
    "## Details",
    "",
    ...records.map((r) => details(r) + "\n"),
  ].join("\n");
}

export function writeReadme(dir = RESULTS_DIR): void {
  fs.writeFileSync(path.join(dir, "README.md"), renderReadme(loadResults(dir)));
}
