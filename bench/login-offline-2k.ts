// A returning user was offline while 2k other users each opened a single chat with a message
// (admin POST /msg/send_msg as that user, contentType 101) and 500 groups were created with the
// user as a member (POST /group/create_group by one owner: a 1501 notification in each sg_ conversation).
// Measured: sdk.login() → OnSyncServerFinish on the user's existing local database. Baseline: the
// same user's next login, with nothing new on the server.
import path from "node:path";
import { CbEvents } from "../bindings/node/index.js";
import { routes } from "../generated/protocol/index.js";
import type { RuntimeHandles } from "../runtime/create-sdk.js";
import { HttpClient } from "../runtime/http/client.js";
import { defineBenchmark } from "./lib/benchmark.js";
import { parseFlags } from "./lib/cli-args.js";
import { mapLimit } from "./lib/map-limit.js";
import { newSdkRuntime, nextEvent } from "./lib/sdk/sdk-client.js";
import { plainDevServer } from "./lib/sdk/seeded-devserver.js";
import { round } from "./lib/stats.js";

const flags = {
  conversations: { kind: "int", min: 1, help: "single chats opened while offline (default 2000)" },
  groups: { kind: "int", min: 0, help: "groups created while offline (default 500)" },
} as const;

const SELF = "offline_self";
/** Creates every group (create_group takes the owner's own token). */
const OWNER = "offline_owner";
const GOAL_MS = 1000;

export default defineBenchmark({
  name: "login-offline-2k",
  description: "login → OnSyncServerFinish after 2k conversations and 500 groups were created offline vs a login with nothing new",
  async run(ctx) {
    const o = parseFlags(ctx.args, flags);
    const singles = o.conversations ?? 2000;
    const groups = o.groups ?? 500;
    const world = await plainDevServer();
    const addrs = { apiAddr: world.server.apiAddr, wsAddr: world.server.wsAddr, dataDir: path.join(ctx.tmpDir, "data") };
    const peers = Array.from({ length: singles }, (_, i) => `offline_peer_${i}`);
    try {
      for (let i = 0; i < peers.length + 2; i += 500) {
        const ids = [SELF, OWNER, ...peers].slice(i, i + 500);
        await world.admin.call("/user/user_register", { users: ids.map((userID) => ({ userID, nickname: userID, faceURL: "", ex: "", createTime: 0, appMangerLevel: 0, globalRecvMsgOpt: 0 })) });
      }
      const token = await world.token(SELF);
      /** initSDK, then login timed to OnSyncServerFinish; logs out after. */
      const timedLogin = async (): Promise<{ ms: number; conversations: number }> => {
        const rt: RuntimeHandles = newSdkRuntime(addrs);
        await rt.sdk.initSDK({ apiAddr: addrs.apiAddr, wsAddr: addrs.wsAddr, platformID: 5, dataDir: addrs.dataDir });
        const ready = nextEvent(rt, CbEvents.OnSyncServerFinish, 300_000);
        const t0 = performance.now();
        await rt.sdk.login({ userID: SELF, token });
        await ready;
        const ms = performance.now() - t0;
        const conversations = (await rt.sdk.getAllConversationList()).length;
        await rt.sdk.logout();
        return { ms, conversations };
      };
      ctx.progress("first login (creates the local database), then offline");
      await timedLogin();

      ctx.progress(`while offline: ${singles} users send a message, ${groups} groups are created`);
      const t0 = performance.now();
      await mapLimit(peers, 16, async (sendID, i) => {
        await world.admin.call("/msg/send_msg", { sendID, recvID: SELF, content: { content: `hello from ${sendID}` }, contentType: 101, sessionType: 1, senderPlatformID: 5 });
        if ((i + 1) % 500 === 0) ctx.progress(`${i + 1}/${singles} conversations`);
      });
      const owner = new HttpClient({ apiAddr: addrs.apiAddr, routes, userToken: await world.token(OWNER) });
      await mapLimit(Array.from({ length: groups }, (_, g) => g), 16, async (g) => {
        await owner.call("/group/create_group", {
          ownerUserID: OWNER, adminUserIDs: [], memberUserIDs: [SELF], sendMessage: undefined,
          groupInfo: { groupID: `offline_group_${g}`, groupName: `group ${g}`, groupType: 2 } as never,
        });
      });
      const seedMs = performance.now() - t0;

      ctx.progress("login after the offline period");
      const offline = await timedLogin();
      const expected = singles + groups;
      if (offline.conversations !== expected) throw new Error(`after the sync the client lists ${offline.conversations} conversations, expected ${expected}`);
      ctx.progress("login again with nothing new (baseline)");
      const idle = await timedLogin();
      const ms = (label: string, value: number) => ({ label, value: round(value, 0), unit: "ms", better: "lower" as const });
      return {
        figures: [ms(`login → OnSyncServerFinish, ${singles} new conversations + ${groups} new groups`, offline.ms)],
        baseline: ms("login → OnSyncServerFinish, nothing new", idle.ms),
        ratio: offline.ms / idle.ms,
        ratioMeaning: "offline catch-up login ÷ idle login (lower is better)",
        goal: { text: `≤ ${GOAL_MS} ms`, met: offline.ms <= GOAL_MS },
        notes: [
          `seeded through the devserver's HTTP API in ${(seedMs / 1000).toFixed(1)} s (16 requests in flight); local database in a dataDir (sql.js snapshots + journal), a returning user`,
          `the client lists ${offline.conversations} conversations after the sync; every connect step (self profile, friends, joined groups, conversation settings, messages, peer names) runs inside the figure`,
        ],
      };
    } finally {
      await world.close();
    }
  },
});
