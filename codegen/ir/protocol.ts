// IR of the wire protocol: proto packages/messages/enums, the HTTP route table and the
// WebSocket reqIdentifier table. Owned by the protocol parser (codegen/parse/protocol.ts).
// Everything is sorted (packages, messages and enums by full name, fields by number,
// routes by path, ws entries by identifier) so output never depends on file order.
import type { SourceLocation } from "./index.js";

export type ScalarType =
  | "double"
  | "float"
  | "int32"
  | "uint32"
  | "sint32"
  | "fixed32"
  | "sfixed32"
  | "int64"
  | "uint64"
  | "sint64"
  | "fixed64"
  | "sfixed64"
  | "bool"
  | "string"
  | "bytes";

/** What a field (or a map value) holds. Wrapper messages are their own kind: they surface as bare values. */
export type ProtoValueType =
  | { kind: "scalar"; scalar: ScalarType }
  | { kind: "enum"; fullName: string }
  | { kind: "message"; fullName: string }
  | { kind: "wrapper"; fullName: string; scalar: ScalarType };

/**
 * `singular`: proto3 implicit presence (defaults omitted on the wire);
 * `optional`: proto3 `optional` (presence tracked, `undefined` when unset);
 * `repeated`; `map` (then `mapKey` is the key type and `type` the value type).
 */
export type FieldLabel = "singular" | "optional" | "repeated" | "map";

export interface ProtoField {
  /** The proto name verbatim: it is also the TS property and the Go JSON key. */
  name: string;
  number: number;
  label: FieldLabel;
  type: ProtoValueType;
  mapKey?: ScalarType;
  doc?: string;
  loc: SourceLocation;
}

export interface ProtoMessage {
  /** e.g. "openim.sdkws.MsgData" */
  fullName: string;
  /** e.g. "openim.sdkws" */
  package: string;
  /** e.g. "MsgData" */
  name: string;
  /** In declaration order (the Go struct and Go-JSON key order); the wire uses number order. */
  fields: ProtoField[];
  doc?: string;
  loc: SourceLocation;
}

export interface ProtoEnum {
  fullName: string;
  package: string;
  name: string;
  values: { name: string; number: number }[];
  doc?: string;
  loc: SourceLocation;
}

export interface ProtoPackage {
  /** e.g. "openim.sdkws" */
  name: string;
  /** Last segment, used as the generated module name: "sdkws" → generated/protocol/sdkws.ts */
  short: string;
  /** Schema files declaring it, relative to the repository root. */
  files: string[];
}

export type TokenKind = "none" | "user" | "admin";

/** A request or response body: a proto message (Go-JSON encoded) or a hand-declared JSON type. */
export type BodyType =
  | { kind: "proto"; fullName: string }
  | { kind: "json"; tsType: string };

export interface RouteDecl {
  /** e.g. "/auth/get_admin_token" */
  path: string;
  token: TokenKind;
  req: BodyType;
  resp: BodyType;
  /** Also accepts a binary protobuf body (Content-Type application/x-protobuf); JSDoc tag `@protobuf`. */
  protobuf: boolean;
  /** The SDK calls it (JSDoc tag `@sdk`): it goes into sdkRoutes, the table a browser bundle carries. */
  sdk: boolean;
  doc?: string;
  loc: SourceLocation;
}

export type WsDirection = "request" | "push" | "both";

export interface WsDecl {
  /** The reqIdentifier, e.g. 1001. */
  id: number;
  /** The SDK-side name, e.g. "GetNewestSeq". */
  name: string;
  direction: WsDirection;
  /** Full name of the request's data message, or null when the frame carries no data. */
  req: string | null;
  /** Full name of the response/push data message, or null when data is always null. */
  resp: string | null;
  doc?: string;
  loc: SourceLocation;
}

/** A notification contentType and the tips message JSON-encoded in its NotificationElem.detail. */
export interface NotificationDecl {
  contentType: number;
  /** e.g. "GroupCreated" */
  name: string;
  /** Full name of the tips message. */
  tips: string;
  doc?: string;
  loc: SourceLocation;
}

/** A TypeScript type declared for JSON bodies; its source text is copied into generated code. */
export interface JsonTypeDecl {
  name: string;
  /** The declaration's source text, including its JSDoc. */
  text: string;
  loc: SourceLocation;
}

export interface ProtocolIR {
  packages: ProtoPackage[];
  messages: ProtoMessage[];
  enums: ProtoEnum[];
  routes: RouteDecl[];
  ws: WsDecl[];
  notifications: NotificationDecl[];
  jsonTypes: JsonTypeDecl[];
}

export function emptyProtocolIR(): ProtocolIR {
  return { packages: [], messages: [], enums: [], routes: [], ws: [], notifications: [], jsonTypes: [] };
}
