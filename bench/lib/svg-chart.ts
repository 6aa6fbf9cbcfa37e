// A dependency-free SVG chart for latency distributions: the first sample set as a histogram
// (bars, left axis = count) and every set as a CDF line (right axis = 0..100 %), so a
// benchmark's figure and its baseline can be read off the same picture. The x axis turns
// logarithmic when the values span more than ~1.5 decades.
import type { Samples } from "./benchmark.js";
import { histogram, percentile } from "./stats.js";

const W = 720;
const H = 360;
const M = { left: 56, right: 56, top: 40, bottom: 48 };
const COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
const fmt = (v: number) => (v === 0 ? "0" : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

/** Ticks at 1/2/5 × 10^k steps, about `n` of them. */
function ticks(lo: number, hi: number, n = 6): number[] {
  const span = hi - lo || 1;
  const raw = span / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** Log ticks: 1/2/5 × 10^k within [lo, hi]. */
function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** k;
      if (v >= lo && v <= hi) out.push(Number(v.toPrecision(12)));
    }
  }
  return out;
}

export function latencyChartSvg(title: string, sets: readonly Samples[]): string {
  if (sets.length === 0 || sets.some((s) => s.values.length === 0)) throw new Error("latencyChartSvg: every sample set needs values");
  const unit = sets[0]!.unit;
  const sortedSets = sets.map((s) => [...s.values].sort((a, b) => a - b));
  // Clip the x axis at the largest p99.9 so a single stall does not squash everything else.
  const hiClip = Math.max(...sortedSets.map((v) => percentile(v, 99.9))) * 1.05 || 1;
  const positiveMin = Math.min(...sortedSets.map((v) => v.find((x) => x > 0) ?? hiClip));
  // Latency tails span decades: when they do, a log axis keeps both the body and the tail readable.
  const log = sortedSets.every((v) => v[0]! > 0) && hiClip / Math.max(positiveMin, 1e-9) > 30;
  const xMin = log ? 10 ** Math.floor(Math.log10(positiveMin)) : Math.min(0, ...sortedSets.map((v) => v[0]!));
  const xMax = hiClip;
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const t = (v: number) => (log ? Math.log10(Math.max(v, xMin)) : v);
  const x = (v: number) => M.left + ((t(Math.min(v, xMax)) - t(xMin)) / (t(xMax) - t(xMin))) * pw;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`);
  parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  parts.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${esc(title)}</text>`);

  // Histogram of the first set, binned evenly along the axis as drawn (linear or log).
  const first = sortedSets[0]!;
  const { bins: axisBins } = histogram(first.filter((v) => v <= xMax).map(t), 40);
  const bins = axisBins.map((b) => ({ from: log ? 10 ** b.from : b.from, to: log ? 10 ** b.to : b.to, count: b.count }));
  const most = Math.max(1, ...bins.map((b) => b.count));
  for (const b of bins) {
    const h = (b.count / most) * ph;
    parts.push(`<rect x="${x(b.from).toFixed(1)}" y="${(M.top + ph - h).toFixed(1)}" width="${Math.max(0.5, x(b.to) - x(b.from) - 0.5).toFixed(1)}" height="${h.toFixed(1)}" fill="${COLOURS[0]}" fill-opacity="0.25"/>`);
  }

  // CDF of every set.
  sortedSets.forEach((values, i) => {
    const step = Math.max(1, Math.floor(values.length / 400));
    const pts: string[] = [];
    for (let k = 0; k < values.length; k += step) pts.push(`${x(values[k]!).toFixed(1)},${(M.top + ph - ((k + 1) / values.length) * ph).toFixed(1)}`);
    pts.push(`${x(values[values.length - 1]!).toFixed(1)},${M.top}`);
    parts.push(`<polyline points="${pts.join(" ")}" fill="none" stroke="${COLOURS[i % COLOURS.length]}" stroke-width="1.8"/>`);
  });

  // Axes and ticks.
  parts.push(`<line x1="${M.left}" y1="${M.top + ph}" x2="${M.left + pw}" y2="${M.top + ph}" stroke="black"/>`);
  parts.push(`<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${M.top + ph}" stroke="black"/>`);
  parts.push(`<line x1="${M.left + pw}" y1="${M.top}" x2="${M.left + pw}" y2="${M.top + ph}" stroke="black"/>`);
  for (const tick of log ? logTicks(xMin, xMax) : ticks(xMin, xMax)) {
    parts.push(`<line x1="${x(tick).toFixed(1)}" y1="${M.top + ph}" x2="${x(tick).toFixed(1)}" y2="${M.top + ph + 4}" stroke="black"/>`);
    parts.push(`<text x="${x(tick).toFixed(1)}" y="${M.top + ph + 16}" text-anchor="middle">${String(Number(tick.toPrecision(3)))}</text>`);
  }
  parts.push(`<text x="${M.left + pw / 2}" y="${H - 10}" text-anchor="middle">${esc(unit)}${log ? " (log scale)" : ""}</text>`);
  for (const tick of ticks(0, most, 4)) {
    const yy = M.top + ph - (tick / most) * ph;
    parts.push(`<text x="${M.left - 6}" y="${(yy + 4).toFixed(1)}" text-anchor="end">${tick}</text>`);
  }
  parts.push(`<text transform="translate(14 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle">count (${esc(sets[0]!.label)})</text>`);
  for (const p of [0, 25, 50, 75, 90, 100]) {
    const yy = M.top + ph - (p / 100) * ph;
    parts.push(`<text x="${M.left + pw + 6}" y="${(yy + 4).toFixed(1)}">${p}%</text>`);
  }

  // Legend with p50/p99 of each set.
  sets.forEach((s, i) => {
    const v = sortedSets[i]!;
    const label = `${s.label}: n=${v.length} p50=${fmt(percentile(v, 50))} p99=${fmt(percentile(v, 99))} ${s.unit}`;
    const ly = M.top + 14 + i * 16;
    parts.push(`<line x1="${M.left + 10}" y1="${ly - 4}" x2="${M.left + 30}" y2="${ly - 4}" stroke="${COLOURS[i % COLOURS.length]}" stroke-width="2"/>`);
    parts.push(`<text x="${M.left + 36}" y="${ly}">${esc(label)} (CDF)</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}
