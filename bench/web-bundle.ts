// Web bundle size: the esbuild bundle of bindings/web (minified ESM), gzip-compressed, alone and
// with sql.js's wasm, against the 80 KB gz goal for the JS. Sizes do not depend on machine speed,
// so the baseline in the same run is sql.js's own JS glue (what any sql.js app ships anyway).
//   npm run bench -- web-bundle
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Metafile } from "esbuild";
import { buildWebBundle, sqlJsWasmPath } from "../bindings/web/build.js";
import { defineBenchmark } from "./lib/benchmark.js";

const GOAL_GZ_JS = 80 * 1024;

const gz = (bytes: Uint8Array): number => gzipSync(bytes, { level: 9 }).byteLength;
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

export interface WebBundleResult {
  name: "web-bundle";
  date: string;
  node: string;
  figures: { jsMinifiedBytes: number; jsGzipBytes: number; wasmBytes: number; wasmGzipBytes: number; totalGzipBytes: number };
  baseline: { what: string; gzipBytes: number };
  goal: { jsGzipBytesAtMost: number; met: boolean; ratioToGoal: number };
  minifiedBytesByArea: Record<string, number>;
}

/** Builds the bundle into a temp dir and measures it; writes nothing else. */
export async function measureWebBundle(): Promise<WebBundleResult> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "openim-web-bench-"));
  try {
    const bundle = await buildWebBundle({ outDir });
    // The sourcemap comment is not code; measure what a page downloads.
    const js = new TextEncoder().encode(fs.readFileSync(bundle.jsPath, "utf8").replace(/\n\/\/# sourceMappingURL=.*\n?$/, "\n"));
    const wasm = fs.readFileSync(bundle.wasmPath);
    const sqljsGlue = fs.readFileSync(path.join(path.dirname(sqlJsWasmPath()), "sql-wasm.js"));
    const jsGzipBytes = gz(js);
    const wasmGzipBytes = gz(wasm);
    return {
      name: "web-bundle",
      date: new Date().toISOString(),
      node: process.version,
      figures: { jsMinifiedBytes: js.byteLength, jsGzipBytes, wasmBytes: wasm.byteLength, wasmGzipBytes, totalGzipBytes: jsGzipBytes + wasmGzipBytes },
      baseline: { what: "sql.js JS glue (sql-wasm.js), gzip -9", gzipBytes: gz(sqljsGlue) },
      goal: { jsGzipBytesAtMost: GOAL_GZ_JS, met: jsGzipBytes <= GOAL_GZ_JS, ratioToGoal: +(jsGzipBytes / GOAL_GZ_JS).toFixed(3) },
      minifiedBytesByArea: bytesByArea(bundle.metafile),
    };
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

/** Minified bytes per source area (top two path segments, or npm package), largest first. */
function bytesByArea(metafile: Metafile): Record<string, number> {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined);
  const byArea = new Map<string, number>();
  for (const [file, info] of Object.entries(output?.inputs ?? {})) {
    const area = file.includes("node_modules/") ? `npm:${file.split("node_modules/")[1]!.split("/")[0]}` : file.split("/").slice(0, 2).join("/");
    byArea.set(area, (byArea.get(area) ?? 0) + info.bytesInOutput);
  }
  return Object.fromEntries([...byArea].sort((a, b) => b[1] - a[1]));
}

export default defineBenchmark({
  name: "web-bundle",
  description: "bindings/web esbuild bundle (minified ESM), gzip -9, alone and with sql.js wasm, vs sql.js's own JS glue",
  async run() {
    const r = await measureWebBundle();
    const f = r.figures;
    const bytes = (label: string, value: number) => ({ label, value, unit: "B", better: "lower" as const });
    return {
      figures: [
        bytes("JS bundle, gzip", f.jsGzipBytes),
        bytes("JS bundle, minified", f.jsMinifiedBytes),
        bytes("sql-wasm.wasm, gzip", f.wasmGzipBytes),
        bytes("JS + wasm, gzip", f.totalGzipBytes),
      ],
      baseline: bytes(r.baseline.what, r.baseline.gzipBytes),
      ratio: f.jsGzipBytes / r.baseline.gzipBytes,
      ratioMeaning: "× the size of sql.js's JS glue (lower is better)",
      goal: { text: `JS ≤ ${kb(GOAL_GZ_JS)} gz (${r.goal.ratioToGoal}× the goal)`, met: r.goal.met },
      notes: [`minified bytes by area: ${Object.entries(r.minifiedBytesByArea).slice(0, 8).map(([a, n]) => `${a} ${kb(n)}`).join(", ")}`],
    };
  },
});
