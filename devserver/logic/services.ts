// What the logic layer works with: storage, the online hub, tokens and the clock.
import type { TokenService } from "../auth/tokens.js";
import type { Hub } from "../gateway/hub.js";
import type { Store } from "../store/index.js";

export interface Services {
  store: Store;
  hub: Hub;
  tokens: TokenService;
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Who is acting: the token's user, and whether it is an app admin. */
export interface Actor {
  userID: string;
  isAdmin: boolean;
}
