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
   * The logged-in user's ID ("" when nobody is logged in).
   * @local
   */
  getLoginUserID(): string;
}
