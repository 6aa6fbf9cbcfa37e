// Finds the benchmarks: every bench/<name>.ts whose source calls defineBenchmark(. Files are
// not imported to be listed (some bench scripts are CLIs that run on import); the file name
// is the benchmark's name, and the runner checks the two agree when it loads one.
import fs from "node:fs";
import path from "node:path";

/** bench/, or BENCH_DIR (tests of the runner point it at fixtures). */
export const BENCH_DIR = process.env["BENCH_DIR"] ?? path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

export interface BenchFile {
  name: string;
  file: string;
}

export function discoverBenchmarks(dir = BENCH_DIR): BenchFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && f !== "run.ts")
    .map((f) => ({ name: f.slice(0, -3), file: path.join(dir, f) }))
    .filter((b) => /\bdefineBenchmark\s*\(/.test(fs.readFileSync(b.file, "utf8")))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Picks the requested ones, refusing unknown names with the list of known ones. */
export function selectBenchmarks(all: readonly BenchFile[], names: readonly string[]): BenchFile[] {
  if (names.length === 0) return [...all];
  return names.map((n) => {
    const b = all.find((x) => x.name === n);
    if (!b) throw new Error(`no benchmark named "${n}"; known: ${all.map((x) => x.name).join(", ") || "(none: no bench/*.ts calls defineBenchmark)"}`);
    return b;
  });
}
