// The HTTP router over the generated route table: token rule, Go-JSON decode, handler, encode.
// The handler table is typed RouteHandlers, so a route declared in the schema cannot go unserved.
import { routes, type RouteHandlers, type RoutePath } from "../../generated/protocol/routes.js";
import { CodeError, ErrCode } from "../errors.js";
import type { ApiRouter, HttpCall, TokenKind } from "../http/server.js";
import { withOperationID } from "../logic/operation.js";
import type { Services } from "../logic/services.js";
import { groupSyncRoutes } from "./group-sync.js";
import { authRoutes } from "./auth.js";
import type { RouteCtx } from "./context.js";
import { conversationRoutes } from "./conversation.js";
import { friendRoutes } from "./friend.js";
import { groupRoutes } from "./group.js";
import { jssdkRoutes } from "./jssdk.js";
import { msgRoutes } from "./msg.js";
import { userRoutes } from "./user.js";

const handlers: RouteHandlers<RouteCtx> = {
  ...authRoutes,
  ...userRoutes,
  ...msgRoutes,
  ...conversationRoutes,
  ...friendRoutes,
  ...groupRoutes,
  ...groupSyncRoutes,
  ...jssdkRoutes,
};

const isRoute = (path: string): path is RoutePath => Object.hasOwn(routes, path);

/**
 * idHash is a uint64 the JS side cannot hold beyond 2^53; a client (e.g. the Go SDK) that sends
 * a real hash cannot be compared exactly, so it is treated as "no hash": the full list is sent.
 */
function relaxIdHash(body: unknown): unknown {
  if (typeof body !== "object" || body === null) return body;
  const o = body as Record<string, unknown>;
  const key = Object.keys(o).find((k) => k.toLowerCase() === "idhash");
  if (key && typeof o[key] === "number" && !Number.isSafeInteger(o[key])) return { ...o, [key]: 0 };
  return body;
}

type Binary = { decode(b: Uint8Array): unknown; encode(m: unknown): Uint8Array };

/** OpenIM accepts protobuf bodies only on /jssdk/* (what @openim/client-sdk uses); elsewhere it is an ArgsError. */
function protobufCodecs(path: RoutePath): { req: Binary; resp: Binary } {
  const route = routes[path];
  const isCodec = (b: unknown): b is Binary => typeof (b as Binary).decode === "function";
  if (!path.startsWith("/jssdk/") || !isCodec(route.req) || !isCodec(route.resp)) {
    throw new CodeError(ErrCode.Args, `${path} takes a JSON body; protobuf bodies are accepted on /jssdk/* only`);
  }
  return { req: route.req, resp: route.resp };
}

export function createApiRouter(s: Services): ApiRouter {
  return {
    tokenKind: (path: string): TokenKind | undefined => (isRoute(path) ? routes[path].token : undefined),
    async handle(call: HttpCall): Promise<unknown> {
      const path = call.path as RoutePath;
      const route = routes[path];
      const actor = route.token === "none" ? null : s.tokens.check(call.token);
      if (route.token === "admin" && !actor!.isAdmin) {
        throw new CodeError(ErrCode.NoPermission, `${path} needs an admin token (from /auth/get_admin_token)`);
      }
      const binary = call.protobuf ? protobufCodecs(path) : undefined;
      const req = binary ? binary.req.decode(call.body as Uint8Array) : route.req.fromGoJSON(relaxIdHash(call.body));
      const handler = handlers[path] as (req: unknown, ctx: RouteCtx) => unknown;
      const resp = await withOperationID(call.operationID, () => handler(req, { s, actor, operationID: call.operationID }));
      // Protobuf mode answers `data` as the base64 of the binary response.
      if (binary) return Buffer.from(binary.resp.encode(resp)).toString("base64");
      const data = (route.resp as { toGoJSON(v: unknown): unknown }).toGoJSON(resp);
      // OpenIM leaves `data` out when the response message has no fields.
      return data !== null && typeof data === "object" && !Array.isArray(data) && Object.keys(data).length === 0 ? undefined : data;
    },
  };
}
