// startDevServer: storage + tokens + WS gateway + HTTP API in one process.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { TokenService } from "./auth/tokens.js";
import { createGateway } from "./gateway/server.js";
import { Hub } from "./gateway/hub.js";
import { createRequestHandlers } from "./gateway/requests.js";
import { createApiServer } from "./http/server.js";
import { pushStatusChange } from "./logic/push.js";
import type { Services } from "./logic/services.js";
import { resolveOptions, type DevServerOptions } from "./options.js";
import { createApiRouter } from "./routes/index.js";
import { Store } from "./store/index.js";

export interface DevServer {
  /** ws://host:port of the gateway. */
  readonly wsAddr: string;
  /** http://host:port of the API. */
  readonly apiAddr: string;
  readonly wsPort: number;
  readonly apiPort: number;
  /** A fresh admin token for the first admin user ID (what /auth/get_admin_token returns). */
  adminToken(): string;
  /** The first admin user ID ("imAdmin" by default). */
  readonly adminUserID: string;
  /** Number of open WS connections. */
  connectionCount(): number;
  /** Stops listening, drops every connection and closes the database. */
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const o = resolveOptions(options);
  const store = new Store(o.dataFile);
  const hub = new Hub();
  const tokens = new TokenService(o.secret, o.adminUserIDs, o.tokenExpireSeconds, store.tokens);
  const s: Services = { store, hub, tokens, now: () => Date.now() };
  hub.onStatusChange((userID) => pushStatusChange(hub, userID));

  const gateway = createGateway({
    hub,
    tokens,
    handlerFor: createRequestHandlers(s),
    readDeadlineMs: o.readDeadlineMs,
    webPingIntervalMs: o.webPingIntervalMs,
    maxFrameBytes: o.maxFrameBytes,
    maxConnections: o.maxConnections,
    log: o.log,
  });
  const api = createApiServer(createApiRouter(s), o.maxHttpBodyBytes);
  let wsPort: number;
  let apiPort: number;
  try {
    wsPort = await listen(gateway, o.wsPort, o.host);
    apiPort = await listen(api, o.apiPort, o.host);
  } catch (err) {
    await Promise.all([closeServer(gateway), closeServer(api)]);
    store.close();
    throw new Error(`devserver: cannot listen on ${o.host} (ws ${o.wsPort}, api ${o.apiPort}): ${(err as Error).message}`);
  }
  const adminUserID = o.adminUserIDs[0]!;
  let closing: Promise<void> | undefined;
  return {
    wsAddr: `ws://${o.host}:${wsPort}`,
    apiAddr: `http://${o.host}:${apiPort}`,
    wsPort,
    apiPort,
    adminUserID,
    adminToken: () => tokens.issueAdmin(adminUserID).token,
    connectionCount: () => hub.size,
    close() {
      closing ??= (async () => {
        for (const c of hub.all()) c.terminate();
        await Promise.all([closeServer(gateway), closeServer(api)]);
        store.close();
      })();
      return closing;
    },
  };
}
