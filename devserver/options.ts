// Everything startDevServer can be told, with the defaults OpenIM server v3.8 uses.

export interface DevServerOptions {
  /** WebSocket gateway port; 0 picks a free one. Default 10001. */
  wsPort?: number;
  /** HTTP API port; 0 picks a free one. Default 10002. */
  apiPort?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** SQLite file; ignored when `memory` is true. */
  dataFile?: string;
  /** Keep everything in memory (tests). */
  memory?: boolean;
  /**
   * Token-signing secret and the admin secret of /auth/get_admin_token. When omitted the
   * well-known OpenIM default `openIM123` is used and a warning is logged: anyone knowing it can
   * mint admin tokens, so it is for local development only.
   */
  secret?: string;
  /** Admin user IDs (OpenIM `imAdminUserID`). Default ["imAdmin"]. */
  adminUserIDs?: string[];
  /** Token lifetime in seconds. Default 90 days. */
  tokenExpireSeconds?: number;
  /** Close a connection that sent nothing for this long. Default 30 000 (OpenIM pongWait). */
  readDeadlineMs?: number;
  /** Interval of the server's control pings to Web (platform 5) connections. Default 27 000. */
  webPingIntervalMs?: number;
  /** Largest inbound WS frame in bytes (after gzip). Default 51 200. */
  maxFrameBytes?: number;
  /** Largest HTTP request body in bytes. Default 1 MiB. */
  maxHttpBodyBytes?: number;
  /** Most simultaneous WS connections before 1601. Default 100 000. */
  maxConnections?: number;
  /** Where warnings and startup lines go. Default console.warn/console.log; `null` silences. */
  log?: ((line: string) => void) | null;
}

export interface ResolvedOptions {
  wsPort: number;
  apiPort: number;
  host: string;
  dataFile: string | null;
  secret: string;
  adminUserIDs: string[];
  tokenExpireSeconds: number;
  readDeadlineMs: number;
  webPingIntervalMs: number;
  maxFrameBytes: number;
  maxHttpBodyBytes: number;
  maxConnections: number;
  log: (line: string) => void;
}

export const DEFAULT_SECRET = "openIM123";

function checkPort(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 0 || v > 65535) {
    throw new Error(`devserver: ${name} must be an integer port 0..65535 (0 = any free port), got ${v}`);
  }
  return v;
}

function positive(name: string, v: number): number {
  if (!Number.isFinite(v) || v <= 0) throw new Error(`devserver: ${name} must be a positive number, got ${v}`);
  return v;
}

export function resolveOptions(o: DevServerOptions): ResolvedOptions {
  const log = o.log === null ? () => {} : (o.log ?? ((l: string) => console.log(l)));
  if (!o.memory && !o.dataFile) {
    throw new Error("devserver: give `dataFile` (a SQLite path) or `memory: true`");
  }
  if (o.secret !== undefined && o.secret.length === 0) {
    throw new Error("devserver: `secret` must not be empty; omit it to use the development default");
  }
  const secret = o.secret ?? DEFAULT_SECRET;
  if (o.secret === undefined) {
    log(`devserver: WARNING using the well-known development secret "${DEFAULT_SECRET}" — anyone can mint admin tokens; pass --secret for anything shared`);
  }
  const admins = o.adminUserIDs ?? ["imAdmin"];
  if (admins.length === 0) throw new Error("devserver: `adminUserIDs` needs at least one user ID");
  return {
    wsPort: checkPort("wsPort", o.wsPort ?? 10001),
    apiPort: checkPort("apiPort", o.apiPort ?? 10002),
    host: o.host ?? "127.0.0.1",
    dataFile: o.memory ? null : (o.dataFile ?? null),
    secret,
    adminUserIDs: admins,
    tokenExpireSeconds: positive("tokenExpireSeconds", o.tokenExpireSeconds ?? 90 * 24 * 3600),
    readDeadlineMs: positive("readDeadlineMs", o.readDeadlineMs ?? 30_000),
    webPingIntervalMs: positive("webPingIntervalMs", o.webPingIntervalMs ?? 27_000),
    maxFrameBytes: positive("maxFrameBytes", o.maxFrameBytes ?? 51_200),
    maxHttpBodyBytes: positive("maxHttpBodyBytes", o.maxHttpBodyBytes ?? 1024 * 1024),
    maxConnections: positive("maxConnections", o.maxConnections ?? 100_000),
    log,
  };
}
