// schema/protocol/routes.ts, ws.ts, notifications.ts and json-types.ts → RouteDecl / WsDecl /
// NotificationDecl / JsonTypeDecl.
// These files are TypeScript so that an editor checks them, but codegen only reads their syntax
// (a TypeScript source file, no type checker: fast and independent of the rest of the schema).
// The accepted shapes are documented in schema/protocol/README.md.
import fs from "node:fs";
import path from "node:path";
import { ts } from "ts-morph";
import type { Diagnostic, SourceLocation } from "../ir/index.js";
import type { BodyType, JsonTypeDecl, NotificationDecl, RouteDecl, TokenKind, WsDecl, WsDirection } from "../ir/protocol.js";

export interface DeclarationsInput {
  rootDir: string;
  protocolDir: string;
  /** Full names of every parsed message, to validate references. */
  messages: ReadonlySet<string>;
}

export interface DeclarationsResult {
  routes: RouteDecl[];
  ws: WsDecl[];
  notifications: NotificationDecl[];
  jsonTypes: JsonTypeDecl[];
  diagnostics: Diagnostic[];
}

const TOKEN_KINDS: readonly TokenKind[] = ["none", "user", "admin"];
const WS_DIRECTIONS: readonly WsDirection[] = ["request", "push", "both"];
/** Type names a Json<T> body may use besides those declared in json-types.ts. */
const TS_BUILTINS = new Set(["Array", "Record", "Partial", "ReadonlyArray", "Readonly"]);

interface Source {
  rel: string;
  sf: ts.SourceFile;
}

export function parseProtocolDeclarations(input: DeclarationsInput): DeclarationsResult {
  const out: DeclarationsResult = { routes: [], ws: [], notifications: [], jsonTypes: [], diagnostics: [] };
  const read = (name: string): Source | undefined => {
    const abs = path.join(input.protocolDir, name);
    if (!fs.existsSync(abs)) return undefined;
    const rel = path.relative(input.rootDir, abs).split(path.sep).join("/");
    return { rel, sf: ts.createSourceFile(rel, fs.readFileSync(abs, "utf8"), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS) };
  };

  const jsonSrc = read("json-types.ts");
  if (jsonSrc) out.jsonTypes = parseJsonTypes(jsonSrc, out.diagnostics);
  const jsonNames = new Set(out.jsonTypes.map((t) => t.name));

  const routesSrc = read("routes.ts");
  if (routesSrc) out.routes = parseRoutes(routesSrc, input.messages, jsonNames, out.diagnostics);
  const wsSrc = read("ws.ts");
  if (wsSrc) out.ws = parseWs(wsSrc, input.messages, out.diagnostics);
  const tipsSrc = read("notifications.ts");
  if (tipsSrc) out.notifications = parseNotifications(tipsSrc, input.messages, out.diagnostics);

  out.routes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  out.ws.sort((a, b) => a.id - b.id);
  out.notifications.sort((a, b) => a.contentType - b.contentType);
  out.jsonTypes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return out;
}

function loc(src: Source, node: ts.Node): SourceLocation {
  const { line, character } = src.sf.getLineAndCharacterOfPosition(node.getStart(src.sf));
  return { file: src.rel, line: line + 1, col: character + 1 };
}

function docOf(node: ts.Node): string | undefined {
  const parts: string[] = [];
  for (const d of ts.getJSDocCommentsAndTags(node)) {
    if (ts.isJSDoc(d)) {
      const text = ts.getTextOfJSDocComment(d.comment)?.trim();
      if (text) parts.push(text);
    }
  }
  return parts.length > 0 ? parts.join("\n") : undefined;
}

function hasTag(node: ts.Node, name: string): boolean {
  return ts.getJSDocTags(node).some((t) => t.tagName.text === name);
}

/** JSDoc tags a route may carry. */
const ROUTE_TAGS = new Set(["protobuf", "sdk"]);

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** A string literal type's value, or null for the `null` type, or undefined for anything else. */
function literalOf(node: ts.TypeNode | undefined): string | null | undefined {
  if (!node || !ts.isLiteralTypeNode(node)) return undefined;
  if (ts.isStringLiteral(node.literal)) return node.literal.text;
  if (node.literal.kind === ts.SyntaxKind.NullKeyword) return null;
  return undefined;
}

function typeRefName(node: ts.TypeNode | undefined): string | undefined {
  return node && ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) ? node.typeName.text : undefined;
}

function parseJsonTypes(src: Source, diagnostics: Diagnostic[]): JsonTypeDecl[] {
  const out: JsonTypeDecl[] = [];
  for (const st of src.sf.statements) {
    if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && isExported(st)) {
      const text = st.getFullText(src.sf).replace(/^\s*\n/, "").replace(/^\s+(?=\/\*\*|export)/, "");
      out.push({ name: st.name.text, text: text.trimEnd(), loc: loc(src, st) });
    } else {
      diagnostics.push({
        ...loc(src, st),
        message: "json-types.ts may only hold exported interfaces and type aliases",
        hint: "declare each JSON body type as `export interface Name { … }` (it is copied verbatim into generated code)",
      });
    }
  }
  return out;
}

function parseBody(
  src: Source,
  node: ts.TypeNode | undefined,
  route: string,
  side: "request" | "response",
  messages: ReadonlySet<string>,
  jsonNames: ReadonlySet<string>,
  diagnostics: Diagnostic[],
): BodyType | undefined {
  const at = node ?? src.sf;
  const lit = literalOf(node);
  if (typeof lit === "string") {
    if (!messages.has(lit)) {
      diagnostics.push({
        ...loc(src, at),
        message: `${route}: ${side} message "${lit}" is not declared in any schema/protocol/*.proto`,
        hint: 'use a proto full name such as "openim.auth.getAdminTokenReq", or Json<T> for a non-proto body',
      });
      return undefined;
    }
    return { kind: "proto", fullName: lit };
  }
  if (node && typeRefName(node) === "Json" && ts.isTypeReferenceNode(node) && node.typeArguments?.length === 1) {
    const arg = node.typeArguments[0]!;
    let ok = true;
    const visit = (n: ts.Node) => {
      if (ts.isTypeReferenceNode(n) && ts.isIdentifier(n.typeName)) {
        const name = n.typeName.text;
        if (!jsonNames.has(name) && !TS_BUILTINS.has(name)) {
          ok = false;
          diagnostics.push({
            ...loc(src, n),
            message: `${route}: ${side} type ${name} is not declared in schema/protocol/json-types.ts`,
            hint: `add \`export interface ${name} { … }\` to json-types.ts`,
          });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(arg);
    return ok ? { kind: "json", tsType: arg.getText(src.sf) } : undefined;
  }
  diagnostics.push({
    ...loc(src, at),
    message: `${route}: the ${side} must be a proto message name or Json<T>`,
    hint: 'write e.g. "openim.msg.RevokeMsgReq" or Json<ApiSendMsgReq>',
  });
  return undefined;
}

function parseRoutes(
  src: Source,
  messages: ReadonlySet<string>,
  jsonNames: ReadonlySet<string>,
  diagnostics: Diagnostic[],
): RouteDecl[] {
  const out: RouteDecl[] = [];
  const seen = new Map<string, SourceLocation>();
  for (const st of src.sf.statements) {
    if (ts.isImportDeclaration(st)) continue;
    if (!ts.isInterfaceDeclaration(st) || !isExported(st)) {
      diagnostics.push({ ...loc(src, st), message: "routes.ts may only hold imports and exported route interfaces", hint: "group routes as `export interface XxxRoutes { \"/x/y\": Route<…>; }`" });
      continue;
    }
    for (const member of st.members) {
      if (!ts.isPropertySignature(member) || !member.name || !ts.isStringLiteral(member.name)) {
        diagnostics.push({ ...loc(src, member), message: `${st.name.text}: every member must be a quoted route path`, hint: '"/group/action": Route<token, Req, Resp>;' });
        continue;
      }
      const routePath = member.name.text;
      const where = loc(src, member);
      if (!/^(\/[a-z0-9_]+){2,}$/.test(routePath)) {
        diagnostics.push({ ...where, message: `route path "${routePath}" is malformed`, hint: 'use "/<group>/<action>" in lower snake case, e.g. "/auth/get_admin_token"' });
        continue;
      }
      const prev = seen.get(routePath);
      if (prev) {
        diagnostics.push({ ...where, message: `route ${routePath} is declared twice (first at ${prev.file}:${prev.line})`, hint: "declare each path once" });
        continue;
      }
      seen.set(routePath, where);
      const type = member.type;
      if (typeRefName(type) !== "Route" || !ts.isTypeReferenceNode(type!) || type.typeArguments?.length !== 3) {
        diagnostics.push({ ...where, message: `route ${routePath} is not declared as Route<Token, Req, Resp>`, hint: 'e.g. Route<"user", "openim.msg.RevokeMsgReq", "openim.msg.RevokeMsgResp">' });
        continue;
      }
      const [tokenNode, reqNode, respNode] = type.typeArguments;
      const token = literalOf(tokenNode);
      if (typeof token !== "string" || !(TOKEN_KINDS as readonly string[]).includes(token)) {
        diagnostics.push({ ...loc(src, tokenNode!), message: `route ${routePath} has token kind ${tokenNode!.getText(src.sf)}`, hint: `use one of ${TOKEN_KINDS.map((t) => `"${t}"`).join(", ")}` });
        continue;
      }
      const req = parseBody(src, reqNode, routePath, "request", messages, jsonNames, diagnostics);
      const resp = parseBody(src, respNode, routePath, "response", messages, jsonNames, diagnostics);
      if (!req || !resp) continue;
      const unknownTag = ts.getJSDocTags(member).find((t) => !ROUTE_TAGS.has(t.tagName.text));
      if (unknownTag) {
        diagnostics.push({ ...loc(src, unknownTag), message: `route ${routePath} has unknown tag @${unknownTag.tagName.text}`, hint: `route tags: ${[...ROUTE_TAGS].map((t) => `@${t}`).join(", ")}` });
        continue;
      }
      const protobufBody = hasTag(member, "protobuf");
      if (protobufBody && (req.kind !== "proto" || resp.kind !== "proto")) {
        diagnostics.push({ ...where, message: `route ${routePath} is tagged @protobuf but has a Json<T> body`, hint: "@protobuf needs proto messages on both sides" });
        continue;
      }
      const sdk = hasTag(member, "sdk");
      if (sdk && token === "admin") {
        diagnostics.push({ ...where, message: `route ${routePath} is tagged @sdk but needs an admin token`, hint: "the SDK only holds a user token; call admin routes from tools or the devserver" });
        continue;
      }
      const decl: RouteDecl = { path: routePath, token: token as TokenKind, req, resp, protobuf: protobufBody, sdk, loc: where };
      const doc = docOf(member);
      if (doc) decl.doc = doc;
      out.push(decl);
    }
  }
  return out;
}

function parseWs(src: Source, messages: ReadonlySet<string>, diagnostics: Diagnostic[]): WsDecl[] {
  const out: WsDecl[] = [];
  const ids = new Map<number, SourceLocation>();
  const names = new Map<string, SourceLocation>();
  for (const st of src.sf.statements) {
    if (ts.isImportDeclaration(st)) continue;
    if (!ts.isInterfaceDeclaration(st) || !isExported(st)) {
      diagnostics.push({ ...loc(src, st), message: "ws.ts may only hold imports and exported interfaces of reqIdentifiers", hint: "declare `export interface WsIdentifiers { 1001: Ws<…>; }`" });
      continue;
    }
    for (const member of st.members) {
      const where = loc(src, member);
      if (!ts.isPropertySignature(member) || !member.name || !ts.isNumericLiteral(member.name)) {
        diagnostics.push({ ...where, message: `${st.name.text}: every member must be a numeric reqIdentifier`, hint: '1001: Ws<"GetNewestSeq", "request", Req, Resp>;' });
        continue;
      }
      const id = Number(member.name.text);
      const type = member.type;
      if (typeRefName(type) !== "Ws" || !ts.isTypeReferenceNode(type!) || type.typeArguments?.length !== 4) {
        diagnostics.push({ ...where, message: `reqIdentifier ${id} is not declared as Ws<Name, Direction, Req, Resp>`, hint: 'e.g. Ws<"GetNewestSeq", "request", "openim.sdkws.GetMaxSeqReq", "openim.sdkws.GetMaxSeqResp">' });
        continue;
      }
      const [nameNode, dirNode, reqNode, respNode] = type.typeArguments;
      const name = literalOf(nameNode);
      const direction = literalOf(dirNode);
      if (typeof name !== "string" || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
        diagnostics.push({ ...loc(src, nameNode!), message: `reqIdentifier ${id} needs a PascalCase name`, hint: 'e.g. "GetNewestSeq"' });
        continue;
      }
      if (typeof direction !== "string" || !(WS_DIRECTIONS as readonly string[]).includes(direction)) {
        diagnostics.push({ ...loc(src, dirNode!), message: `reqIdentifier ${id} has direction ${dirNode!.getText(src.sf)}`, hint: `use one of ${WS_DIRECTIONS.map((d) => `"${d}"`).join(", ")}` });
        continue;
      }
      const prevId = ids.get(id);
      const prevName = names.get(name);
      if (prevId || prevName) {
        const prev = (prevId ?? prevName)!;
        diagnostics.push({ ...where, message: `reqIdentifier ${id} "${name}" repeats an identifier or name (first at ${prev.file}:${prev.line})`, hint: "identifiers and names must be unique" });
        continue;
      }
      ids.set(id, where);
      names.set(name, where);
      const side = (node: ts.TypeNode | undefined, what: string): string | null | undefined => {
        const v = literalOf(node);
        if (v === null) return null;
        if (typeof v === "string" && messages.has(v)) return v;
        diagnostics.push({
          ...loc(src, node ?? member),
          message: `reqIdentifier ${id}: ${what} ${node ? node.getText(src.sf) : "(missing)"} is not a declared proto message`,
          hint: "use a proto full name such as \"openim.sdkws.MsgData\", or null when that side carries no data",
        });
        return undefined;
      };
      const req = side(reqNode, "request");
      const resp = side(respNode, "response");
      if (req === undefined || resp === undefined) continue;
      const decl: WsDecl = { id, name, direction: direction as WsDirection, req, resp, loc: where };
      const doc = docOf(member);
      if (doc) decl.doc = doc;
      out.push(decl);
    }
  }
  return out;
}

function parseNotifications(src: Source, messages: ReadonlySet<string>, diagnostics: Diagnostic[]): NotificationDecl[] {
  const out: NotificationDecl[] = [];
  const seen = new Map<string, SourceLocation>();
  for (const st of src.sf.statements) {
    if (ts.isImportDeclaration(st)) continue;
    if (!ts.isInterfaceDeclaration(st) || !isExported(st)) {
      diagnostics.push({ ...loc(src, st), message: "notifications.ts may only hold imports and exported interfaces of contentTypes", hint: "declare `export interface NotificationTips { 1501: Tips<…>; }`" });
      continue;
    }
    for (const member of st.members) {
      const where = loc(src, member);
      if (!ts.isPropertySignature(member) || !member.name || !ts.isNumericLiteral(member.name)) {
        diagnostics.push({ ...where, message: `${st.name.text}: every member must be a numeric contentType`, hint: '1501: Tips<"GroupCreated", "openim.sdkws.GroupCreatedTips">;' });
        continue;
      }
      const contentType = Number(member.name.text);
      const type = member.type;
      if (typeRefName(type) !== "Tips" || !ts.isTypeReferenceNode(type!) || type.typeArguments?.length !== 2) {
        diagnostics.push({ ...where, message: `contentType ${contentType} is not declared as Tips<Name, Message>`, hint: 'e.g. Tips<"GroupCreated", "openim.sdkws.GroupCreatedTips">' });
        continue;
      }
      const [nameNode, tipsNode] = type.typeArguments;
      const name = literalOf(nameNode);
      const tips = literalOf(tipsNode);
      if (typeof name !== "string" || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
        diagnostics.push({ ...loc(src, nameNode!), message: `contentType ${contentType} needs a PascalCase name`, hint: 'e.g. "GroupCreated"' });
        continue;
      }
      if (typeof tips !== "string" || !messages.has(tips)) {
        diagnostics.push({ ...loc(src, tipsNode!), message: `contentType ${contentType}: ${tipsNode!.getText(src.sf)} is not a declared proto message`, hint: 'use a proto full name such as "openim.sdkws.GroupCreatedTips"' });
        continue;
      }
      const prev = seen.get(String(contentType)) ?? seen.get(name);
      if (prev) {
        diagnostics.push({ ...where, message: `contentType ${contentType} "${name}" repeats a contentType or name (first at ${prev.file}:${prev.line})`, hint: "contentTypes and names must be unique" });
        continue;
      }
      seen.set(String(contentType), where);
      seen.set(name, where);
      const decl: NotificationDecl = { contentType, name, tips, loc: where };
      const doc = docOf(member);
      if (doc) decl.doc = doc;
      out.push(decl);
    }
  }
  return out;
}
