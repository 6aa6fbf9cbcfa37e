// Small rendering helpers shared by the TypeScript emitters: type text, imports, doc comments.
import type { TypeRef } from "../ir/api.js";
import { byCodePoint } from "../naming.js";
import { tsHeader } from "./header.js";

export function tsType(t: TypeRef): string {
  switch (t.kind) {
    case "string":
    case "number":
    case "boolean":
    case "void":
      return t.kind;
    case "bytes":
      return "Uint8Array";
    case "literal":
      return JSON.stringify(t.value);
    case "union":
      return t.members.map(tsType).join(" | ");
    case "array": {
      const inner = tsType(t.element);
      return t.element.kind === "union" ? `(${inner})[]` : `${inner}[]`;
    }
    case "ref":
      return t.name;
  }
}

/** Collects `import type` names per module specifier and renders them sorted. */
export class Imports {
  /** name → type-only, per module specifier. */
  private readonly byFrom = new Map<string, Map<string, boolean>>();
  private readonly namespaces = new Map<string, string>();

  /** `import * as alias from "from"`. */
  namespace(from: string, alias: string): this {
    this.namespaces.set(from, alias);
    return this;
  }

  add(from: string, name: string, typeOnly = true): this {
    const names = this.byFrom.get(from) ?? new Map<string, boolean>();
    names.set(name, (names.get(name) ?? true) && typeOnly);
    this.byFrom.set(from, names);
    return this;
  }

  render(): string {
    const lines: string[] = [];
    for (const from of [...new Set([...this.namespaces.keys(), ...this.byFrom.keys()])].sort(byCodePoint)) {
      const alias = this.namespaces.get(from);
      if (alias) lines.push(`import * as ${alias} from "${from}";\n`);
      const names = this.byFrom.get(from);
      if (!names) continue;
      const sorted = [...names.keys()].sort(byCodePoint);
      const allTypes = sorted.every((n) => names.get(n));
      const list = sorted.map((n) => (!allTypes && names.get(n) ? `type ${n}` : n)).join(", ");
      lines.push(`import ${allTypes ? "type " : ""}{ ${list} } from "${from}";\n`);
    }
    return lines.join("");
  }
}

/** A JSDoc block (or nothing when there is nothing to say). */
export function docBlock(indent: string, doc: string, extra: string[] = []): string {
  const lines = [...(doc ? doc.split("\n") : []), ...extra];
  if (lines.length === 0) return "";
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? " " + l : ""}\n`).join("")}${indent} */\n`;
}

/** A whole generated TS file: header, one comment line saying what it is, imports, body. */
export function tsFile(purpose: string, imports: Imports, body: string): string {
  const imp = imports.render();
  return `${tsHeader}// ${purpose}\n${imp ? "\n" + imp : ""}\n${body.trimEnd()}\n`;
}

/** Every named type a TypeRef mentions (transitively through arrays and unions). */
export function typeNames(t: TypeRef, out = new Set<string>()): Set<string> {
  if (t.kind === "ref") out.add(t.name);
  else if (t.kind === "array") typeNames(t.element, out);
  else if (t.kind === "union") t.members.forEach((m) => typeNames(m, out));
  return out;
}

/** `chat_logs` → `chat-logs`, `OnConnListener` → `on-conn-listener`: file names. */
export function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/_/g, "-")
    .toLowerCase();
}

export const TYPES_MODULE = "../types/index.js";
export const CONTRACTS = "../../runtime/contracts";
