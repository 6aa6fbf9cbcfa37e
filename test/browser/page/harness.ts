// Runs inside the page: drives the bundled web binding for the browser test. The test (in Node)
// calls these through page.evaluate; each returns plain JSON. Served after an esbuild transform,
// so only type imports from the repository are allowed here.
//
// `call` reaches any facade method and `waitForEvent` any listener event, so a new API (e.g.
// sending a message and awaiting OnRecvNewMessages) needs no harness change.
import type * as WebBinding from "../../../bindings/web/index.js";
import type { EventName } from "../../../generated/listeners/events.js";
import type { RuntimeHandles } from "../../../runtime/create-sdk.js";

export interface StartConfig {
  apiAddr: string;
  wsAddr: string;
  dataDir: string;
  userID: string;
  token: string;
  /** Default: the wasm served beside the bundle. */
  sqlWasmUrl?: string;
  snapshotIntervalMs?: number;
}

export interface StartResult {
  events: string[];
  loginStatus: number;
  loginUserID: string;
  connection: string | undefined;
}

export interface Harness {
  /** initSDK + login; resolves once login resolved (connected or failed). The events it saw count as awaited. */
  start(config: StartConfig): Promise<StartResult>;
  /** Any facade method by name; resolves with its (JSON) result. */
  call(method: string, args?: unknown[]): Promise<unknown>;
  /** Names of every listener event so far, in order. */
  events(): string[];
  /** The payload of the first event of that name after the last awaited one (waits for it if none yet). */
  waitForEvent(name: EventName, timeoutMs?: number): Promise<unknown>;
  /** A DAO row (reaches IndexedDB through a snapshot, forced here) — the plain data path. */
  writeSnapshotted(version: string): Promise<void>;
  /** A DAO row left to the coalesced snapshot (nothing forces it). */
  writeUnflushed(version: string): Promise<void>;
  /** Makes the page report itself hidden; resolves once a snapshot was saved after that. */
  hideAndWaitForSnapshot(timeoutMs?: number): Promise<void>;
  /** A journalled row (durable in IndexedDB before this resolves; no snapshot taken). */
  writeJournalled(version: string): Promise<void>;
  /** Which of these local_app_sdk_version rows the local database holds. */
  readRows(versions: string[]): Promise<string[]>;
  /** Names of the origin's IndexedDB databases. */
  idbNames(): Promise<string[]>;
}

declare global {
  interface Window {
    harness?: Harness;
  }
}

const UPSERT_VERSION =
  "INSERT INTO local_app_sdk_version (version, installed) VALUES (?, 1) ON CONFLICT (version) DO UPDATE SET installed = 1";

export function installHarness(OpenIM: typeof WebBinding): void {
  let rt: RuntimeHandles | undefined;
  const seen: { name: string; payload: unknown }[] = [];
  let awaited = 0;
  const wakers = new Set<() => void>();

  const sdk = () => {
    if (!rt) throw new Error("harness: call start() first");
    return rt.sdk;
  };
  const session = () => {
    const current = rt?.login.current;
    if (!current) throw new Error("harness: not logged in");
    return current;
  };

  window.harness = {
    async start(config) {
      rt = OpenIM.createWebRuntime({
        sqlWasmUrl: config.sqlWasmUrl ?? "./sql-wasm.wasm",
        logger: OpenIM.browserConsoleLogger("warn"),
        connection: { backoff: { baseMs: 50, maxMs: 200 } },
        ...(config.snapshotIntervalMs !== undefined ? { snapshotIntervalMs: config.snapshotIntervalMs } : {}),
      });
      for (const name of Object.values(OpenIM.CbEvents)) {
        rt.sdk.on(name, (payload?: unknown) => {
          seen.push({ name, payload: payload ?? null });
          for (const wake of wakers) wake();
        });
      }
      await rt.sdk.initSDK({ apiAddr: config.apiAddr, wsAddr: config.wsAddr, platformID: OpenIM.Platform.Web, dataDir: config.dataDir });
      await rt.sdk.login({ userID: config.userID, token: config.token });
      awaited = seen.length;
      return {
        events: seen.map((e) => e.name),
        loginStatus: await rt.sdk.getLoginStatus(),
        loginUserID: await rt.sdk.getLoginUserID(),
        connection: rt.login.current?.connection.state,
      };
    },
    async call(method, args = []) {
      const target = sdk() as unknown as Record<string, unknown>;
      const fn = target[method];
      if (typeof fn !== "function") throw new Error(`harness: the SDK has no method ${method}`);
      return (await (fn as (...a: unknown[]) => unknown).apply(target, args)) ?? null;
    },
    events: () => seen.map((e) => e.name),
    waitForEvent(name, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const index = seen.findIndex((e, i) => i >= awaited && e.name === name);
          if (index < 0) return;
          awaited = index + 1;
          cleanup();
          resolve(seen[index]!.payload);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`harness: no ${name} within ${timeoutMs} ms (events: ${seen.map((e) => e.name).join(", ")})`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          wakers.delete(check);
        };
        wakers.add(check);
        check();
      });
    },
    async writeSnapshotted(version) {
      const s = session();
      s.daos.localAppSdkVersion.upsert({ version, installed: true });
      await s.db.flush();
    },
    async writeUnflushed(version) {
      session().daos.localAppSdkVersion.upsert({ version, installed: true });
    },
    async hideAndWaitForSnapshot(timeoutMs = 5000) {
      const stats = session().db.persistence?.stats;
      if (!stats) throw new Error("harness: this database takes no snapshots");
      const before = stats.saves;
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      document.dispatchEvent(new Event("visibilitychange"));
      const deadline = Date.now() + timeoutMs;
      while (stats.saves === before) {
        if (Date.now() > deadline) throw new Error(`harness: no snapshot saved within ${timeoutMs} ms of the page turning hidden`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async writeJournalled(version) {
      await session().db.journal.append([{ sql: UPSERT_VERSION, params: [version] }]);
    },
    async readRows(versions) {
      const dao = session().daos.localAppSdkVersion;
      return versions.filter((v) => dao.get(v)?.installed === true);
    },
    async idbNames() {
      return (await indexedDB.databases()).map((d) => d.name ?? "").sort();
    },
  };
}
