// Parse every schema file once into the IR. Each half of the schema has its own parser;
// both return diagnostics instead of throwing so that all errors are reported in one run.
import fs from "node:fs";
import path from "node:path";
import type { Diagnostic, SchemaIR } from "../ir/index.js";
import { parseProtocol } from "./protocol.js";
import { parseApiSchema, type SchemaFile } from "./schema.js";

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

/** `schema/protocol/` holds .proto files and the route table; it has its own parser. */
const PROTOCOL_DIR = "protocol";

export function parseSchema(opts: ParseOptions): ParseResult {
  const files = listTsFiles(opts.schemaDir).map(
    (rel): SchemaFile => ({
      path: toPosix(path.relative(opts.rootDir, path.join(opts.schemaDir, rel))),
      text: fs.readFileSync(path.join(opts.schemaDir, rel), "utf8"),
    }),
  );
  if (opts.fileOrder === "reversed") files.reverse();
  const api = parseApiSchema(files);
  const protocol = parseProtocol({
    rootDir: opts.rootDir,
    protocolDir: path.join(opts.schemaDir, PROTOCOL_DIR),
    ...(opts.fileOrder ? { fileOrder: opts.fileOrder } : {}),
  });
  const diagnostics = [...api.diagnostics, ...protocol.diagnostics];
  if (diagnostics.length > 0) return { ok: false, diagnostics: sortDiagnostics(diagnostics) };
  return { ok: true, ir: { ...api.ir, protocol: protocol.ir } };
}

function listTsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!(rel === "" && e.name === PROTOCOL_DIR)) walk(child);
      } else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push(child);
    }
  };
  walk("");
  return out.sort();
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
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
