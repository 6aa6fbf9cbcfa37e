// One sink for "this session's credentials are dead", shared by the WebSocket transport and
// the HTTP client. Token errors can show up at connect, on any HTTP reply or as a 2002 kick —
// often several at once (a kick closes the socket while HTTP calls are in flight) — yet the app
// must hear about it exactly once, and the transport must stop reconnecting. The first report
// of a session wins; later ones are absorbed until `reset()` (the next login).

import { Emitter } from "../events/emitter.js";
import type { Logger } from "../events/logger.js";

export type AuthFailureKind = "userTokenExpired" | "userTokenInvalid" | "kickedOffline";

export interface AuthFailure {
  kind: AuthFailureKind;
  errCode: number;
  errMsg: string;
  /** Where it was seen: "ws-connect", "ws-kick" (2002) or "http:<route>". */
  source: string;
}

export interface AuthFailureEvents {
  userTokenExpired: [AuthFailure];
  userTokenInvalid: [AuthFailure];
  kickedOffline: [AuthFailure];
  /** Fires once alongside the specific event; the transport listens here to stop. */
  sessionEnded: [AuthFailure];
}

/** The code the server uses for KickOnline (2002) has no errCode of its own; report it as 1506. */
export const TOKEN_KICKED = 1506;

/** 1501 expired; 1502–1505 and 1507 invalid; 1506 kicked. Other codes are not token errors. */
export function classifyTokenError(errCode: number): AuthFailureKind | undefined {
  if (errCode === 1501) return "userTokenExpired";
  if (errCode === TOKEN_KICKED) return "kickedOffline";
  if (errCode >= 1502 && errCode <= 1507) return "userTokenInvalid";
  return undefined;
}

export class AuthFailureGate {
  readonly events: Emitter<AuthFailureEvents>;
  private ended: AuthFailure | undefined;

  constructor(logger: Logger) {
    this.events = new Emitter<AuthFailureEvents>(logger, "auth");
  }

  /**
   * Reports an error code seen anywhere. Returns true when it is a token error (whether or not
   * it was the first): the caller must then stop using the session.
   */
  report(errCode: number, errMsg: string, source: string): boolean {
    const kind = classifyTokenError(errCode);
    if (!kind) return false;
    if (this.ended) return true;
    const failure: AuthFailure = { kind, errCode, errMsg, source };
    this.ended = failure;
    this.events.emit(kind, failure);
    this.events.emit("sessionEnded", failure);
    return true;
  }

  /** The failure that ended this session, if any. */
  get failure(): AuthFailure | undefined {
    return this.ended;
  }

  /** A new login starts a new session. */
  reset(): void {
    this.ended = undefined;
  }
}
