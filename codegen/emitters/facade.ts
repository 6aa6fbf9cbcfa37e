// generated/facade/: the SDK class apps hold. Each method checks its arguments (checks generated from
// the param types, failures are SdkError 10002 from runtime/contracts) and delegates to the module
// implementation handed to the constructor. validators.ts holds one check function per named type.
import type { Emitter, GeneratedFile } from "../ir/index.js";
import type { ApiSchemaIR, MethodIR, TypeDeclIR, TypeRef } from "../ir/api.js";
import { byCodePoint } from "../naming.js";
import { methodDocLines, methodTypeNames, paramList } from "./api.js";
import { CONTRACTS, docBlock, Imports, tsFile, tsType, typeNames, TYPES_MODULE } from "./ts.js";

const CHECK_MODULE = `${CONTRACTS}/check.js`;

/** Statements checking `value` (JS expression) against `t`; `field` is a JS expression giving the field path. */
function checkStatements(t: TypeRef, field: string, value: string, indent: string, depth: number, used: Set<string>): string {
  switch (t.kind) {
    case "string":
    case "number":
    case "boolean":
    case "bytes":
      return `${indent}check.${t.kind}(method, ${field}, ${value});\n`;
    case "literal":
    case "union": {
      const values = t.kind === "literal" ? [t.value] : t.members.map((m) => (m.kind === "literal" ? m.value : ""));
      return `${indent}check.oneOf(method, ${field}, ${value}, [${values.map((v) => JSON.stringify(v)).join(", ")}], ${JSON.stringify(tsType(t))});\n`;
    }
    case "array": {
      // Scoped to the loop: two array fields of one type must not declare the same name twice.
      const i = `i${depth}`;
      const item = `item${depth}`;
      return (
        `${indent}for (const [${i}, ${item}] of check.array(method, ${field}, ${value}).entries()) {\n` +
        checkStatements(t.element, `\`\${${field}}[\${${i}}]\``, item, indent + "  ", depth + 1, used) +
        `${indent}}\n`
      );
    }
    case "ref":
      used.add(t.name);
      return `${indent}check${t.name}(method, ${field}, ${value});\n`;
    case "void":
      return "";
  }
}

function validatorFor(t: TypeDeclIR, used: Set<string>): string {
  const head = `export function check${t.name}(method: string, field: string, value: unknown): void {\n`;
  let body: string;
  if (t.kind === "enum") {
    body = `  check.oneOf(method, field, value, [${t.members.map((m) => JSON.stringify(m.value)).join(", ")}], ${JSON.stringify(t.name)});\n`;
  } else if (t.kind === "alias") {
    body = checkStatements(t.type, "field", "value", "  ", 0, used);
  } else {
    body = `  const o = check.object(method, field, value, ${JSON.stringify(t.name)});\n`;
    for (const f of t.fields) {
      const path = `\`\${field}.${f.name}\``;
      const v = `o[${JSON.stringify(f.name)}]`;
      body += f.optional
        ? `  if (${v} !== undefined) {\n${checkStatements(f.type, path, v, "    ", 0, used)}  }\n`
        : checkStatements(f.type, path, v, "  ", 0, used);
    }
  }
  return head + body + "}\n";
}

/** Named types reachable from any method parameter. */
function reachable(ir: ApiSchemaIR): TypeDeclIR[] {
  const byName = new Map(ir.types.map((t) => [t.name, t]));
  const seen = new Set<string>();
  const queue: string[] = [];
  for (const m of ir.modules) for (const meth of m.methods) for (const p of meth.params) queue.push(...typeNames(p.type));
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const t = byName.get(name);
    if (t?.kind === "interface") for (const f of t.fields) queue.push(...typeNames(f.type));
    if (t?.kind === "alias") queue.push(...typeNames(t.type));
  }
  return [...seen].sort(byCodePoint).map((n) => byName.get(n)!);
}

function renderValidators(ir: ApiSchemaIR): GeneratedFile {
  const used = new Set<string>();
  const body = reachable(ir)
    .map((t) => validatorFor(t, used))
    .join("\n");
  const imports = new Imports().namespace(CHECK_MODULE, "check");
  const content = tsFile("Argument checks, one per named type a method takes; failures are SdkError 10002.", imports, body);
  return { path: "facade/validators.ts", content };
}

function renderMethod(m: MethodIR, module: string, validators: Set<string>): string {
  let checks = "";
  for (const p of m.params) {
    const stmts = checkStatements(p.type, JSON.stringify(p.name), p.name, p.optional ? "      " : "    ", 0, validators);
    checks += p.optional ? `    if (${p.name} !== undefined) {\n${stmts}    }\n` : stmts;
  }
  const args = m.params.map((p) => p.name).join(", ");
  const prelude = checks ? `    const method = ${JSON.stringify(m.name)};\n${checks}` : "";
  return (
    `${docBlock("  ", m.doc, methodDocLines(m))}` +
    `  async ${m.name}(${paramList(m)}): Promise<${tsType(m.result)}> {\n` +
    prelude +
    `    return this.#modules.${module}.${m.name}(${args});\n  }\n`
  );
}

function renderSdk(ir: ApiSchemaIR): GeneratedFile {
  const imports = new Imports();
  const typesUsed = new Set<string>();
  const validators = new Set<string>();
  const methods = ir.modules
    .flatMap((mod) => mod.methods.map((m) => ({ m, mod: mod.name })))
    .sort((a, b) => byCodePoint(a.m.name, b.m.name));
  const methodText = methods
    .map(({ m, mod }) => {
      methodTypeNames(m, typesUsed);
      return renderMethod(m, mod, validators);
    })
    .join("\n");
  for (const mod of ir.modules) imports.add(`../api/${mod.name}.js`, mod.interfaceName);
  typesUsed.forEach((n) => imports.add(TYPES_MODULE, n));
  validators.forEach((n) => imports.add("./validators.js", `check${n}`, false));
  imports.add("../listeners/events.js", "EventListener").add("../listeners/events.js", "EventName");
  imports.add("../listeners/events.js", "EVENT_NAMES", false);
  imports.namespace(CHECK_MODULE, "check");

  const moduleSlots = ir.modules.map((mod) => `${docBlock("  ", mod.doc)}  ${mod.name}: ${mod.interfaceName};\n`).join("");
  const body =
    `/** The runtime module implementing each API interface, by module name. */\n` +
    `export interface SdkModules {\n${moduleSlots}}\n\n` +
    `/** Where events come from: the runtime's typed emitter. */\n` +
    `export interface SdkEventSource {\n` +
    `  on<E extends EventName>(event: E, listener: EventListener<E>): void;\n` +
    `  off<E extends EventName>(event: E, listener: EventListener<E>): void;\n}\n\n` +
    `export interface SdkOptions {\n  modules: SdkModules;\n  events: SdkEventSource;\n}\n\n` +
    `/** The SDK: every method checks its arguments, then delegates to its module. */\n` +
    `export class OpenIMSDK {\n` +
    `  readonly #modules: SdkModules;\n  readonly #events: SdkEventSource;\n\n` +
    `  constructor(options: SdkOptions) {\n    this.#modules = options.modules;\n    this.#events = options.events;\n  }\n\n` +
    `  /** Subscribes to an event (names as in CbEvents). */\n` +
    `  on<E extends EventName>(event: E, listener: EventListener<E>): void {\n` +
    `    checkSubscription("on", event, listener);\n    this.#events.on(event, listener);\n  }\n\n` +
    `  off<E extends EventName>(event: E, listener: EventListener<E>): void {\n` +
    `    checkSubscription("off", event, listener);\n    this.#events.off(event, listener);\n  }\n` +
    (methodText ? "\n" + methodText : "") +
    `}\n\n` +
    `function checkSubscription(method: string, event: unknown, listener: unknown): void {\n` +
    `  if (!(EVENT_NAMES as readonly unknown[]).includes(event)) throw check.argError(method, "event", "an event name from CbEvents", event);\n` +
    `  if (typeof listener !== "function") throw check.argError(method, "listener", "a function", listener);\n}\n`;
  const content = tsFile("The SDK facade apps hold: argument checks, then delegation to the runtime modules.", imports, body);
  return { path: "facade/sdk.ts", content };
}

export const facadeEmitter: Emitter = {
  name: "facade",
  emit(ir) {
    return [renderSdk(ir), renderValidators(ir)];
  },
};
