// An empty client (Node binding, in-memory sql.js) logs in to a devserver holding 100k messages
// over 200 conversations. The connect sync pulls only the newest CHAT_PULL_CAP per conversation
// (runtime/sync/seq-ranges.ts); the rest arrives as history pages (1005 gap fills), so both are
// measured: connect sync, then a full history backfill of every conversation. Baseline: raw
// sql.js inserting the same number of rows into the same chat_logs table, in the same process.
import { CbEvents } from "../bindings/node/index.js";
import { CHAT_PULL_CAP } from "../runtime/sync/seq-ranges.js";
import { defineBenchmark } from "./lib/benchmark.js";
import { chatLogRows, chatLogTable, rawSqlJsInsertMs } from "./lib/chat-log-rows.js";
import { parseFlags } from "./lib/cli-args.js";
import { initAndLogin, newSdkRuntime, nextEvent, sessionOf } from "./lib/sdk/sdk-client.js";
import { seededDevServer } from "./lib/sdk/seeded-devserver.js";
import { round } from "./lib/stats.js";

const flags = {
  messages: { kind: "int", min: 200, help: "messages on the server (default 100000)" },
  conversations: { kind: "int", min: 1, help: "conversations they are spread over (default 200)" },
  page: { kind: "int", min: 1, help: "history page size of the backfill (default 100)" },
} as const;

const SELF = "ingest_self";

export default defineBenchmark({
  name: "sync-ingest",
  description: "empty Node client pulls 100k messages / 200 conversations from the devserver (connect sync + history backfill) vs raw sql.js insert of the same rows",
  async run(ctx) {
    const o = parseFlags(ctx.args, flags);
    const total = o.messages ?? 100_000;
    const convs = o.conversations ?? 200;
    const pageSize = o.page ?? 100;
    const peers = Array.from({ length: convs }, (_, i) => `ingest_peer_${i}`);
    ctx.progress(`seeding ${total} messages over ${convs} conversations into the devserver store`);
    const world = await seededDevServer(
      ctx.tmpDir,
      {
        users: [SELF, ...peers],
        messages: (function* () {
          for (let i = 0; i < total; i++) yield { sendID: peers[i % convs]!, recvID: SELF, text: `message ${i} ${"x".repeat(80)}` };
        })(),
      },
      (n) => n % 20_000 === 0 && ctx.progress(`seeded ${n}/${total}`),
    );
    const rt = newSdkRuntime({ apiAddr: world.server.apiAddr, wsAddr: world.server.wsAddr });
    try {
      const token = await world.token(SELF);
      ctx.progress(`seeded in ${(world.seedMs / 1000).toFixed(1)} s; login + connect sync`);
      const finished = nextEvent(rt, CbEvents.OnSyncServerFinish);
      const t0 = performance.now();
      await initAndLogin(rt, { apiAddr: world.server.apiAddr, wsAddr: world.server.wsAddr }, SELF, token);
      await finished;
      const syncMs = performance.now() - t0;
      const session = sessionOf(rt);
      const count = () => Number(session.db.driver.get("SELECT count(*) AS n FROM chat_logs")!["n"]);
      const afterSync = count();
      const expectSync = Math.min(total, convs * CHAT_PULL_CAP, Array.from({ length: convs }, (_, c) => Math.min(CHAT_PULL_CAP, Math.ceil((total - c) / convs))).reduce((a, b) => a + b, 0));
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
      const backfilled = stored - afterSync;
      const heapMB = process.memoryUsage().heapUsed / 2 ** 20;

      ctx.progress(`baseline: raw sql.js insert of ${total} rows`);
      const table = await chatLogTable();
      const rows = chatLogRows(total, convs, SELF).map(table.toColumns);
      const rawMs = await rawSqlJsInsertMs(table, rows);
      const raw = total / (rawMs / 1000);
      const all = total / ((syncMs + backfillMs) / 1000);
      const syncRate = afterSync / (syncMs / 1000);
      return {
        figures: [
          { label: `all ${total} messages stored (connect sync + history backfill)`, value: round(all, 0), unit: "msgs/s" },
          { label: `connect sync: newest ${CHAT_PULL_CAP}/conversation, login → OnSyncServerFinish`, value: round(syncRate, 0), unit: "msgs/s" },
          { label: `history backfill (pages of ${pageSize}, 1005 gap fills)`, value: round(backfilled / (backfillMs / 1000), 0), unit: "msgs/s" },
          { label: "connect sync time", value: round(syncMs, 0), unit: "ms", better: "lower" },
          { label: "backfill time", value: round(backfillMs, 0), unit: "ms", better: "lower" },
        ],
        baseline: { label: `raw sql.js insert of ${total} rows, one transaction`, value: round(raw, 0), unit: "msgs/s" },
        ratio: all / raw,
        ratioMeaning: "of raw sql.js insert throughput",
        goal: { text: "≥ 0.7× raw sql.js insert", met: all / raw >= 0.7 },
        notes: [
          `connect sync pulls only the newest ${CHAT_PULL_CAP} per conversation (${afterSync} of ${total}); the other ${backfilled} came through ${pages} history pages, one conversation after another`,
          `connect-sync ratio alone: ${(syncRate / raw).toFixed(3)}× raw`,
          `devserver seeded through its own send logic on its store file before start (${(world.seedMs / 1000).toFixed(1)} s, ${world.seededMessages} messages); server in the same process, so its pull work is inside the figure`,
          `heap after ingest ${heapMB.toFixed(0)} MiB (see the memory benchmark)`,
        ],
      };
    } finally {
      await rt.sdk.logout().catch(() => {});
      await world.close();
    }
  },
});
