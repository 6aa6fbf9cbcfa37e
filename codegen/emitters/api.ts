// generated/api/<module>.ts: the async interface each runtime module implements.
import type { Emitter } from "../ir/index.js";
import type { MethodIR, ModuleIR } from "../ir/api.js";
import { docBlock, Imports, tsFile, tsType, typeNames, TYPES_MODULE } from "./ts.js";

/** Doc lines shared by the API interface and the facade. */
export function methodDocLines(m: MethodIR): string[] {
  const extra: string[] = [];
  for (const p of m.params) if (p.doc) extra.push(`@param ${p.name} ${p.doc}`);
  if (m.local) extra.push("Local only: answered from local state, no network round trip.");
  if (m.errors.length > 0) extra.push(`Errors: ${m.errors.join(", ")}.`);
  if (m.deprecated) extra.push(`@deprecated ${m.deprecated}`);
  return extra;
}

export function paramList(m: MethodIR): string {
  return m.params.map((p) => `${p.name}${p.optional ? "?" : ""}: ${tsType(p.type)}`).join(", ");
}

export function methodTypeNames(m: MethodIR, out: Set<string>): void {
  for (const p of m.params) typeNames(p.type, out);
  typeNames(m.result, out);
}

function renderModule(mod: ModuleIR): string {
  const imports = new Imports();
  const names = new Set<string>();
  mod.methods.forEach((m) => methodTypeNames(m, names));
  names.forEach((n) => imports.add(TYPES_MODULE, n));
  const methods = mod.methods
    .map((m) => `${docBlock("  ", m.doc, methodDocLines(m))}  ${m.name}(${paramList(m)}): Promise<${tsType(m.result)}>;\n`)
    .join("");
  const body = `${docBlock("", mod.doc)}export interface ${mod.interfaceName} {\n${methods}}\n`;
  return tsFile(`API of the \`${mod.name}\` module; implemented by the runtime, called through the facade.`, imports, body);
}

export const apiEmitter: Emitter = {
  name: "api",
  emit(ir) {
    return ir.modules.map((mod) => ({ path: `api/${mod.name}.ts`, content: renderModule(mod) }));
  },
};
