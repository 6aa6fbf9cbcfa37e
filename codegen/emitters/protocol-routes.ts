// ProtocolIR routes/ws/notifications/jsonTypes → generated/protocol/routes.ts, sdk-routes.ts,
// ws.ts, notifications.ts and json-types.ts.
// `routes` is every declared route: the devserver implements `RouteHandlers<Ctx>` (none optional),
// so it cannot drift from the schema. The runtime's HTTP client reads `sdkRoutes`, the @sdk subset
// in a module of its own: a table object keeps every codec it names, and a browser bundle should
// not carry the codecs of admin and devserver-only routes.
import type { Emitter, GeneratedFile, SchemaIR } from "../ir/index.js";
import type { BodyType, ProtoPackage, ProtocolIR, RouteDecl, WsDecl } from "../ir/protocol.js";
import { CONTRACT_IMPORT } from "./protocol-codec.js";
import { tsHeader } from "./header.js";

export const protocolRoutesEmitter: Emitter = {
  name: "protocol-routes",
  emit(ir: SchemaIR): GeneratedFile[] {
    const p = ir.protocol;
    const files: GeneratedFile[] = [];
    if (p.jsonTypes.length > 0) files.push({ path: "protocol/json-types.ts", content: emitJsonTypes(p) });
    if (p.routes.length > 0) files.push({ path: "protocol/routes.ts", content: emitRoutes(p) });
    if (p.routes.some((r) => r.sdk)) files.push({ path: "protocol/sdk-routes.ts", content: emitSdkRoutes(p) });
    if (p.ws.length > 0) files.push({ path: "protocol/ws.ts", content: emitWs(p) });
    if (p.notifications.length > 0) files.push({ path: "protocol/notifications.ts", content: emitNotifications(p) });
    return files;
  },
};

/** Resolves proto full names to `pkg.Name` and records which package modules to import. */
class Refs {
  readonly used = new Set<string>();
  private readonly byName: Map<string, ProtoPackage>;
  constructor(packages: ProtoPackage[]) {
    this.byName = new Map(packages.map((p) => [p.name, p]));
  }
  ref(fullName: string): string {
    const dot = fullName.lastIndexOf(".");
    const pkg = this.byName.get(fullName.slice(0, dot))!;
    this.used.add(pkg.short);
    return `${pkg.short}.${fullName.slice(dot + 1)}`;
  }
  imports(): string {
    return [...this.used].sort().map((s) => `import * as ${s} from "./${s}.js";\n`).join("");
  }
}

function doc(text: string | undefined, indent: string): string {
  if (!text) return "";
  const lines = text.replace(/\*\//g, "*\\/").split("\n");
  return lines.length === 1 ? `${indent}/** ${lines[0]} */\n` : `${indent}/**\n${lines.map((l) => `${indent} * ${l}`.trimEnd()).join("\n")}\n${indent} */\n`;
}

function emitJsonTypes(p: ProtocolIR): string {
  const files = [...new Set(p.jsonTypes.map((t) => t.loc.file))].sort().join(", ");
  return `${tsHeader}// JSON bodies that are not proto messages. Source: ${files}.\n\n${p.jsonTypes.map((t) => `${t.text}\n`).join("\n")}`;
}

function bodyType(b: BodyType, refs: Refs, jsonNames: ReadonlySet<string>): string {
  return b.kind === "proto" ? refs.ref(b.fullName) : qualifyJson(b.tsType, jsonNames);
}

/** Json<T> types name declarations of json-types.ts; in routes.ts they live under the `json.` namespace. */
function qualifyJson(tsType: string, jsonNames: ReadonlySet<string>): string {
  return tsType.replace(/\b[A-Za-z_$][A-Za-z0-9_$]*\b/g, (name) => (jsonNames.has(name) ? `json.${name}` : name));
}

/** `side` picks the codec: the whole one, or only its Go-JSON side (`$json`) for a JSON-only client. */
function bodyValue(b: BodyType, refs: Refs, jsonNames: ReadonlySet<string>, side: "" | "$json"): string {
  if (b.kind === "proto") return refs.ref(b.fullName) + side;
  const shape = /\[\]\s*$|^(Readonly)?Array</.test(b.tsType.trim()) ? "array" : "object";
  return `/* @__PURE__ */ jsonBody<${qualifyJson(b.tsType, jsonNames)}>(${JSON.stringify(b.tsType)}, "${shape}")`;
}

function emitRoutes(p: ProtocolIR): string {
  const refs = new Refs(p.packages);
  const jsonNames = new Set(p.jsonTypes.map((t) => t.name));
  const types: string[] = [];
  const table: string[] = [];
  for (const r of p.routes) {
    types.push(doc(routeDoc(r), "  "));
    types.push(`  ${JSON.stringify(r.path)}: { req: ${bodyType(r.req, refs, jsonNames)}; resp: ${bodyType(r.resp, refs, jsonNames)} };\n`);
    table.push(routeRow(r, refs, jsonNames, ""));
  }
  const usesJson = p.routes.some((r) => r.req.kind === "json" || r.resp.kind === "json");
  const files = [...new Set(p.routes.map((r) => r.loc.file))].sort().join(", ");
  return [
    tsHeader,
    `// The HTTP route table. Source: ${files}.\n`,
    `import { ${usesJson ? "jsonBody, " : ""}type RouteBody, type TokenKind } from "${CONTRACT_IMPORT}";\n`,
    usesJson ? `import type * as json from "./json-types.js";\n` : "",
    refs.imports(),
    `\nexport type { RouteBody, TokenKind };\n`,
    `\n/** Request and response body type of every route. */\nexport interface RouteTypes {\n${types.join("")}}\n`,
    `\nexport type RoutePath = keyof RouteTypes;\n`,
    `export type RouteReq<P extends RoutePath> = RouteTypes[P]["req"];\n`,
    `export type RouteResp<P extends RoutePath> = RouteTypes[P]["resp"];\n`,
    `\nexport interface RouteEntry<P extends RoutePath> {\n  readonly path: P;\n  /** The token the \`token\` header must carry: none, any user (or admin) token, or an admin token. */\n  readonly token: TokenKind;\n  /** Also accepts a binary protobuf body (Content-Type application/x-protobuf); \`data\` is then base64 protobuf. */\n  readonly protobuf: boolean;\n  readonly req: RouteBody<RouteReq<P>>;\n  readonly resp: RouteBody<RouteResp<P>>;\n}\n`,
    `\n/** Every route: POST <apiAddr><path>, Go-JSON bodies, {errCode, errMsg, errDlt, data} envelope. */\n`,
    `export const routes: { readonly [P in RoutePath]: RouteEntry<P> } = {\n${table.join("")}};\n`,
    `\n/** What a server implements: one handler per declared route, none optional. */\n`,
    `export type RouteHandlers<Ctx> = {\n  [P in RoutePath]: (req: RouteReq<P>, ctx: Ctx) => RouteResp<P> | Promise<RouteResp<P>>;\n};\n`,
  ].join("");
}

function emitSdkRoutes(p: ProtocolIR): string {
  const refs = new Refs(p.packages);
  const jsonNames = new Set(p.jsonTypes.map((t) => t.name));
  const sdk = p.routes.filter((r) => r.sdk);
  const usesJson = sdk.some((r) => r.req.kind === "json" || r.resp.kind === "json");
  const table = sdk.map((r) => routeRow(r, refs, jsonNames, "$json")).join("");
  return [
    tsHeader,
    `// The routes the SDK calls (tagged @sdk in schema/protocol/routes.ts), for the runtime's HTTP client.\n`,
    `// Only these routes' codecs, and only their Go-JSON side, reach a bundle that imports this table.\n`,
    `import { ${usesJson ? "jsonBody, " : ""}type GoJSONBody } from "${CONTRACT_IMPORT}";\n`,
    usesJson ? `import type * as json from "./json-types.js";\n` : "",
    `import type { RouteEntry, RouteReq, RouteResp } from "./routes.js";\n`,
    refs.imports(),
    `\nexport type SdkRoutePath =\n${sdk.map((r) => `  | ${JSON.stringify(r.path)}`).join("\n")};\n`,
    `\n/** A route as the SDK's HTTP client uses it: only the Go-JSON side of its codecs. */\n`,
    `export interface SdkRouteEntry<P extends SdkRoutePath> extends Omit<RouteEntry<P>, "req" | "resp"> {\n`,
    `  readonly req: GoJSONBody<RouteReq<P>>;\n  readonly resp: GoJSONBody<RouteResp<P>>;\n}\n`,
    `\nexport const sdkRoutes: { readonly [P in SdkRoutePath]: SdkRouteEntry<P> } = {\n${table}};\n`,
  ].join("");
}

/** One row of a route table: namespace property reads and pure calls only, so an unused table shakes out. */
function routeRow(r: RouteDecl, refs: Refs, jsonNames: ReadonlySet<string>, side: "" | "$json"): string {
  return `  ${JSON.stringify(r.path)}: { path: ${JSON.stringify(r.path)}, token: "${r.token}", protobuf: ${r.protobuf}, req: ${bodyValue(r.req, refs, jsonNames, side)}, resp: ${bodyValue(r.resp, refs, jsonNames, side)} },\n`;
}

function routeDoc(r: RouteDecl): string {
  const token = r.token === "none" ? "No token." : r.token === "admin" ? "Admin token." : "User token.";
  return r.doc ? `${token} ${r.doc}` : token;
}

function emitWs(p: ProtocolIR): string {
  const refs = new Refs(p.packages);
  const ids: string[] = [];
  const types: string[] = [];
  const table: string[] = [];
  const side = (s: string | null) => (s === null ? "null" : refs.ref(s));
  // Frames are binary protobuf: the table names only the binary side of each codec.
  const codec = (s: string | null) => (s === null ? "null" : `${refs.ref(s)}$wire`);
  for (const w of p.ws) {
    ids.push(doc(w.doc, "  ") + `  ${w.name}: ${w.id},\n`);
    types.push(`  ${w.id}: { req: ${side(w.req)}; resp: ${side(w.resp)} };\n`);
    table.push(wsRow(w, codec));
  }
  const files = [...new Set(p.ws.map((w) => w.loc.file))].sort().join(", ");
  return [
    tsHeader,
    `// The WebSocket reqIdentifier table. Source: ${files}.\n`,
    `import type { WireCodec } from "${CONTRACT_IMPORT}";\n`,
    refs.imports(),
    `\nexport const ReqIdentifier = {\n${ids.join("")}} as const;\n`,
    `export type ReqIdentifier = (typeof ReqIdentifier)[keyof typeof ReqIdentifier];\n`,
    `\n/** The data message of each side of each reqIdentifier (null: that side never carries data). */\n`,
    `export interface WsTypes {\n${types.join("")}}\n`,
    `export type WsReq<I extends ReqIdentifier> = WsTypes[I]["req"];\n`,
    `export type WsResp<I extends ReqIdentifier> = WsTypes[I]["resp"];\n`,
    `type CodecOf<T> = [T] extends [null] ? null : WireCodec<NonNullable<T>>;\n`,
    `\nexport interface WsEntry<I extends ReqIdentifier> {\n  readonly id: I;\n  readonly name: string;\n  /** request: client asks, server answers; push: server-initiated; both: either. */\n  readonly direction: "request" | "push" | "both";\n  readonly req: CodecOf<WsReq<I>>;\n  readonly resp: CodecOf<WsResp<I>>;\n}\n`,
    `\nexport const wsTable: { readonly [I in ReqIdentifier]: WsEntry<I> } = {\n${table.join("")}};\n`,
    `\n/** True when \`id\` is a declared reqIdentifier (anything else closes the connection on a real server). */\n`,
    `export function isReqIdentifier(id: unknown): id is ReqIdentifier {\n  return typeof id === "number" && Object.prototype.hasOwnProperty.call(wsTable, id);\n}\n`,
  ].join("");
}

function emitNotifications(p: ProtocolIR): string {
  const refs = new Refs(p.packages);
  const names: string[] = [];
  const types: string[] = [];
  const table: string[] = [];
  for (const n of p.notifications) {
    names.push(doc(n.doc, "  ") + `  ${n.name}: ${n.contentType},\n`);
    types.push(`  ${n.contentType}: ${refs.ref(n.tips)};\n`);
    table.push(`  ${n.contentType}: ${refs.ref(n.tips)},\n`);
  }
  const files = [...new Set(p.notifications.map((n) => n.loc.file))].sort().join(", ");
  return [
    tsHeader,
    `// Notification contentTypes and their tips messages. Source: ${files}.\n`,
    `import { decodeNotificationContent, encodeNotificationContent, type DeepPartial, type MessageCodec } from "${CONTRACT_IMPORT}";\n`,
    refs.imports(),
    `\nexport const NotificationType = {\n${names.join("")}} as const;\n`,
    `export type NotificationType = (typeof NotificationType)[keyof typeof NotificationType];\n`,
    `\n/** The tips message of each notification contentType. */\nexport interface NotificationTipsTypes {\n${types.join("")}}\n`,
    `\nexport const notificationTips: { readonly [C in NotificationType]: MessageCodec<NotificationTipsTypes[C]> } = {\n${table.join("")}};\n`,
    `\nexport function isNotificationType(contentType: unknown): contentType is NotificationType {\n`,
    `  return typeof contentType === "number" && Object.prototype.hasOwnProperty.call(notificationTips, contentType);\n}\n`,
    `\n/** MsgData.content for a notification: {"detail": "<Go JSON of the tips>"}, as the server writes it. */\n`,
    `export function notificationContent<C extends NotificationType>(contentType: C, tips: DeepPartial<NotificationTipsTypes[C]>): Uint8Array {\n`,
    `  return encodeNotificationContent(notificationTips[contentType] as MessageCodec<NotificationTipsTypes[C]>, tips);\n}\n`,
    `\n/** The tips inside a notification's MsgData.content; throws ProtocolError when it is not well-formed. */\n`,
    `export function readNotification<C extends NotificationType>(contentType: C, content: Uint8Array): NotificationTipsTypes[C] {\n`,
    `  return decodeNotificationContent(notificationTips[contentType] as MessageCodec<NotificationTipsTypes[C]>, content);\n}\n`,
  ].join("");
}

function wsRow(w: WsDecl, codec: (s: string | null) => string): string {
  return `  ${w.id}: { id: ${w.id}, name: ${JSON.stringify(w.name)}, direction: "${w.direction}", req: ${codec(w.req)}, resp: ${codec(w.resp)} },\n`;
}
