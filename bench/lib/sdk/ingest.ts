// The ingest both sync-ingest and memory measure: an empty client (Node binding, in-memory
// sql.js) logs in to a devserver holding `total` messages over `convs` conversations. The
// connect sync pulls only the newest CHAT_PULL_CAP per conversation (runtime/sync/seq-ranges.ts);
// the rest arrives as history pages (1005 gap fills), so both are run and timed.
import { CbEvents } from "../../../bindings/node/index.js";
import type { RuntimeHandles } from "../../../runtime/create-sdk.js";
import { CHAT_PULL_CAP } from "../../../runtime/sync/seq-ranges.js";
import type { BenchContext } from "../benchmark.js";
import { initAndLogin, newSdkRuntime, nextEvent, sessionOf } from "./sdk-client.js";
import { seededDevServer, type SeededServer } from "./seeded-devserver.js";

export const INGEST_SELF = "ingest_self";

export const ingestFlags = {
  messages: { kind: "int", min: 200, help: "messages on the server (default 100000)" },
  conversations: { kind: "int", min: 1, help: "conversations they are spread over (default 200)" },
  page: { kind: "int", min: 1, help: "history page size of the backfill (default 100)" },
} as const;

export interface IngestWorld {
  world: SeededServer;
  rt: RuntimeHandles;
  close(): Promise<void>;
}

export interface IngestResult {
  /** initSDK + login resolved (database opened, connected); part of syncMs. */
  loginMs: number;
  syncMs: number;
  afterSync: number;
  backfillMs: number;
  backfilled: number;
  pages: number;
}

/** Seeds the devserver and creates (does not log in) the client. */
export async function prepareIngest(ctx: BenchContext, total: number, convs: number): Promise<IngestWorld> {
  const peers = Array.from({ length: convs }, (_, i) => `ingest_peer_${i}`);
  ctx.progress(`seeding ${total} messages over ${convs} conversations into the devserver store`);
  const world = await seededDevServer(
    ctx.tmpDir,
    {
      users: [INGEST_SELF, ...peers],
      messages: (function* () {
        for (let i = 0; i < total; i++) yield { sendID: peers[i % convs]!, recvID: INGEST_SELF, text: `message ${i} ${"x".repeat(80)}` };
      })(),
    },
    (n) => n % 20_000 === 0 && ctx.progress(`seeded ${n}/${total}`),
  );
  ctx.progress(`seeded in ${(world.seedMs / 1000).toFixed(1)} s`);
  const rt = newSdkRuntime({ apiAddr: world.server.apiAddr, wsAddr: world.server.wsAddr });
  return {
    world,
    rt,
    close: async () => {
      await rt.sdk.logout().catch(() => {});
      await world.close();
    },
  };
}

/** Login → OnSyncServerFinish, then every conversation's history paged to its first message; checks every message got stored. */
export async function runIngest(ctx: BenchContext, w: IngestWorld, total: number, convs: number, pageSize: number): Promise<IngestResult> {
  const { rt, world } = w;
  const token = await world.token(INGEST_SELF);
  ctx.progress("login + connect sync");
  const finished = nextEvent(rt, CbEvents.OnSyncServerFinish);
  const t0 = performance.now();
  await initAndLogin(rt, { apiAddr: world.server.apiAddr, wsAddr: world.server.wsAddr }, INGEST_SELF, token);
  const loginMs = performance.now() - t0;
  await finished;
  const syncMs = performance.now() - t0;
  const session = sessionOf(rt);
  const count = () => Number(session.db.driver.get("SELECT count(*) AS n FROM chat_logs")!["n"]);
  const afterSync = count();
  const expectSync = Array.from({ length: convs }, (_, c) => Math.min(CHAT_PULL_CAP, Math.ceil((total - c) / convs))).reduce((a, b) => a + b, 0);
  if (afterSync !== expectSync) throw new Error(`connect sync stored ${afterSync} messages, expected ${expectSync} (newest ${CHAT_PULL_CAP} of each conversation)`);

  ctx.progress(`connect sync stored ${afterSync} in ${(syncMs / 1000).toFixed(1)} s; backfilling history, pages of ${pageSize}`);
  const conversationIDs = (await rt.sdk.getAllConversationList()).map((c) => c.conversationID);
  if (conversationIDs.length !== convs) throw new Error(`the client lists ${conversationIDs.length} conversations, expected ${convs}`);
  const t1 = performance.now();
  let pages = 0;
  for (const [i, conversationID] of conversationIDs.entries()) {
    let start = "";
    for (;;) {
      const page = await rt.sdk.getAdvancedHistoryMessageList({ conversationID, startClientMsgID: start, count: pageSize });
      pages++;
      if (page.errCode !== 0) throw new Error(`history page of ${conversationID} failed: ${page.errCode} ${page.errMsg}`);
      if (page.isEnd || page.messageList.length === 0) break;
      start = page.messageList[0]!.clientMsgID;
    }
    if ((i + 1) % 50 === 0) ctx.progress(`backfilled ${i + 1}/${convs} conversations, ${count()} messages stored`);
  }
  const backfillMs = performance.now() - t1;
  const stored = count();
  if (stored !== total) throw new Error(`after the backfill ${stored} messages are stored, expected ${total}`);
  return { loginMs, syncMs, afterSync, backfillMs, backfilled: stored - afterSync, pages };
}
