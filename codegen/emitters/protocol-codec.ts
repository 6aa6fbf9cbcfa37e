// ProtocolIR → generated/protocol/<pkg>.ts (interfaces + static codecs) and generated/protocol/index.ts.
// The emitted code is plain straight-line TypeScript over the helpers of runtime/contracts/protocol.ts:
// no reflection, no eval, so it runs under a strict CSP.
import type { Emitter, GeneratedFile, SchemaIR } from "../ir/index.js";
import type { ProtoEnum, ProtoField, ProtoMessage, ProtoPackage, ProtoValueType, ProtocolIR, ScalarType } from "../ir/protocol.js";
import { tsHeader } from "./header.js";

/** Import path of the contract, from generated/protocol/. */
export const CONTRACT_IMPORT = "../../runtime/contracts/protocol.js";

export const protocolCodecEmitter: Emitter = {
  name: "protocol-codec",
  emit(ir: SchemaIR): GeneratedFile[] {
    const p = ir.protocol;
    if (p.packages.length === 0) return [];
    const files = p.packages.map((pkg) => ({ path: `protocol/${pkg.short}.ts`, content: emitPackage(p, pkg) }));
    files.push({ path: "protocol/index.ts", content: emitIndex(p) });
    return files;
  },
};

function emitIndex(p: ProtocolIR): string {
  const out = [tsHeader, "// Every protocol package as a namespace, plus the HTTP route and WebSocket tables.\n"];
  for (const pkg of p.packages) out.push(`export * as ${pkg.short} from "./${pkg.short}.js";\n`);
  if (p.jsonTypes.length > 0) out.push(`export type * from "./json-types.js";\n`);
  if (p.routes.length > 0) out.push(`export * from "./routes.js";\n`);
  if (p.routes.some((r) => r.sdk)) out.push(`export * from "./sdk-routes.js";\n`);
  if (p.ws.length > 0) out.push(`export * from "./ws.js";\n`);
  if (p.notifications.length > 0) out.push(`export * from "./notifications.js";\n`);
  out.push(`export { ProtocolError, base64Decode, base64Encode, goJSONStringify, type DeepPartial, type JsonBody, type MessageCodec } from "${CONTRACT_IMPORT}";\n`);
  return out.join("");
}

const NUMERIC: ReadonlySet<ScalarType> = new Set<ScalarType>([
  "double", "float", "int32", "uint32", "sint32", "fixed32", "sfixed32", "int64", "uint64", "sint64", "fixed64", "sfixed64",
]);

const WIRE: Record<ScalarType, number> = {
  double: 1, float: 5, int32: 0, uint32: 0, sint32: 0, fixed32: 5, sfixed32: 5,
  int64: 0, uint64: 0, sint64: 0, fixed64: 1, sfixed64: 1, bool: 0, string: 2, bytes: 2,
};

/** protobufjs Reader methods that read a scalar directly (the 64-bit ones go through $R for the safe-integer check). */
const DIRECT_READ: Partial<Record<ScalarType, string>> = {
  bool: "r.bool()", int32: "r.int32()", uint32: "r.uint32()", sint32: "r.sint32()",
  fixed32: "r.fixed32()", sfixed32: "r.sfixed32()", float: "r.float()", double: "r.double()",
};

function tsScalar(s: ScalarType): string {
  return s === "string" ? "string" : s === "bool" ? "boolean" : s === "bytes" ? "Uint8Array" : "number";
}

function zeroScalar(s: ScalarType): string {
  return s === "string" ? '""' : s === "bool" ? "false" : s === "bytes" ? "new Uint8Array(0)" : "0";
}

class Names {
  readonly imports = new Set<string>();
  constructor(
    private readonly pkg: ProtoPackage,
    private readonly packages: Map<string, ProtoPackage>,
  ) {}
  /** TS expression naming a message/enum from this package's file. */
  ref(fullName: string): string {
    const dot = fullName.lastIndexOf(".");
    const pkgName = fullName.slice(0, dot);
    const name = fullName.slice(dot + 1);
    if (pkgName === this.pkg.name) return name;
    const other = this.packages.get(pkgName)!;
    this.imports.add(other.short);
    return `${other.short}.${name}`;
  }
  /** The binary side of a message codec (nested writes and reads). */
  wire(fullName: string): string {
    return `${this.ref(fullName)}$wire`;
  }
  /** The Go-JSON side of a message codec (nested toJSON and fromJSON). */
  json(fullName: string): string {
    return `${this.ref(fullName)}$json`;
  }
}

function emitPackage(p: ProtocolIR, pkg: ProtoPackage): string {
  const names = new Names(pkg, new Map(p.packages.map((x) => [x.name, x])));
  const body: string[] = [];
  for (const en of p.enums.filter((e) => e.package === pkg.name)) body.push(emitEnum(en));
  for (const msg of p.messages.filter((m) => m.package === pkg.name)) body.push(emitMessage(msg, names));

  const head = [tsHeader, `// Source: ${pkg.files.join(", ")} (package ${pkg.name}).\n`];
  head.push(
    `import { J as $J, R as $R, W as $W, defineGoJSON as $goJSON, defineMessage as $define, defineWire as $wire, ` +
      `type GoJSONCodec as $GoJSON, type MessageCodec as $Codec, type WireCodec as $Wire } from "${CONTRACT_IMPORT}";\n`,
  );
  for (const short of [...names.imports].sort()) head.push(`import * as ${short} from "./${short}.js";\n`);
  return head.join("") + "\n" + body.join("\n");
}

function jsdoc(doc: string | undefined, indent: string): string {
  if (!doc) return "";
  const lines = doc.replace(/\*\//g, "*\\/").split("\n");
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} * ${l}`.trimEnd()).join("\n")}\n${indent} */\n`;
}

function emitEnum(en: ProtoEnum): string {
  const entries = en.values.map((v) => `${v.name}: ${v.number}`).join(", ");
  return (
    jsdoc(en.doc, "") +
    `export const ${en.name} = { ${entries} } as const;\n` +
    `export type ${en.name} = (typeof ${en.name})[keyof typeof ${en.name}];\n`
  );
}

/** The TS type of one value (element of a list / value of a map / singular field). */
function valueTs(t: ProtoValueType, names: Names): string {
  switch (t.kind) {
    case "scalar": return tsScalar(t.scalar);
    case "enum": return "number";
    case "message": return names.ref(t.fullName);
    case "wrapper": return tsScalar(t.scalar);
  }
}

function fieldTs(f: ProtoField, names: Names): string {
  const v = valueTs(f.type, names);
  if (f.label === "repeated") return `${v}[]`;
  if (f.label === "map") return `Record<string, ${v}>`;
  if (f.label === "optional" || f.type.kind === "message" || f.type.kind === "wrapper") return `${v} | undefined`;
  return v;
}

function fieldDefault(f: ProtoField): string {
  if (f.label === "repeated") return "[]";
  if (f.label === "map") return "{}";
  if (f.label === "optional") return "undefined";
  switch (f.type.kind) {
    case "scalar": return zeroScalar(f.type.scalar);
    case "enum": return "0";
    default: return "undefined";
  }
}

/** The scalar used on the wire for scalars, enums and wrappers (undefined for messages). */
function wireScalar(t: ProtoValueType): ScalarType | undefined {
  return t.kind === "scalar" || t.kind === "wrapper" ? t.scalar : t.kind === "enum" ? "int32" : undefined;
}

function emitMessage(msg: ProtoMessage, names: Names): string {
  const N = msg.name;
  const path = (f: ProtoField) => JSON.stringify(`${msg.fullName}.${f.name}`);
  const byNumber = [...msg.fields].sort((a, b) => a.number - b.number);
  const out: string[] = [];

  // interface
  out.push(jsdoc(msg.doc, ""));
  if (msg.fields.length === 0) out.push(`export interface ${N} {}\n`);
  else {
    out.push(`export interface ${N} {\n`);
    for (const f of msg.fields) {
      const note = f.type.kind === "enum" ? `A ${names.ref(f.type.fullName)} value.` : undefined;
      out.push(jsdoc([f.doc, note].filter(Boolean).join(" ") || undefined, "  "));
      out.push(`  ${f.name}: ${fieldTs(f, names)};\n`);
    }
    out.push("}\n");
  }

  // Each side is a pure top-level value of its own: a bundle keeps the binary side of the messages
  // it sends over the WebSocket and the Go-JSON side of those it sends over HTTP, not both of every
  // message it names (the web bundle's goal, issue 6). The codec named after the message joins both
  // sides for the devserver, tests and tools.
  const o: string[] = [];
  const full = JSON.stringify(msg.fullName);

  // create
  if (msg.fields.length === 0) o.push(`const ${N}$new = (): ${N} => ({});\n`);
  else {
    o.push(`const ${N}$new = (i?: Partial<${N}>): ${N} => ({\n`);
    for (const f of msg.fields) {
      const zero = fieldDefault(f);
      o.push(zero === "undefined" ? `  ${f.name}: i?.${f.name},\n` : `  ${f.name}: i?.${f.name} ?? ${zero},\n`);
    }
    o.push(`});\n`);
  }

  o.push(`export const ${N}$wire: $Wire<${N}> = /* @__PURE__ */ $wire<${N}>(${full}, {\n  create: ${N}$new,\n`);
  // write
  o.push(msg.fields.length === 0 ? `  write() {},\n` : `  write(m, w) {\n`);
  for (const f of msg.fields.length === 0 ? [] : byNumber) o.push(`    ${writeField(f, path(f), names)}\n`);
  if (msg.fields.length > 0) o.push(`  },\n`);
  // read
  o.push(`  read(r, end) {\n    const m = ${N}$new();\n    while (r.pos < end) {\n      const t = $R.tag(r, ${full});\n`);
  if (byNumber.length === 0) o.push(`      $R.skip(r, t);\n`);
  else {
    o.push(`      switch (t >>> 3) {\n`);
    for (const f of byNumber) o.push(`        case ${f.number}: ${readField(f, path(f), names)} break;\n`);
    o.push(`        default: $R.skip(r, t);\n      }\n`);
  }
  o.push(`    }\n    $R.done(r, end, ${full});\n    return m;\n  },\n});\n`);

  o.push(`export const ${N}$json: $GoJSON<${N}> = /* @__PURE__ */ $goJSON<${N}>(${full}, {\n  create: ${N}$new,\n`);
  // toJSON
  if (msg.fields.length === 0) o.push(`  toJSON: () => ({}),\n`);
  else {
    o.push(`  toJSON: (m) => ({\n`);
    for (const f of msg.fields) o.push(`    ${JSON.stringify(f.name)}: ${toJsonField(f, names)},\n`);
    o.push(`  }),\n`);
  }
  // fromJSON
  if (msg.fields.length === 0) o.push(`  fromJSON: () => ({}),\n`);
  else {
    o.push(`  fromJSON(o, p) {\n    const m = ${N}$new();\n    for (const key of Object.keys(o)) {\n`);
    o.push(`      const v = o[key];\n      if (v === null || v === undefined) continue;\n`);
    o.push(`      switch ($J.field(${N}$keys, key)) {\n`);
    for (const f of msg.fields) o.push(`        case ${JSON.stringify(f.name)}: m.${f.name} = ${fromJsonField(f, names)}; break;\n`);
    o.push(`      }\n    }\n    return m;\n  },\n`);
  }
  o.push(`});\n`);
  if (msg.fields.length > 0) o.push(`const ${N}$keys = /* @__PURE__ */ $J.keys([${msg.fields.map((f) => JSON.stringify(f.name)).join(", ")}]);\n`);
  o.push(`export const ${N}: $Codec<${N}> = /* @__PURE__ */ $define(${N}$wire, ${N}$json);\n`);
  return out.join("") + o.join("");
}

function writeField(f: ProtoField, path: string, names: Names): string {
  const m = `m.${f.name}`;
  const s = wireScalar(f.type);
  if (f.label === "map") {
    if (s) return `for (const k of $W.keys(${m}, ${path})) $W.entry(w, ${f.number}, k, "${s}", ${m}![k], ${path});`;
    const ref = names.wire((f.type as { fullName: string }).fullName);
    return `for (const k of $W.keys(${m}, ${path})) $W.messageEntry(w, ${f.number}, k, (w) => ${ref}.$.write(${m}![k] ?? {}, w));`;
  }
  if (f.label === "repeated") {
    if (s) return `$W.repeated(w, ${f.number}, "${s}", ${m}, ${path});`;
    const ref = names.wire((f.type as { fullName: string }).fullName);
    return `for (const v of ${m} ?? []) $W.message(w, ${f.number}, (w) => ${ref}.$.write(v ?? {}, w));`;
  }
  if (f.type.kind === "wrapper") return `$W.wrapper(w, ${f.number}, "${f.type.scalar}", ${m}, ${path});`;
  if (f.type.kind === "message") {
    return `if (${m}) $W.message(w, ${f.number}, (w) => ${names.wire(f.type.fullName)}.$.write(${m}!, w));`;
  }
  if (f.label !== "optional" && TYPED_WRITERS.has(s!)) return `$W.${s}(w, ${(f.number << 3) | WIRE[s!]}, ${m}, ${path});`;
  return `$W.scalar(w, ${f.number}, "${s}", ${m}, ${path}${f.label === "optional" ? ", true" : ""});`;
}

/** Scalars with a dedicated (faster) writer in the contract; enums are written as int32. */
const TYPED_WRITERS: ReadonlySet<ScalarType> = new Set<ScalarType>(["string", "bool", "int32", "int64", "bytes"]);

/** Expression reading one scalar value at the reader's position. */
function readScalarExpr(s: ScalarType, path: string): string {
  return DIRECT_READ[s] ?? `$R.${s}(r, ${path})`;
}

function readField(f: ProtoField, path: string, names: Names): string {
  const m = `m.${f.name}`;
  const s = wireScalar(f.type);
  if (f.label === "map") {
    const value = s
      ? { zero: f.type.kind === "enum" ? "0" : zeroScalar(s), wire: WIRE[s], read: readScalarExpr(s, path) }
      : { zero: `${names.wire((f.type as { fullName: string }).fullName)}.$.create()`, wire: 2, read: `${names.wire((f.type as { fullName: string }).fullName)}.$.read(r, $R.end(r, ${path}))` };
    return (
      `{ $R.wire(t, 2, ${path}); const e = $R.end(r, ${path}); let k = ""; let v: ${valueTs(f.type, names)} = ${value.zero}; ` +
      `while (r.pos < e) { const u = $R.tag(r, ${path}); ` +
      `if (u >>> 3 === 1) { $R.wire(u, 2, ${path}); k = r.string(); } ` +
      `else if (u >>> 3 === 2) { $R.wire(u, ${value.wire}, ${path}); v = ${value.read}; } else $R.skip(r, u); } ` +
      `$R.done(r, e, ${path}); $R.set(${m}, k, v); }`
    );
  }
  if (f.label === "repeated") {
    if (s && NUMERIC.has(s) || s === "bool") return `$R.repeated(r, t, "${s}", ${m}, ${path});`;
    if (s) return `$R.wire(t, 2, ${path}); ${m}.push(${readScalarExpr(s, path)});`;
    const ref = names.wire((f.type as { fullName: string }).fullName);
    return `$R.wire(t, 2, ${path}); ${m}.push(${ref}.$.read(r, $R.end(r, ${path})));`;
  }
  if (f.type.kind === "wrapper") {
    return `$R.wire(t, 2, ${path}); ${m} = $R.wrapper(r, "${f.type.scalar}", ${path}) as ${tsScalar(f.type.scalar)};`;
  }
  if (f.type.kind === "message") {
    return `$R.wire(t, 2, ${path}); ${m} = ${names.wire(f.type.fullName)}.$.read(r, $R.end(r, ${path}));`;
  }
  return `$R.wire(t, ${WIRE[s!]}, ${path}); ${m} = ${readScalarExpr(s!, path)};`;
}

function toJsonValue(t: ProtoValueType, v: string, names: Names): string {
  if (t.kind === "message") return `${names.json(t.fullName)}.$.toJSON(${v})`;
  if (t.kind === "scalar" && t.scalar === "bytes") return `$J.outBytes(${v})`;
  return v;
}

function toJsonField(f: ProtoField, names: Names): string {
  const m = `m.${f.name}`;
  if (f.label === "repeated") return `$J.outList(${m}, (v) => ${toJsonValue(f.type, "v", names)})`;
  if (f.label === "map") return `$J.outMap(${m}, (v) => ${toJsonValue(f.type, "v", names)})`;
  if (f.type.kind === "message") return `${m} ? ${toJsonValue(f.type, m, names)} : null`;
  if (f.type.kind === "wrapper" || f.label === "optional") {
    return f.type.kind !== "enum" && wireScalar(f.type) === "bytes" ? `${m} === undefined ? null : $J.outBytes(${m})` : `${m} ?? null`;
  }
  if (f.type.kind === "scalar" && f.type.scalar === "bytes") return `$J.outBytes(${m})`;
  return `${m} ?? ${fieldDefault(f)}`;
}

/** Expression converting JSON value `v` at JSON path `q` to one TS value. */
function fromJsonValue(t: ProtoValueType, v: string, q: string, names: Names): string {
  if (t.kind === "message") return `${names.json(t.fullName)}.$.fromJSON($J.object(${v}, ${q}), ${q})`;
  const s = wireScalar(t)!;
  return `$J.scalar("${s}", ${v}, ${q}) as ${tsScalar(s)}`;
}

function zeroValue(t: ProtoValueType, names: Names): string {
  if (t.kind === "message") return `${names.json(t.fullName)}.$.create()`;
  return zeroScalar(wireScalar(t)!);
}

function fromJsonField(f: ProtoField, names: Names): string {
  const q = `p + ${JSON.stringify(`.${f.name}`)}`;
  if (f.label === "repeated" || f.label === "map") {
    const fn = f.label === "repeated" ? "list" : "map";
    return `$J.${fn}(v, ${q}, (e, q) => ${fromJsonValue(f.type, "e", "q", names)}, () => ${zeroValue(f.type, names)})`;
  }
  return fromJsonValue(f.type, "v", q, names);
}
