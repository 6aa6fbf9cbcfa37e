// The Node binding: the facade wired with `ws`, file persistence under initSDK's `dataDir`
// (sql.js snapshots + a durable journal, or better-sqlite3 when asked), and a console logger.
//
//   import { createSDK, CbEvents } from "openim-ts-sdk/node";
//   const sdk = createSDK();
//   await sdk.initSDK({ apiAddr, wsAddr, platformID: 5, dataDir: "./.data/im" });
//   await sdk.login({ userID, token });
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { WebSocket } from "ws";
import { createRuntime, type RuntimeHandles } from "../../runtime/create-sdk.js";
import type { Logger } from "../../runtime/events/logger.js";
import type { MessagingOptions } from "../../runtime/messages/message-session.js";
import type { SessionHost } from "../../runtime/session/session.js";
import { fileSafeName, nodeFilePersistence } from "../../runtime/storage/persistence/node-file-store.js";
import { memoryPersistence } from "../../runtime/storage/persistence/memory-store.js";
import { socketFactoryFrom } from "../../runtime/transport/socket.js";
import { consoleLogger } from "./logger.js";

export { CbEvents } from "../../generated/listeners/events.js";
export type { OpenIMSDK } from "../../generated/facade/sdk.js";
export { SdkError } from "../../runtime/contracts/errors.js";
export * from "../../generated/types/index.js";

export interface NodeSdkOptions {
  logger?: Logger;
  /** "sql.js" (default: in-memory SQLite snapshotted to `<dataDir>/<userID>.sqlite`) or "better-sqlite3" (native, file-backed). */
  engine?: "sql.js" | "better-sqlite3";
  /** Keep data in memory only (tests, throwaway bots). Default false. */
  inMemory?: boolean;
  /** Transport tuning; mostly for tests. */
  connection?: SessionHost["connection"];
  /** Outbox retry policy; mostly for tests. */
  messaging?: MessagingOptions;
}

export function createSDK(options: NodeSdkOptions = {}): RuntimeHandles["sdk"] {
  return createNodeRuntime(options).sdk;
}

/** The SDK plus runtime handles (the live session), for tools and tests. */
export function createNodeRuntime(options: NodeSdkOptions = {}): RuntimeHandles {
  const logger = options.logger ?? consoleLogger("warn");
  return createRuntime({
    socketFactory: socketFactoryFrom(WebSocket),
    logger,
    // node:zlib is native and ~3x cheaper per small frame than the portable fflate default.
    connection: { compressor: nodeZlibCompressor, ...options.connection },
    ...(options.messaging ? { messaging: options.messaging } : {}),
    configProblem: (config) =>
      !options.inMemory && config.dataDir.trim() === ""
        ? "config.dataDir is empty — give a folder for the local database (or createSDK({ inMemory: true }))"
        : undefined,
    storage: (config, userID) => {
      if (options.inMemory) return { persistence: memoryPersistence(userID) };
      if (options.engine === "better-sqlite3") {
        return { engine: "better-sqlite3", file: path.join(config.dataDir, `${fileSafeName(userID)}.db`) };
      }
      return { persistence: nodeFilePersistence(config.dataDir, userID) };
    },
  });
}

const nodeZlibCompressor = {
  gzip: (data: Uint8Array): Uint8Array => gzipSync(data),
  gunzip: (data: Uint8Array): Uint8Array => gunzipSync(data),
};
