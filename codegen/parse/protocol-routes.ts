// schema/protocol/routes.ts, ws.ts and json-types.ts → RouteDecl / WsDecl / JsonTypeDecl.
import type { Diagnostic } from "../ir/index.js";
import type { JsonTypeDecl, RouteDecl, WsDecl } from "../ir/protocol.js";

export interface DeclarationsInput {
  rootDir: string;
  protocolDir: string;
  /** Full names of every parsed message, to validate references. */
  messages: ReadonlySet<string>;
}

export interface DeclarationsResult {
  routes: RouteDecl[];
  ws: WsDecl[];
  jsonTypes: JsonTypeDecl[];
  diagnostics: Diagnostic[];
}

export function parseProtocolDeclarations(input: DeclarationsInput): DeclarationsResult {
  void input;
  return { routes: [], ws: [], jsonTypes: [], diagnostics: [] };
}
