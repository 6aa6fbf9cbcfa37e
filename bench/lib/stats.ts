// Order statistics for latency distributions (nearest-rank percentiles, no interpolation, so
// every reported value is one that was really measured).

export interface Summary {
  count: number;
  min: number;
  max: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error("percentile of an empty sample");
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be within 0..100, got ${p}`);
  // The epsilon keeps float noise (99.9 / 100 * 1000 = 999.0000000001) from skipping a rank.
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100 - 1e-9));
  return sorted[rank - 1]!;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error("summarize: no values");
  const sorted = [...values].sort((a, b) => a - b);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    mean: sum / sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
  };
}

export interface Bin {
  from: number;
  to: number;
  count: number;
}

/**
 * Equal-width bins from min to the p99.9 value (so one outlier does not flatten the chart);
 * values above land in the last bin, which is then marked open-ended by `overflow`.
 */
export function histogram(values: readonly number[], bins = 30): { bins: Bin[]; overflow: number } {
  if (values.length === 0) throw new Error("histogram: no values");
  const sorted = [...values].sort((a, b) => a - b);
  const lo = sorted[0]!;
  const hi = percentile(sorted, 99.9);
  const width = hi > lo ? (hi - lo) / bins : 1;
  const out: Bin[] = Array.from({ length: bins }, (_, i) => ({ from: lo + i * width, to: lo + (i + 1) * width, count: 0 }));
  let overflow = 0;
  for (const v of sorted) {
    if (v > hi) overflow++;
    const i = Math.min(bins - 1, Math.floor((v - lo) / width));
    out[i]!.count++;
  }
  return { bins: out, overflow };
}

/** A few-line text histogram for terminals. */
export function textHistogram(values: readonly number[], unit: string, bins = 12, width = 40): string {
  const { bins: hs, overflow } = histogram(values, bins);
  const most = Math.max(...hs.map((b) => b.count));
  const lines = hs.map((b, i) => {
    const bar = "#".repeat(most === 0 ? 0 : Math.round((b.count / most) * width));
    const upper = i === hs.length - 1 && overflow > 0 ? "+∞" : b.to.toFixed(2);
    return `${b.from.toFixed(2).padStart(9)} – ${upper.padEnd(9)} ${unit} │${bar} ${b.count}`;
  });
  return lines.join("\n");
}

export const round = (v: number, digits = 3): number => Number(v.toFixed(digits));
