// Writing generated/ atomically and checking it for staleness.
import fs from "node:fs";
import path from "node:path";
import type { GeneratedFile } from "./ir/index.js";

/** Every file under `dir`, relative, with forward slashes, sorted. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk("");
  return out.sort();
}

export interface StaleReport {
  changed: string[];
  missing: string[];
  extra: string[];
}

export function checkOutput(outDir: string, files: GeneratedFile[]): StaleReport {
  const onDisk = new Set(listFiles(outDir));
  const report: StaleReport = { changed: [], missing: [], extra: [] };
  for (const f of files) {
    if (!onDisk.has(f.path)) report.missing.push(f.path);
    else if (fs.readFileSync(path.join(outDir, f.path), "utf8") !== f.content) report.changed.push(f.path);
    onDisk.delete(f.path);
  }
  report.extra = [...onDisk].sort();
  return report;
}

/**
 * Replace `outDir` with exactly `files`. The new tree is written next to it first and swapped in
 * with renames, so a crash or an error never leaves a half-written generated/.
 */
export function writeOutput(outDir: string, files: GeneratedFile[]): void {
  const parent = path.dirname(path.resolve(outDir));
  const base = path.basename(outDir);
  const staging = path.join(parent, `.${base}.staging-${process.pid}`);
  const retired = path.join(parent, `.${base}.old-${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  for (const f of files) {
    const target = path.join(staging, f.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, f.content);
  }
  fs.mkdirSync(staging, { recursive: true });
  const hadOld = fs.existsSync(outDir);
  if (hadOld) fs.renameSync(outDir, retired);
  fs.renameSync(staging, outDir);
  if (hadOld) fs.rmSync(retired, { recursive: true, force: true });
}
