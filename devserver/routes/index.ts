// The HTTP router: token rule per route, Go-JSON decode, handler, Go-JSON encode.
import { CodeError, ErrCode } from "../errors.js";
import type { ApiRouter, HttpCall, TokenKind } from "../http/server.js";
import type { Services } from "../logic/services.js";
import { authRoutes } from "./auth.js";
import type { RouteCtx } from "./context.js";
import { conversationRoutes } from "./conversation.js";
import { msgRoutes } from "./msg.js";
import { ROUTE_TABLE } from "./table.js";
import { userRoutes } from "./user.js";

const handlers: Record<string, (req: never, ctx: RouteCtx) => unknown> = {
  ...authRoutes,
  ...userRoutes,
  ...msgRoutes,
  ...conversationRoutes,
};

export function createApiRouter(s: Services): ApiRouter {
  return {
    tokenKind: (path: string): TokenKind | undefined => (Object.hasOwn(ROUTE_TABLE, path) ? ROUTE_TABLE[path]!.token : undefined),
    async handle(call: HttpCall): Promise<unknown> {
      const route = ROUTE_TABLE[call.path]!;
      const actor = route.token === "none" ? null : s.tokens.check(call.token);
      if (route.token === "admin" && !actor!.isAdmin) {
        throw new CodeError(ErrCode.NoPermission, `${call.path} needs an admin token (from /auth/get_admin_token)`);
      }
      const req = route.decode(call.body);
      const handler = handlers[call.path];
      if (!handler) throw new CodeError(ErrCode.ServerInternal, `no handler for ${call.path}`);
      const resp = await handler(req as never, { s, actor, operationID: call.operationID });
      const data = route.encode(resp);
      // OpenIM leaves `data` out when the response message has no fields.
      return data !== null && typeof data === "object" && !Array.isArray(data) && Object.keys(data).length === 0 ? undefined : data;
    },
  };
}
