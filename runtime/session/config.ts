// initSDK's semantic checks. The facade already checked the shapes (strings, numbers); here we
// check the values a wrong config would otherwise turn into a confusing network failure later.
import { ErrCode, SdkError } from "../contracts/errors.js";
import type { InitConfig } from "../../generated/types/index.js";

/** platformIDs a user session may use (1–11); 10 is the admin platform and cannot hold a user token. */
const USER_PLATFORMS = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 11]);

export interface SessionConfig {
  apiAddr: string;
  wsAddr: string;
  platformID: number;
  dataDir: string;
}

export function validateInitConfig(config: InitConfig): SessionConfig {
  const fail = (what: string) => new SdkError(ErrCode.Args, `initSDK: ${what}`);
  const apiAddr = config.apiAddr.trim();
  if (apiAddr === "") throw fail("config.apiAddr is missing — pass the HTTP API address, e.g. http://127.0.0.1:10002");
  if (!/^https?:\/\/[^/]/i.test(apiAddr)) {
    throw fail(`config.apiAddr must start with http:// or https://, got ${JSON.stringify(config.apiAddr)}`);
  }
  if (!URL.canParse(apiAddr)) throw fail(`config.apiAddr is not a valid URL: ${JSON.stringify(config.apiAddr)}`);
  const wsAddr = config.wsAddr.trim();
  if (wsAddr === "") throw fail("config.wsAddr is missing — pass the gateway address, e.g. ws://127.0.0.1:10001");
  if (!/^wss?:\/\/[^/]/i.test(wsAddr)) {
    throw fail(`config.wsAddr must start with ws:// or wss://, got ${JSON.stringify(config.wsAddr)}`);
  }
  if (!URL.canParse(wsAddr)) throw fail(`config.wsAddr is not a valid URL: ${JSON.stringify(config.wsAddr)}`);
  if (config.platformID === 10) {
    throw fail("config.platformID 10 is the server's admin platform and cannot log a user in; use the client's platform, e.g. 5 Web");
  }
  if (!Number.isInteger(config.platformID) || !USER_PLATFORMS.has(config.platformID)) {
    throw fail(
      `config.platformID must be one of 1 iOS, 2 Android, 3 Windows, 4 macOS, 5 Web, 6 MiniWeb, 7 Linux, 8 AndroidPad, 9 iPad, 11 HarmonyOS; got ${String(config.platformID)}`,
    );
  }
  return { apiAddr: apiAddr.replace(/\/+$/, ""), wsAddr, platformID: config.platformID, dataDir: config.dataDir };
}
