// Where load goes: an in-process devserver (default; in memory, ephemeral ports) or an
// already-running OpenIM-compatible server given by its addresses and admin secret.
import { startDevServer, type DevServer } from "../../../devserver/index.js";
import { routes, sdkws } from "../../../generated/protocol/index.js";
import { HttpClient } from "../../../runtime/http/client.js";
import { mapLimit } from "../map-limit.js";

export interface TargetOptions {
  /** ws://host:port of a running gateway; omit to start a devserver in this process. */
  wsAddr?: string;
  /** http://host:port of its API; required with wsAddr. */
  apiAddr?: string;
  /** Admin secret of that server. Default "openIM123" (the devserver's development default). */
  secret?: string;
  /** Admin user ID. Default "imAdmin". */
  adminUserID?: string;
}

export interface Target {
  wsAddr: string;
  apiAddr: string;
  /** Admin-token HTTP client for registration and user tokens. */
  admin: HttpClient<typeof routes>;
  /** The in-process devserver, when this target started one. */
  devserver: DevServer | undefined;
  close(): Promise<void>;
}

export async function openTarget(o: TargetOptions = {}): Promise<Target> {
  if ((o.wsAddr === undefined) !== (o.apiAddr === undefined)) {
    throw new Error("give both --ws and --api (a running server's gateway and API addresses), or neither to start a devserver here");
  }
  let devserver: DevServer | undefined;
  let wsAddr = o.wsAddr;
  let apiAddr = o.apiAddr;
  if (!wsAddr || !apiAddr) {
    devserver = await startDevServer({ wsPort: 0, apiPort: 0, memory: true, log: null });
    wsAddr = devserver.wsAddr;
    apiAddr = devserver.apiAddr;
  }
  const secret = o.secret ?? "openIM123";
  const adminUserID = o.adminUserID ?? "imAdmin";
  const bootstrap = new HttpClient({ apiAddr, routes });
  let adminToken: string;
  try {
    adminToken = (await bootstrap.call("/auth/get_admin_token", { secret, userID: adminUserID })).token;
  } catch (err) {
    await devserver?.close();
    throw new Error(`cannot get an admin token from ${apiAddr} (wrong --secret or --api?): ${(err as Error).message}`);
  }
  return {
    wsAddr,
    apiAddr,
    admin: new HttpClient({ apiAddr, routes, adminToken }),
    devserver,
    close: async () => {
      await devserver?.close();
    },
  };
}

/** Registers `userIDs` (in batches) and returns a Web-platform token for each. */
export async function provisionUsers(target: Target, userIDs: readonly string[], platformID = 5, onProgress?: (done: number) => void): Promise<Map<string, string>> {
  for (let i = 0; i < userIDs.length; i += 100) {
    const batch = userIDs.slice(i, i + 100);
    await target.admin.call("/user/user_register", { users: batch.map((userID) => sdkws.UserInfo.create({ userID, nickname: userID })) });
  }
  const tokens = new Map<string, string>();
  let done = 0;
  await mapLimit(userIDs, 16, async (userID) => {
    tokens.set(userID, (await target.admin.call("/auth/get_user_token", { userID, platformID })).token);
    if (++done % 100 === 0) onProgress?.(done);
  });
  return tokens;
}
