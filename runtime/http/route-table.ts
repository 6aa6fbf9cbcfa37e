// The shape of a route table as the HTTP client needs it. generated/protocol/routes.ts
// satisfies it structurally; nothing here depends on which routes exist.

import type { DeepPartial } from "../contracts/protocol.js";

export type RouteTokenKind = "none" | "user" | "admin";

export interface RouteSpec<Req, Resp> {
  path: string;
  token: RouteTokenKind;
  req: { toGoJSON(msg: DeepPartial<Req>): Record<string, unknown> };
  resp: { fromGoJSON(json: unknown): Resp };
}

/** Any table of routes; each concrete table keeps its exact request and response types. */
export type AnyRouteTable = Record<string, RouteSpec<never, unknown>>;

/** Any field at any depth may be left out; the codec writes the zero value. */
export type RouteRequest<R> = R extends RouteSpec<infer Req, unknown> ? DeepPartial<Req> : never;
export type RouteResponse<R> = R extends RouteSpec<unknown, infer Resp> ? Resp : never;
