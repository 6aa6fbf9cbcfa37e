// Parse every schema file once into the IR. Each half of the schema has its own parser;
// both return diagnostics instead of throwing so that all errors are reported in one run.
import path from "node:path";
import type { Diagnostic, SchemaIR } from "../ir/index.js";
import { parseProtocol } from "./protocol.js";

export interface ParseOptions {
  /** Repository root; diagnostics print paths relative to it. */
  rootDir: string;
  /** The schema folder (usually `<rootDir>/schema`). */
  schemaDir: string;
  /**
   * Order in which schema files are handed to the parsers. Only used by the determinism test,
   * which checks that output does not depend on it.
   */
  fileOrder?: "sorted" | "reversed";
}

export type ParseResult = { ok: true; ir: SchemaIR } | { ok: false; diagnostics: Diagnostic[] };

export function parseSchema(opts: ParseOptions): ParseResult {
  const diagnostics: Diagnostic[] = [];
  const protocol = parseProtocol({
    rootDir: opts.rootDir,
    protocolDir: path.join(opts.schemaDir, "protocol"),
    ...(opts.fileOrder ? { fileOrder: opts.fileOrder } : {}),
  });
  diagnostics.push(...protocol.diagnostics);
  if (diagnostics.length > 0) return { ok: false, diagnostics: sortDiagnostics(diagnostics) };
  return {
    ok: true,
    ir: { modules: [], listeners: [], tables: [], types: [], protocol: protocol.ir },
  };
}

/** By file, line, column, then message, so every run prints the same list. */
function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => [d.file, d.line, d.col, d.message] as const;
  return [...list].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    }
    return 0;
  });
}
