// The generated chat_logs DAO on sql.js, on the shape of architecture.md's measured hints (100k
// messages over 200 conversations, one table, index (conversation_id, seq)), against raw sql.js
// inserting the same rows into the same table. CPU time, not wall time: on the shared VM wall
// time follows the load of other processes.
import { createDaos } from "../generated/dao/index.js";
import { migrate } from "../generated/dao/migrations.js";
import { openSqlJsDriver } from "../runtime/storage/sqljs-driver.js";
import { defineBenchmark } from "./lib/benchmark.js";
import { chatLogRows, chatLogTable, rawSqlJsInsertMs } from "./lib/chat-log-rows.js";
import { parseFlags } from "./lib/cli-args.js";
import { round } from "./lib/stats.js";

const cpuMs = (fn: () => void): number => {
  const c = process.cpuUsage();
  fn();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
};

const flags = { messages: { kind: "int", min: 1000, help: "rows (default 100000)" } } as const;
const CONVERSATIONS = 200;
const BATCH = 10_000;

export default defineBenchmark({
  name: "dao",
  description: "generated chat_logs DAO: bulk upsert, history pages, max(seq) on 100k rows vs raw sql.js INSERT of the same rows",
  async run(ctx) {
    const total = parseFlags(ctx.args, flags).messages ?? 100_000;
    const rows = chatLogRows(total, CONVERSATIONS);
    const table = await chatLogTable();
    const rawRows = rows.map(table.toColumns);
    ctx.progress(`raw sql.js insert of ${total} rows`);
    const c0 = process.cpuUsage();
    await rawSqlJsInsertMs(table, rawRows);
    const c1 = process.cpuUsage(c0);
    const rawCpuMs = (c1.user + c1.system) / 1000;

    ctx.progress(`DAO upsertMany of ${total} rows in batches of ${BATCH}`);
    const db = await openSqlJsDriver();
    migrate(db);
    const daos = createDaos(db);
    const insertMs = cpuMs(() => {
      for (let i = 0; i < rows.length; i += BATCH) daos.chatLogs.upsertMany(rows.slice(i, i + BATCH));
    });
    const maxSeq = Math.ceil(total / CONVERSATIONS);
    const historyMs = cpuMs(() => {
      for (let q = 0; q < 1000; q++) daos.chatLogs.historyBefore(`si_u0_u${q % CONVERSATIONS}`, maxSeq, 20);
    });
    let convs = 0;
    const maxSeqMs = cpuMs(() => (convs = daos.chatLogs.maxSeqPerConversation().length));
    if (convs !== CONVERSATIONS) throw new Error(`maxSeqPerConversation returned ${convs} conversations, expected ${CONVERSATIONS}`);
    const dbBytes = db.exportSnapshot().length;
    db.close();
    const ours = total / (insertMs / 1000);
    const raw = total / (rawCpuMs / 1000);
    return {
      figures: [
        { label: "DAO bulk upsert (CPU)", value: round(ours, 0), unit: "rows/s" },
        { label: "1000 history pages of 20 (CPU)", value: round(historyMs, 1), unit: "ms", better: "lower" },
        { label: "max(seq) of all conversations (CPU)", value: round(maxSeqMs, 1), unit: "ms", better: "lower" },
        { label: "database size", value: round(dbBytes / 2 ** 20, 1), unit: "MiB", better: "lower" },
      ],
      baseline: { label: "raw sql.js INSERT, one transaction (CPU)", value: round(raw, 0), unit: "rows/s" },
      ratio: ours / raw,
      ratioMeaning: "of raw sql.js insert throughput",
      goal: { text: "≥ 0.9× raw (architecture.md)", met: ours / raw >= 0.9 },
      notes: [`${total} rows over ${CONVERSATIONS} conversations; DAO in batches of ${BATCH} (one transaction each), raw in one transaction`],
    };
  },
});
