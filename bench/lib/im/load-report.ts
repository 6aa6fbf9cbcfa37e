// The end-of-run summary of a load test (press, msg-delay): what was sent, acknowledged and
// received, the verdict, throughput and latency, printed and stored in bench/results/.
import type { Figure, Samples } from "../benchmark.js";
import { machine, saveResult, summariesOf } from "../results-store.js";
import { round, summarize } from "../stats.js";
import type { TrafficReport } from "./traffic-run.js";

export function reportLines(r: TrafficReport): string[] {
  const v = r.verdict;
  const lines = [
    `sent ${v.sent}  acked ${v.acked}  failed ${v.failed}  received ${v.received}  (self echoes ${r.ledger.echoes})`,
    `lost ${v.lost.length}  duplicated ${v.duplicated.length}  misdelivered ${v.misdelivered}  received-unacked ${v.receivedUnacked}`,
    `connect ${(r.connectMs / 1000).toFixed(2)} s  send ${(r.sendMs / 1000).toFixed(2)} s  drain ${(r.drainMs / 1000).toFixed(2)} s  →  ${r.ackRate.toFixed(0)} acked msgs/s`,
  ];
  if (r.ledger.ackMs.length) {
    const a = summarize(r.ledger.ackMs);
    lines.push(`send→ack ms       p50 ${a.p50.toFixed(2)}  p90 ${a.p90.toFixed(2)}  p99 ${a.p99.toFixed(2)}  max ${a.max.toFixed(2)}`);
  }
  if (r.ledger.deliveryMs.length) {
    const d = summarize(r.ledger.deliveryMs);
    lines.push(`send→receive ms   p50 ${d.p50.toFixed(2)}  p90 ${d.p90.toFixed(2)}  p99 ${d.p99.toFixed(2)}  max ${d.max.toFixed(2)}`);
  }
  for (const l of v.lost.slice(0, 5)) lines.push(`  LOST ${l.clientMsgID} ${l.from}→${l.to}`);
  for (const d of v.duplicated.slice(0, 5)) lines.push(`  DUPLICATE ${d.clientMsgID} at ${d.to} ×${d.times}`);
  for (const f of r.firstFailures) lines.push(`  failed send: ${f}`);
  if (r.abortedBecause) lines.push(`ABORTED: ${r.abortedBecause}`);
  lines.push(v.passed ? "PASSED: 0 lost, every acknowledged message received exactly once" : "FAILED");
  return lines;
}

export function latencySamples(r: TrafficReport): Samples[] {
  const out: Samples[] = [];
  if (r.ledger.deliveryMs.length) out.push({ label: "send→receive", unit: "ms", values: r.ledger.deliveryMs });
  if (r.ledger.ackMs.length) out.push({ label: "send→ack", unit: "ms", values: r.ledger.ackMs });
  return out;
}

export function saveLoadResult(name: string, description: string, command: string, started: number, r: TrafficReport, notes: string[]): string {
  const v = r.verdict;
  const figures: Figure[] = [
    { label: "acked throughput", value: round(r.ackRate, 1), unit: "msgs/s" },
    { label: "sent", value: v.sent, unit: "msgs" },
    { label: "acked", value: v.acked, unit: "msgs" },
    { label: "received", value: v.received, unit: "msgs" },
    { label: "lost", value: v.lost.length, unit: "msgs", better: "lower" },
    { label: "duplicated", value: v.duplicated.length, unit: "msgs", better: "lower" },
    { label: "failed sends", value: v.failed, unit: "msgs", better: "lower" },
  ];
  if (r.ledger.deliveryMs.length) {
    const d = summarize(r.ledger.deliveryMs);
    figures.push({ label: "send→receive p50", value: round(d.p50), unit: "ms", better: "lower" }, { label: "send→receive p99", value: round(d.p99), unit: "ms", better: "lower" });
  }
  const samples = latencySamples(r);
  return saveResult(
    {
      name,
      kind: "load-test",
      description,
      command,
      finishedAt: new Date().toISOString(),
      durationMs: Date.now() - started,
      machine: machine(),
      figures,
      passed: v.passed,
      distributions: summariesOf(samples),
      notes: r.abortedBecause ? [...notes, `aborted: ${r.abortedBecause}`] : notes,
    },
    samples,
  );
}
