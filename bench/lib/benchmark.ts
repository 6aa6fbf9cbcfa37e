// The contract every `bench/*.ts` benchmark follows so `npm run bench` can find, run and report
// it. A benchmark measures its own figure AND a baseline in the same run: these machines are
// noisy, so only the ratio between the two is comparable across runs and machines.

export interface Figure {
  label: string;
  value: number;
  unit: string;
  /** Which direction is good; drives the README arrow. Default "higher". */
  better?: "higher" | "lower";
}

/** Raw measurements of one distribution (e.g. latencies in ms); the runner charts them as SVG. */
export interface Samples {
  label: string;
  unit: string;
  values: number[];
}

export interface BenchOutcome {
  /** The first figure is the headline; the rest are printed and stored as detail. */
  figures: Figure[];
  /** Measured in the same run, on the same machine, in the headline's unit. */
  baseline: Figure;
  /** headline ÷ baseline (or the inverse for lower-is-better figures; say which in `ratioMeaning`). */
  ratio: number;
  /** e.g. "SDK sends per raw ws echo". */
  ratioMeaning: string;
  /** The goal for this benchmark, judged by the benchmark itself. */
  goal?: { text: string; met: boolean };
  /** Distributions to chart (latency benchmarks). */
  samples?: Samples[];
  notes?: string[];
}

export interface BenchContext {
  /** Arguments after the benchmark's name on the command line (`npm run bench -- name --x 1`). */
  args: string[];
  /** One progress line (the runner prefixes the benchmark's name); use it on anything > 1 s. */
  progress(line: string): void;
  /** A fresh temporary directory, removed after the run. */
  tmpDir: string;
}

export interface Benchmark {
  readonly kind: "openim-benchmark";
  /** File-name-like: lower case, digits and dashes. It names bench/results/<name>.json. */
  name: string;
  /** One line: what is measured against what. */
  description: string;
  run(ctx: BenchContext): Promise<BenchOutcome>;
}

const NAME = /^[a-z][a-z0-9-]*$/;

export function defineBenchmark(def: Omit<Benchmark, "kind">): Benchmark {
  if (!NAME.test(def.name)) {
    throw new Error(`defineBenchmark: name ${JSON.stringify(def.name)} must be lower case letters, digits and dashes (it becomes bench/results/<name>.json)`);
  }
  if (!def.description) throw new Error(`defineBenchmark(${def.name}): give a one-line description of what is measured against what`);
  if (typeof def.run !== "function") throw new Error(`defineBenchmark(${def.name}): run(ctx) must be a function returning the outcome`);
  return { kind: "openim-benchmark", ...def };
}

export function isBenchmark(value: unknown): value is Benchmark {
  return typeof value === "object" && value !== null && (value as Benchmark).kind === "openim-benchmark";
}

/** Throws a clear error for an outcome the runner cannot report honestly. */
export function checkOutcome(name: string, o: BenchOutcome): void {
  const bad = (what: string) => new Error(`benchmark ${name}: ${what}`);
  if (!Array.isArray(o.figures) || o.figures.length === 0) throw bad("returned no figures; the first one is the headline");
  for (const f of [...o.figures, o.baseline]) {
    if (!f || typeof f.label !== "string" || typeof f.unit !== "string" || !Number.isFinite(f.value)) {
      throw bad(`figure ${JSON.stringify(f)} needs a label, a unit and a finite value`);
    }
  }
  if (!Number.isFinite(o.ratio)) throw bad(`ratio ${o.ratio} is not a finite number (baseline 0?)`);
  for (const s of o.samples ?? []) {
    if (s.values.length === 0) throw bad(`samples "${s.label}" are empty`);
  }
}
