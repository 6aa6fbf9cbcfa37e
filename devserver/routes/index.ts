// The HTTP router over the generated route table: token rule, Go-JSON decode, handler, encode.
// The handler table is typed RouteHandlers, so a route declared in the schema cannot go unserved.
import { routes, type RouteHandlers, type RoutePath } from "../../generated/protocol/routes.js";
import { CodeError, ErrCode } from "../errors.js";
import type { ApiRouter, HttpCall, TokenKind } from "../http/server.js";
import type { Services } from "../logic/services.js";
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
      const req = route.req.fromGoJSON(relaxIdHash(call.body));
      const handler = handlers[path] as (req: unknown, ctx: RouteCtx) => unknown;
      const resp = await handler(req, { s, actor, operationID: call.operationID });
      const data = (route.resp as { toGoJSON(v: unknown): unknown }).toGoJSON(resp);
      // OpenIM leaves `data` out when the response message has no fields.
      return data !== null && typeof data === "object" && !Array.isArray(data) && Object.keys(data).length === 0 ? undefined : data;
    },
  };
}
