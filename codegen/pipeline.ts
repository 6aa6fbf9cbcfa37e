// schema/ -> IR -> generated files. The CLI, the tests and the benchmark all go through here.
import { emitters } from "./emitters/index.js";
import type { Diagnostic, GeneratedFile, SchemaIR } from "./ir/index.js";
import { parseSchema, type ParseOptions } from "./parse/index.js";
import { checkSqlCompiles } from "./sql-check.js";

export type CodegenResult =
  | { ok: true; ir: SchemaIR; files: GeneratedFile[] }
  | { ok: false; diagnostics: Diagnostic[] };

export function runCodegen(opts: ParseOptions): CodegenResult {
  const parsed = parseSchema(opts);
  if (!parsed.ok) return parsed;
  const sqlErrors = checkSqlCompiles(parsed.ir);
  if (sqlErrors.length > 0) return { ok: false, diagnostics: sqlErrors };
  const files: GeneratedFile[] = [];
  const seen = new Set<string>();
  for (const emitter of emitters) {
    for (const file of emitter.emit(parsed.ir)) {
      if (seen.has(file.path)) throw new Error(`codegen: two emitters wrote ${file.path} (second: ${emitter.name})`);
      seen.add(file.path);
      files.push(file);
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ok: true, ir: parsed.ir, files };
}
