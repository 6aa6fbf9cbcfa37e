// The web binding: the facade wired with the browser's WebSocket, sql.js loaded from a URL the
// app serves, and IndexedDB persistence (snapshots + durable journal). initSDK's `dataDir`
// names the IndexedDB database, so two apps on one origin can keep their data apart.
//
//   import { createSDK, CbEvents } from "openim-ts-sdk/web";
//   const sdk = createSDK({ sqlWasmUrl: "/assets/sql-wasm.wasm" });
//   await sdk.initSDK({ apiAddr, wsAddr, platformID: 5, dataDir: "my-app-im" });
//   await sdk.login({ userID, token });
import { createRuntime, type RuntimeHandles } from "../../runtime/create-sdk.js";
import type { Logger } from "../../runtime/events/logger.js";
import type { SessionHost } from "../../runtime/session/session.js";
import { indexedDbPersistence } from "../../runtime/storage/persistence/indexeddb-store.js";
import { memoryPersistence } from "../../runtime/storage/persistence/memory-store.js";
import { socketFactoryFrom } from "../../runtime/transport/socket.js";
import { browserConsoleLogger } from "./console-logger.js";
import { flushWhenHidden } from "./flush-when-hidden.js";

export { CbEvents } from "../../generated/listeners/events.js";
export type { OpenIMSDK } from "../../generated/facade/sdk.js";
export { SdkError } from "../../runtime/contracts/errors.js";
export * from "../../generated/types/index.js";
export { browserConsoleLogger, type BrowserLogLevel } from "./console-logger.js";

/** IndexedDB database used when initSDK's dataDir is empty. */
export const DEFAULT_IDB_NAME = "openim-sdk";

export interface WebSdkOptions {
  /**
   * Where the page serves sql.js's `sql-wasm.wasm` (shipped beside the bundle as
   * `dist/web/sql-wasm.wasm`). Relative URLs resolve against the page. Served with
   * Content-Type application/wasm so the browser can compile it while it streams.
   */
  sqlWasmUrl: string;
  logger?: Logger;
  /** Keep data in memory only (nothing survives a reload). Default false. */
  inMemory?: boolean;
  /**
   * Longest time a committed write waits before its IndexedDB snapshot (writes are coalesced).
   * Default 1000 ms. A snapshot is also saved whenever the page becomes hidden.
   */
  snapshotIntervalMs?: number;
  /** Transport tuning; mostly for tests. */
  connection?: SessionHost["connection"];
}

export function createSDK(options: WebSdkOptions): RuntimeHandles["sdk"] {
  return createWebRuntime(options).sdk;
}

/** The SDK plus runtime handles (the live session), for tools and tests. */
export function createWebRuntime(options: WebSdkOptions): RuntimeHandles {
  const sqlWasmUrl = checkOptions(options);
  const WebSocketClass = (globalThis as { WebSocket?: new (url: string) => object }).WebSocket;
  if (typeof WebSocketClass !== "function") {
    throw new TypeError("createSDK: this environment has no global WebSocket; use the Node binding (openim-ts-sdk/node) outside browsers");
  }
  const handles = createRuntime({
    socketFactory: socketFactoryFrom(WebSocketClass),
    logger: options.logger ?? browserConsoleLogger("warn"),
    ...(options.connection ? { connection: options.connection } : {}),
    storage: (config, userID) => ({
      sqljs: { wasmUrl: sqlWasmUrl },
      persistence: options.inMemory ? memoryPersistence(userID) : indexedDbPersistence(userID, idbNameFor(config.dataDir)),
      ...(options.snapshotIntervalMs !== undefined ? { snapshotIntervalMs: options.snapshotIntervalMs } : {}),
    }),
  });
  flushWhenHidden(handles.login);
  return handles;
}

/** The IndexedDB database a given initSDK `dataDir` maps to. */
export function idbNameFor(dataDir: string): string {
  const name = dataDir.trim();
  return name === "" ? DEFAULT_IDB_NAME : name;
}

function checkOptions(options: WebSdkOptions): string {
  if (options === null || typeof options !== "object") {
    throw new TypeError('createSDK: pass an options object, e.g. createSDK({ sqlWasmUrl: "/sql-wasm.wasm" })');
  }
  const url = options.sqlWasmUrl;
  if (typeof url !== "string" || url.trim() === "") {
    throw new TypeError(
      "createSDK: options.sqlWasmUrl is missing — serve sql-wasm.wasm (copied beside the bundle by `npm run build:web`) and pass its URL",
    );
  }
  const interval = options.snapshotIntervalMs;
  if (interval !== undefined && (!Number.isFinite(interval) || interval < 0)) {
    throw new TypeError(`createSDK: options.snapshotIntervalMs must be a non-negative number of milliseconds, got ${String(interval)}`);
  }
  // Resolve once against the page so the wasm is found whatever the current route later is.
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  try {
    return base ? new URL(url, base).href : new URL(url).href;
  } catch {
    throw new TypeError(`createSDK: options.sqlWasmUrl ${JSON.stringify(url)} is not a valid URL`);
  }
}
