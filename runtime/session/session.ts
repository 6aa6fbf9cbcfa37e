// Everything one login owns: the user's database, the HTTP client, the gateway connection, the
// token-error gate and the sync pipeline. Opened by login, released by logout or by a token error;
// a new login builds a new Session, so nothing leaks from one user to the next.
import { createDaos, type Daos } from "../../generated/dao/index.js";
import { migrate } from "../../generated/dao/migrations.js";
import { sdkRoutes } from "../../generated/protocol/sdk-routes.js";
import type { StorageError } from "../contracts/storage.js";
import type { Logger } from "../events/logger.js";
import { HttpClient, type FetchLike } from "../http/client.js";
import type { OpenDatabaseOptions, OpenedDatabase } from "../storage/open-database.js";

/** How a binding stores one user's database: engine + persistence (the session adds migrations and error routing). */
export type DatabaseChoice = OpenDatabaseOptions extends infer O ? (O extends OpenDatabaseOptions ? Omit<O, "migrate" | "onStorageError"> : never) : never;
import { openDatabase } from "../storage/open-database.js";
import { AuthFailureGate } from "../transport/auth-failures.js";
import { Connection, type ConnectionOptions } from "../transport/connection.js";
import { GatewayClient } from "../transport/gateway-client.js";
import type { SocketFactory } from "../transport/socket.js";
import type { SessionConfig } from "./config.js";
import { SyncPipeline } from "./sync-steps.js";

/** What a binding supplies: how to reach the network and where to keep data. */
export interface SessionHost {
  socketFactory: SocketFactory;
  /** Default: globalThis.fetch. */
  fetch?: FetchLike;
  logger: Logger;
  /** How this binding stores a user's database (engine + persistence), given the config. */
  storage(config: SessionConfig, userID: string): DatabaseChoice;
  /** What this binding needs of the config (e.g. a dataDir); returns a problem to report at initSDK, or undefined. */
  configProblem?(config: SessionConfig): string | undefined;
  /** Transport tuning (heartbeat, back-off, timeouts); tests shorten them. */
  connection?: Pick<
    ConnectionOptions,
    "heartbeat" | "backoff" | "requestTimeoutMs" | "handshakeTimeoutMs" | "compression" | "compressor" | "timers"
  >;
  /** Storage failures that no caller saw thrown (background snapshots, replay). */
  onStorageError?(error: StorageError): void;
}

export class Session {
  readonly sync: SyncPipeline;
  /** The gateway's session requests (2003 logout, 2004 background status, restored on reconnect). */
  readonly gateway: GatewayClient;
  private closed = false;
  private readonly closeHooks: (() => void | Promise<void>)[] = [];

  private constructor(
    readonly userID: string,
    readonly config: SessionConfig,
    readonly db: OpenedDatabase,
    readonly daos: Daos,
    readonly http: HttpClient<typeof sdkRoutes>,
    readonly connection: Connection,
    readonly authGate: AuthFailureGate,
    private readonly logger: Logger,
  ) {
    this.sync = new SyncPipeline(logger);
    this.gateway = new GatewayClient(connection, { userID, platformID: config.platformID }, logger);
  }

  static async open(host: SessionHost, config: SessionConfig, userID: string, token: string): Promise<Session> {
    const logger = host.logger;
    const db = await openDatabase({
      ...host.storage(config, userID),
      migrate: (driver) => void migrate(driver),
      onStorageError: (error) => {
        logger.error("storage failure", { error: error.message });
        host.onStorageError?.(error);
      },
    });
    const authGate = new AuthFailureGate(logger);
    const http = new HttpClient({
      apiAddr: config.apiAddr,
      routes: sdkRoutes,
      userToken: token,
      authGate,
      logger,
      ...(host.fetch ? { fetch: host.fetch } : {}),
    });
    const connection = new Connection({
      wsAddr: config.wsAddr,
      userID,
      token,
      platformID: config.platformID,
      socketFactory: host.socketFactory,
      authGate,
      logger,
      ...host.connection,
    });
    return new Session(userID, config, db, createDaos(db.driver), http, connection, authGate, logger);
  }

  /** Runs `hook` at the start of close(), while the connection and the database are still open. */
  onClose(hook: () => void | Promise<void>): void {
    this.closeHooks.push(hook);
  }

  /**
   * Releases everything. With `notifyServer`, first tells the gateway (2003) so it drops this
   * device's push token; a failure there is logged, never blocks the logout.
   */
  async close(options: { notifyServer: boolean }): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const hook of this.closeHooks) {
      await Promise.resolve()
        .then(hook)
        .catch((error: unknown) => this.logger.warn("session close hook failed", { error: String(error) }));
    }
    this.sync.cancel();
    if (options.notifyServer) await this.gateway.logout();
    else this.connection.stop("logout");
    await this.sync.idle();
    await this.db.close();
  }
}
