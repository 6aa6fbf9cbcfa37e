// schema/protocol/*.proto → ProtocolIR (packages, messages, enums). Routes and the WS table are
// read by ./protocol-routes.ts. protobufjs's parser reads the syntax; everything it does not
// check (resolution, imports, what our codecs support) is checked here and reported as
// diagnostics with file:line:col, so one run shows every problem.
import fs from "node:fs";
import path from "node:path";
import protobuf from "protobufjs";
import type { Diagnostic, SourceLocation } from "../ir/index.js";
import type {
  ProtoEnum,
  ProtoField,
  ProtoMessage,
  ProtoPackage,
  ProtoValueType,
  ProtocolIR,
  ScalarType,
} from "../ir/protocol.js";
import { emptyProtocolIR } from "../ir/protocol.js";
import { parseProtocolDeclarations } from "./protocol-routes.js";

export interface ProtocolParseInput {
  rootDir: string;
  /** `<schema>/protocol` */
  protocolDir: string;
  fileOrder?: "sorted" | "reversed";
}

export interface ProtocolParseResult {
  ir: ProtocolIR;
  diagnostics: Diagnostic[];
}

const SCALARS: ReadonlySet<string> = new Set<ScalarType>([
  "double", "float", "int32", "uint32", "sint32", "fixed32", "sfixed32",
  "int64", "uint64", "sint64", "fixed64", "sfixed64", "bool", "string", "bytes",
]);

/** Names a generated `export const`/`interface` cannot take. */
const RESERVED_NAMES: ReadonlySet<string> = new Set([
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export",
  "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return", "super",
  "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "let", "static", "yield", "await",
  "implements", "interface", "package", "private", "protected", "public", "any", "boolean", "number", "string", "symbol",
  "object", "never", "unknown", "undefined",
]);

/** The package whose `*Value` messages are surfaced as bare values (OpenIM's copy of the Google wrappers). */
const WRAPPER_PACKAGE = "openim.protobuf";

/** One .proto file as protobufjs saw it, plus what we need to point at its text. */
interface ParsedFile {
  rel: string;
  text: string;
  pkg: string;
  imports: string[];
  messages: protobuf.Type[];
  enums: protobuf.Enum[];
}

export function parseProtocol(input: ProtocolParseInput): ProtocolParseResult {
  const diagnostics: Diagnostic[] = [];
  const ir = emptyProtocolIR();
  if (!fs.existsSync(input.protocolDir)) return { ir, diagnostics };

  let names = fs.readdirSync(input.protocolDir).filter((n) => n.endsWith(".proto")).sort();
  if (input.fileOrder === "reversed") names = names.reverse();

  const files: ParsedFile[] = [];
  for (const name of names) {
    const abs = path.join(input.protocolDir, name);
    const parsed = parseOneFile(abs, relPath(input.rootDir, abs), diagnostics);
    if (parsed) files.push(parsed);
  }

  const known = collectDeclarations(files, diagnostics);
  for (const file of files) {
    checkImports(file, files, input.protocolDir, diagnostics);
    for (const type of file.messages) {
      const msg = buildMessage(file, type, known, diagnostics);
      if (msg) ir.messages.push(msg);
    }
    for (const en of file.enums) ir.enums.push(buildEnum(file, en));
  }
  ir.packages = buildPackages(files, diagnostics);

  const decl = parseProtocolDeclarations({
    rootDir: input.rootDir,
    protocolDir: input.protocolDir,
    messages: new Set(ir.messages.map((m) => m.fullName)),
  });
  ir.routes = decl.routes;
  ir.ws = decl.ws;
  ir.notifications = decl.notifications;
  ir.jsonTypes = decl.jsonTypes;
  diagnostics.push(...decl.diagnostics);

  ir.messages.sort(byKey((m) => m.fullName));
  ir.enums.sort(byKey((e) => e.fullName));
  return { ir, diagnostics };
}

function parseOneFile(abs: string, rel: string, diagnostics: Diagnostic[]): ParsedFile | undefined {
  const text = fs.readFileSync(abs, "utf8");
  let result: protobuf.IParserResult;
  try {
    result = protobuf.parse(text, { keepCase: true, alternateCommentMode: true });
  } catch (err) {
    diagnostics.push(protobufjsError(rel, text, err));
    return undefined;
  }
  const at = (index: number) => locate(rel, text, index);
  if (!/^\s*syntax\s*=\s*"proto3"\s*;/m.test(text)) {
    diagnostics.push({ ...at(0), message: "the file does not declare proto3 syntax", hint: 'start it with `syntax = "proto3";`' });
  }
  const pkg = result.package ?? "";
  if (!pkg.startsWith("openim.") || pkg.split(".").length !== 2) {
    diagnostics.push({
      ...at(Math.max(0, text.search(/\bpackage\b/))),
      message: `package "${pkg}" is not of the form openim.<name>`,
      hint: "use OpenIM's package name, e.g. `package openim.sdkws;`",
    });
    return undefined;
  }
  const ns = result.root.lookup(pkg);
  const messages: protobuf.Type[] = [];
  const enums: protobuf.Enum[] = [];
  for (const child of ns instanceof protobuf.Namespace ? ns.nestedArray : []) {
    if (child instanceof protobuf.Type) messages.push(child);
    else if (child instanceof protobuf.Enum) enums.push(child);
    else if (!(child instanceof protobuf.Service)) {
      diagnostics.push({
        ...at(declIndex(text, child.name)),
        message: `unsupported top-level declaration "${child.name}"`,
        hint: "declare only messages, enums (and services, which are ignored)",
      });
    }
  }
  return { rel, text, pkg, imports: [...(result.imports ?? []), ...(result.weakImports ?? [])], messages, enums };
}

/** protobufjs reports syntax errors with "(line N)"; semantic ones ("duplicate id 2 in Type M") without. */
function protobufjsError(rel: string, text: string, err: unknown): Diagnostic {
  const message = err instanceof Error ? err.message : String(err);
  const lineMatch = /\(line (\d+)\)/.exec(message);
  let loc: SourceLocation = { file: rel, line: 1, col: 1 };
  if (lineMatch) {
    loc = { file: rel, line: Number(lineMatch[1]), col: 1 };
  } else {
    const dupId = /duplicate id (\d+) in Type (\w+)/.exec(message);
    const dupName = /duplicate name '(\w+)' in (?:Type|Namespace) \.?([\w.]+)/.exec(message);
    if (dupId) {
      const body = messageBody(text, dupId[2]!);
      const hits = body ? [...text.slice(body.start, body.end).matchAll(new RegExp(`=\\s*${dupId[1]}\\b`, "g"))] : [];
      const second = hits[1] ?? hits[0];
      loc = locate(rel, text, body && second ? body.start + second.index! : declIndex(text, dupId[2]!));
    } else if (dupName) {
      const all = [...text.matchAll(new RegExp(`\\b${dupName[1]}\\b`, "g"))];
      loc = locate(rel, text, (all[1] ?? all[0])?.index ?? 0);
    }
  }
  return {
    ...loc,
    message: `proto syntax error: ${message.replace(/\s*\(line \d+\)/, "")}`,
    hint: "fix the declaration; field numbers and names must be unique within a message",
  };
}

interface Known {
  messages: Map<string, { file: ParsedFile; type: protobuf.Type }>;
  /** Enum full name → declaring file. */
  enums: Map<string, ParsedFile>;
}

function collectDeclarations(files: ParsedFile[], diagnostics: Diagnostic[]): Known {
  const known: Known = { messages: new Map(), enums: new Map() };
  const firstSeen = new Map<string, string>();
  // Sorted by file so "declared twice" always blames the same (later) file.
  for (const file of [...files].sort(byKey((f) => f.rel))) {
    for (const decl of [...file.messages, ...file.enums]) {
      const full = `${file.pkg}.${decl.name}`;
      const prev = firstSeen.get(full);
      if (prev) {
        diagnostics.push({
          ...locate(file.rel, file.text, declIndex(file.text, decl.name)),
          message: `${full} is already declared in ${prev}`,
          hint: "declare each message or enum once per package",
        });
        continue;
      }
      firstSeen.set(full, file.rel);
      if (decl instanceof protobuf.Type) known.messages.set(full, { file, type: decl });
      else known.enums.set(full, file);
    }
  }
  return known;
}

function checkImports(file: ParsedFile, files: ParsedFile[], protocolDir: string, diagnostics: Diagnostic[]): void {
  for (const imp of file.imports) {
    if (!fs.existsSync(path.join(protocolDir, imp))) {
      const idx = file.text.indexOf(`"${imp}"`);
      diagnostics.push({
        ...locate(file.rel, file.text, Math.max(0, idx)),
        message: `import "${imp}" does not name a file in schema/protocol/`,
        hint: `import one of: ${files.map((f) => `"${path.basename(f.rel)}"`).join(", ")}`,
      });
    }
  }
}

function buildMessage(file: ParsedFile, type: protobuf.Type, known: Known, diagnostics: Diagnostic[]): ProtoMessage | undefined {
  const fullName = `${file.pkg}.${type.name}`;
  if (known.messages.get(fullName)?.type !== type) return undefined; // a duplicate, already reported
  const msgLoc = locate(file.rel, file.text, declIndex(file.text, type.name));
  const body = messageBody(file.text, type.name);
  const fieldLoc = (f: protobuf.Field): SourceLocation => {
    if (!body) return msgLoc;
    const m = new RegExp(`\\b${f.name}\\s*=\\s*${f.id}\\b`).exec(file.text.slice(body.start, body.end));
    return m ? locate(file.rel, file.text, body.start + m.index) : msgLoc;
  };

  for (const nested of type.nestedArray) {
    diagnostics.push({
      ...msgLoc,
      message: `${fullName} declares a nested type "${nested.name}"; nested declarations are not supported`,
      hint: `declare ${nested.name} at the top level of the file`,
    });
  }

  if (RESERVED_NAMES.has(type.name) || type.name.startsWith("$") || /\$keys$/.test(type.name)) {
    diagnostics.push({
      ...msgLoc,
      message: `message name "${type.name}" cannot be a TypeScript export`,
      hint: "rename the message (reserved words and $-names are not allowed)",
    });
    return undefined;
  }
  const fields: ProtoField[] = [];
  const folded = new Map<string, string>();
  for (const f of type.fieldsArray) {
    const clash = folded.get(f.name.toLowerCase());
    if (clash) {
      diagnostics.push({
        ...fieldLoc(f),
        message: `${fullName}.${f.name} differs from ${clash} only in letter case`,
        hint: "Go JSON matches keys case-insensitively, so the two would be ambiguous; rename one",
      });
      continue;
    }
    folded.set(f.name.toLowerCase(), f.name);
    const loc = fieldLoc(f);
    const isOptional = f.options?.["proto3_optional"] === true;
    if (f.partOf && !isOptional) {
      diagnostics.push({ ...loc, message: `${fullName}.${f.name} is part of a oneof, which is not supported`, hint: "use plain fields (OpenIM's protocol has no oneofs)" });
      continue;
    }
    if (f.id < 1 || f.id > 536870911 || (f.id >= 19000 && f.id <= 19999)) {
      diagnostics.push({ ...loc, message: `${fullName}.${f.name} has invalid field number ${f.id}`, hint: "use 1..536870911, excluding 19000..19999" });
      continue;
    }
    if (f.required || (f.options && "default" in f.options)) {
      diagnostics.push({ ...loc, message: `${fullName}.${f.name} uses proto2 features`, hint: "write proto3: no `required`, no `[default = …]`" });
      continue;
    }
    const valueType = resolveType(f.type, file.pkg, known);
    if (!valueType) {
      diagnostics.push({
        ...loc,
        message: `${fullName}.${f.name} has unresolved type "${f.type}"`,
        hint: "declare it, or qualify it with its package (e.g. sdkws.MsgData) and import the file declaring it",
      });
      continue;
    }
    if (valueType.kind !== "scalar" && !importsDeclaringFile(file, valueType.fullName, known)) {
      diagnostics.push({
        ...loc,
        message: `${fullName}.${f.name} uses ${valueType.fullName} but ${file.rel} does not import the file declaring it`,
        hint: `add \`import "${path.basename(declaringFile(valueType.fullName, known) ?? "")}";\``,
      });
    }
    const field: ProtoField = { name: f.name, number: f.id, label: "singular", type: valueType, loc };
    if (f instanceof protobuf.MapField) {
      if (f.keyType !== "string") {
        diagnostics.push({ ...loc, message: `${fullName}.${f.name} has map key type ${f.keyType}`, hint: "only map<string, V> is supported (all OpenIM maps use string keys)" });
        continue;
      }
      field.label = "map";
      field.mapKey = "string";
    } else if (f.repeated) {
      field.label = "repeated";
    } else if (isOptional) {
      field.label = "optional";
    }
    if ((field.label === "repeated" || field.label === "map" || field.label === "optional") && valueType.kind === "wrapper") {
      diagnostics.push({ ...loc, message: `${fullName}.${f.name} is a ${field.label} wrapper`, hint: "wrappers are only supported as singular fields" });
      continue;
    }
    const doc = f.comment?.trim();
    if (doc) field.doc = doc;
    fields.push(field);
  }
  // Declaration order is kept: it is the Go struct order, hence the Go-JSON key order. Encoders sort by number.
  const msg: ProtoMessage = { fullName, package: file.pkg, name: type.name, fields, loc: msgLoc };
  const doc = type.comment?.trim();
  if (doc) msg.doc = doc;
  return msg;
}

/** proto scoping: a relative name is looked up from the innermost package outwards. */
function resolveType(ref: string, pkg: string, known: Known): ProtoValueType | undefined {
  if (SCALARS.has(ref)) return { kind: "scalar", scalar: ref as ScalarType };
  const candidates: string[] = [];
  if (ref.startsWith(".")) candidates.push(ref.slice(1));
  else {
    const parts = pkg.split(".");
    for (let i = parts.length; i >= 0; i--) candidates.push([...parts.slice(0, i), ref].join("."));
  }
  for (const full of candidates) {
    const msg = known.messages.get(full);
    if (msg) {
      const wrapped = wrapperScalar(full, msg.type);
      return wrapped ? { kind: "wrapper", fullName: full, scalar: wrapped } : { kind: "message", fullName: full };
    }
    if (known.enums.has(full)) return { kind: "enum", fullName: full };
  }
  return undefined;
}

function wrapperScalar(fullName: string, type: protobuf.Type): ScalarType | undefined {
  if (!fullName.startsWith(`${WRAPPER_PACKAGE}.`) || !fullName.endsWith("Value")) return undefined;
  const only = type.fieldsArray.length === 1 ? type.fieldsArray[0] : undefined;
  return only && only.name === "value" && only.id === 1 && SCALARS.has(only.type) ? (only.type as ScalarType) : undefined;
}

function declaringFile(fullName: string, known: Known): string | undefined {
  return (known.messages.get(fullName)?.file ?? known.enums.get(fullName))?.rel;
}

function importsDeclaringFile(file: ParsedFile, fullName: string, known: Known): boolean {
  const declaring = declaringFile(fullName, known);
  return declaring === undefined || declaring === file.rel || file.imports.includes(path.basename(declaring));
}

function buildEnum(file: ParsedFile, en: protobuf.Enum): ProtoEnum {
  const out: ProtoEnum = {
    fullName: `${file.pkg}.${en.name}`,
    package: file.pkg,
    name: en.name,
    values: Object.entries(en.values).map(([name, number]) => ({ name, number })),
    loc: locate(file.rel, file.text, declIndex(file.text, en.name, "enum")),
  };
  const doc = en.comment?.trim();
  if (doc) out.doc = doc;
  return out;
}

function buildPackages(files: ParsedFile[], diagnostics: Diagnostic[]): ProtoPackage[] {
  const byName = new Map<string, ProtoPackage>();
  for (const f of files) {
    const pkg = byName.get(f.pkg) ?? { name: f.pkg, short: f.pkg.slice(f.pkg.lastIndexOf(".") + 1), files: [] };
    pkg.files.push(f.rel);
    pkg.files.sort();
    byName.set(f.pkg, pkg);
  }
  const reserved = new Set(["index", "routes", "ws", "json", "notifications"]);
  const out = [...byName.values()].sort(byKey((p) => p.name));
  for (const p of out) {
    if (reserved.has(p.short)) {
      const file = files.find((f) => f.pkg === p.name)!;
      diagnostics.push({
        ...locate(file.rel, file.text, Math.max(0, file.text.search(/\bpackage\b/))),
        message: `package ${p.name} would generate ${p.short}.ts, which is reserved`,
        hint: `rename the package; ${[...reserved].join(", ")} are generated file names`,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------- locating declarations in text

function declIndex(text: string, name: string, keyword = "message"): number {
  const m = new RegExp(`\\b${keyword}\\s+${name}\\b`).exec(text) ?? new RegExp(`\\b(?:message|enum|service)\\s+${name}\\b`).exec(text);
  return m ? m.index : 0;
}

/** The text span between a message's braces. */
function messageBody(text: string, name: string): { start: number; end: number } | undefined {
  const m = new RegExp(`\\bmessage\\s+${name}\\s*\\{`).exec(text);
  if (!m) return undefined;
  const start = m.index + m[0].length;
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return { start, end: i };
  }
  return { start, end: text.length };
}

function locate(file: string, text: string, index: number): SourceLocation {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { file, line, col: index - lineStart + 1 };
}

function relPath(rootDir: string, abs: string): string {
  return path.relative(rootDir, abs).split(path.sep).join("/");
}

function byKey<T>(key: (t: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}
