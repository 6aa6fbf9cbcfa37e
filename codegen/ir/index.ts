// The IR is the only thing parsers and emitters share: plain, JSON-serialisable,
// sorted deterministically, validated before any emitter runs.
import type { ApiSchemaIR } from "./api.js";
import type { ProtocolIR } from "./protocol.js";

/** A position in a schema file; `file` is relative to the repository root, with forward slashes. */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
}

/** A schema error: printed as `file:line:col: message — hint`. */
export interface Diagnostic extends SourceLocation {
  message: string;
  /** What to write instead. */
  hint: string;
}

export interface SchemaIR extends ApiSchemaIR {
  protocol: ProtocolIR;
}

/** One output file; `path` is relative to the output folder, with forward slashes. */
export interface GeneratedFile {
  path: string;
  content: string;
}

export interface Emitter {
  /** Short name, shown by `codegen --ir` and in timings. */
  name: string;
  emit(ir: SchemaIR): GeneratedFile[];
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.message} — ${d.hint}`;
}
