import type { InitConfig, LoginParams, LoginStatus } from "../types/login.js";

/**
 * Session lifecycle: configure the SDK, log a user in and out, ask who is logged in.
 * @module login
 */
export interface LoginApi {
  /**
   * Configures the SDK (server addresses, platform, data folder). Call once, before login.
   * Resolves true when the configuration was accepted.
   * @local
   * @errors 10002
   */
  initSDK(config: InitConfig): boolean;

  /**
   * Logs a user in: opens the local database, connects to the gateway and starts syncing.
   * Resolves once the local state is ready; connection progress arrives on OnConnListener.
   * @errors 10002 10008 10102
   */
  login(params: LoginParams): void;

  /**
   * Logs out: closes the connection and the local database.
   * @errors 10009
   */
  logout(): void;

  /**
   * The current login state: 1 logged out, 2 logging in, 3 logged in.
   * @local
   */
  getLoginStatus(): LoginStatus;

  /**
   * Tells the SDK (and the gateway, WS 2004) whether the app is in the background. While it is, new
   * messages arrive as OnRecvOfflineNewMessage(s) instead of OnRecvNewMessage(s), and only for
   * conversations that receive normally (recvMsgOpt 0, and the user's globalRecvMsgOpt 0). Going back
   * to the foreground syncs at once (newest seqs, then what is missing), so nothing missed meanwhile is
   * lost. Set while disconnected, the status is kept and carried by the next connect.
   * @errors 10002 10009 10000 10001
   */
  setAppBackgroundStatus(isBackground: boolean): void;

  /**
   * The logged-in user's ID ("" when nobody is logged in).
   * @local
   */
  getLoginUserID(): string;
}
