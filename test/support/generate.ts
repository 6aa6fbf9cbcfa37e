// Generates a schema folder into a throwaway tree under .data/ that mirrors the repository layout
// (generated/ next to a link to runtime/), so the generated code can be imported and run.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { writeOutput } from "../../codegen/output.js";
import { runCodegen } from "../../codegen/pipeline.js";

const repoRoot = path.resolve(import.meta.dirname, "../..");

export function generateInto(schemaDir: string, label: string): { dir: string; url: (rel: string) => string; cleanup: () => void } {
  const result = runCodegen({ rootDir: path.dirname(schemaDir), schemaDir });
  if (!result.ok) throw new Error(`schema errors in ${schemaDir}: ${result.diagnostics.map((d) => d.message).join("; ")}`);
  const base = path.join(repoRoot, ".data");
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, `gen-${label}-`));
  writeOutput(path.join(dir, "generated"), result.files);
  fs.symlinkSync(path.join(repoRoot, "runtime"), path.join(dir, "runtime"), "dir");
  return {
    dir,
    url: (rel) => pathToFileURL(path.join(dir, "generated", rel)).href,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
