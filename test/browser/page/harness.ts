// Runs inside the page: drives the bundled web binding for the browser test. The test (in Node)
// calls these through page.evaluate; each returns plain JSON. Served after an esbuild transform,
// so only type imports from the repository are allowed here.
import type * as WebBinding from "../../../bindings/web/index.js";
import type { RuntimeHandles } from "../../../runtime/create-sdk.js";

export interface StartConfig {
  apiAddr: string;
  wsAddr: string;
  dataDir: string;
  userID: string;
  token: string;
  /** Default: the wasm served beside the bundle. */
  sqlWasmUrl?: string;
}

export interface StartResult {
  events: string[];
  loginStatus: number;
  loginUserID: string;
  connection: string | undefined;
}

export interface Harness {
  /** initSDK + login; resolves once login resolved (connected or failed). */
  start(config: StartConfig): Promise<StartResult>;
  /** A DAO row (reaches IndexedDB through a snapshot, forced here) — the plain data path. */
  writeSnapshotted(version: string): Promise<void>;
  /** A journalled row (durable in IndexedDB before this resolves; no snapshot taken). */
  writeJournalled(version: string): Promise<void>;
  /** Which of these local_app_sdk_version rows the local database holds. */
  readRows(versions: string[]): Promise<string[]>;
  /** Names of the origin's IndexedDB databases. */
  idbNames(): Promise<string[]>;
  logout(): Promise<void>;
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
  const events: string[] = [];

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
      });
      for (const name of Object.values(OpenIM.CbEvents)) rt.sdk.on(name, () => events.push(name));
      await rt.sdk.initSDK({ apiAddr: config.apiAddr, wsAddr: config.wsAddr, platformID: OpenIM.Platform.Web, dataDir: config.dataDir });
      await rt.sdk.login({ userID: config.userID, token: config.token });
      return {
        events: [...events],
        loginStatus: await rt.sdk.getLoginStatus(),
        loginUserID: await rt.sdk.getLoginUserID(),
        connection: rt.login.current?.connection.state,
      };
    },
    async writeSnapshotted(version) {
      const s = session();
      s.daos.localAppSdkVersion.upsert({ version, installed: true });
      await s.db.flush();
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
    async logout() {
      await rt?.sdk.logout();
    },
  };
}
