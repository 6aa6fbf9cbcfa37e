// What every HTTP route handler receives besides its decoded request.
import type { AuthedUser } from "../auth/tokens.js";
import { CodeError, ErrCode } from "../errors.js";
import type { Services } from "../logic/services.js";

export interface RouteCtx {
  s: Services;
  /** The token's user; null only on routes that take no token. */
  actor: AuthedUser | null;
  operationID: string;
}

export function actorOf(ctx: RouteCtx): AuthedUser {
  if (!ctx.actor) throw new CodeError(ErrCode.ServerInternal, "route declared token-free needs a token");
  return ctx.actor;
}
