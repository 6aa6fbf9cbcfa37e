// generated/types/index.ts: every shared entity type, table row and query row, in one module
// (enums become `as const` objects plus a union type of their values).
import type { Emitter } from "../ir/index.js";
import type { TypeDeclIR } from "../ir/api.js";
import { docBlock, Imports, tsFile, tsType } from "./ts.js";

function renderType(t: TypeDeclIR): string {
  const doc = docBlock("", t.doc);
  if (t.kind === "alias") return `${doc}export type ${t.name} = ${tsType(t.type)};\n`;
  if (t.kind === "enum") {
    const members = t.members.map((m) => `${docBlock("  ", m.doc)}  ${m.name}: ${JSON.stringify(m.value)},\n`).join("");
    return `${doc}export const ${t.name} = {\n${members}} as const;\nexport type ${t.name} = (typeof ${t.name})[keyof typeof ${t.name}];\n`;
  }
  const fields = t.fields.map((f) => `${docBlock("  ", f.doc)}  ${f.name}${f.optional ? "?" : ""}: ${tsType(f.type)};\n`).join("");
  return `${doc}export interface ${t.name} {\n${fields}}\n`;
}

export const typesEmitter: Emitter = {
  name: "types",
  emit(ir) {
    const body = ir.types.map(renderType).join("\n");
    return [{ path: "types/index.ts", content: tsFile("Entity types shared by the API, the listeners and the DAOs.", new Imports(), body) }];
  },
};
