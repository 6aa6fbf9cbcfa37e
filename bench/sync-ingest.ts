// Sync ingest: an empty client (Node binding, in-memory sql.js) pulls 100k messages over 200
// conversations from the devserver — the connect sync (newest CHAT_PULL_CAP per conversation),
// then a history backfill of the rest (bench/lib/sdk/ingest.ts). Baseline: raw sql.js inserting
// the same number of rows into the same chat_logs table, in the same process.
import { CHAT_PULL_CAP } from "../runtime/sync/seq-ranges.js";
import { defineBenchmark } from "./lib/benchmark.js";
import { chatLogRows, chatLogTable, rawSqlJsInsertMs } from "./lib/chat-log-rows.js";
import { parseFlags } from "./lib/cli-args.js";
import { INGEST_SELF, ingestFlags, prepareIngest, runIngest } from "./lib/sdk/ingest.js";
import { round } from "./lib/stats.js";

export default defineBenchmark({
  name: "sync-ingest",
  description: "empty Node client pulls 100k messages / 200 conversations from the devserver (connect sync + history backfill) vs raw sql.js insert of the same rows",
  async run(ctx) {
    const o = parseFlags(ctx.args, ingestFlags);
    const total = o.messages ?? 100_000;
    const convs = o.conversations ?? 200;
    const pageSize = o.page ?? 100;
    const w = await prepareIngest(ctx, total, convs);
    try {
      const r = await runIngest(ctx, w, total, convs, pageSize);
      ctx.progress(`baseline: raw sql.js insert of ${total} rows`);
      const table = await chatLogTable();
      const rawMs = await rawSqlJsInsertMs(table, chatLogRows(total, convs, INGEST_SELF).map(table.toColumns));
      const raw = total / (rawMs / 1000);
      const all = total / ((r.syncMs + r.backfillMs) / 1000);
      const syncRate = r.afterSync / (r.syncMs / 1000);
      return {
        figures: [
          { label: `all ${total} messages stored (connect sync + history backfill)`, value: round(all, 0), unit: "msgs/s" },
          { label: `connect sync: newest ${CHAT_PULL_CAP}/conversation, login → OnSyncServerFinish`, value: round(syncRate, 0), unit: "msgs/s" },
          { label: `history backfill (pages of ${pageSize}, 1005 gap fills)`, value: round(r.backfilled / (r.backfillMs / 1000), 0), unit: "msgs/s" },
          { label: "connect sync time (initSDK → OnSyncServerFinish)", value: round(r.syncMs, 0), unit: "ms", better: "lower" },
          { label: "of which initSDK + login resolved", value: round(r.loginMs, 0), unit: "ms", better: "lower" },
          { label: "backfill time", value: round(r.backfillMs, 0), unit: "ms", better: "lower" },
        ],
        baseline: { label: `raw sql.js insert of ${total} rows, one transaction`, value: round(raw, 0), unit: "msgs/s" },
        ratio: all / raw,
        ratioMeaning: "of raw sql.js insert throughput",
        goal: { text: "≥ 0.7× raw sql.js insert", met: all / raw >= 0.7 },
        notes: [
          `connect sync pulls only the newest ${CHAT_PULL_CAP} per conversation (${r.afterSync} of ${total}); the other ${r.backfilled} came through ${r.pages} history pages, one conversation after another`,
          `connect-sync ratio alone: ${(syncRate / raw).toFixed(3)}× raw`,
          `devserver seeded through its own send logic on its store file before start (${(w.world.seedMs / 1000).toFixed(1)} s, ${w.world.seededMessages} messages); server in the same process, so its pull work is inside the figure`,
        ],
      };
    } finally {
      await w.close();
    }
  },
});
