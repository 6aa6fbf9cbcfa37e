// Benchmark: the generated chat_logs DAO on sql.js, on the shape of architecture.md's measured hints
// (100k messages over 200 conversations, one table, index (conversation_id, seq)).
// Run: npx tsx bench/dao.ts [messages]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDaos } from "../generated/dao/index.js";
import { migrate } from "../generated/dao/migrations.js";
import type { LocalChatLog } from "../generated/types/index.js";
import { openSqlJs } from "../test/support/sqljs-driver.js";

const total = Number(process.argv[2] ?? 100_000);
const conversations = 200;
const db = await openSqlJs();
migrate(db);
const daos = createDaos(db);

const rows: LocalChatLog[] = Array.from({ length: total }, (_, i) => {
  const conversationID = `si_u0_u${i % conversations}`;
  const seq = Math.floor(i / conversations) + 1;
  return {
    clientMsgID: `m${i}`, conversationID, serverMsgID: `s${i}`, sendID: "u0", recvID: `u${i % conversations}`,
    senderPlatformID: 5, senderNickname: "n", senderFaceUrl: "", sessionType: 1, msgFrom: 100, contentType: 101,
    content: JSON.stringify({ content: "x".repeat(100) }), isRead: false, status: 2, seq, sendTime: 1e12 + i, createTime: 1e12 + i,
  };
});

// CPU time, not wall time: on the shared VM wall time follows the load of other processes.
const time = (fn: () => void) => {
  const c = process.cpuUsage();
  fn();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
};

const insertMs = time(() => {
  for (let i = 0; i < rows.length; i += 10_000) daos.chatLogs.upsertMany(rows.slice(i, i + 10_000));
});
const historyMs = time(() => {
  for (let q = 0; q < 1000; q++) daos.chatLogs.historyBefore(`si_u0_u${q % conversations}`, 400, 20);
});
const maxSeqMs = time(() => daos.chatLogs.maxSeqPerConversation());
const results = {
  messages: total,
  conversations,
  upsertRowsPerSec: Math.round(total / (insertMs / 1000)),
  history1000x20Ms: Math.round(historyMs),
  maxSeqAllConversationsMs: Math.round(maxSeqMs),
  dbBytes: db.raw.export().length,
  machine: `${os.cpus().length} cpu, node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`,
};
db.close();
console.log(`generated chat_logs DAO on sql.js (${results.machine})`);
console.log(`| bulk upsert rows/s (CPU) | 1000 history pages of 20 (CPU) | max(seq) all conversations (CPU) | DB size |`);
console.log(`|---|---|---|---|`);
console.log(`| ${results.upsertRowsPerSec} | ${results.history1000x20Ms} ms | ${results.maxSeqAllConversationsMs} ms | ${(results.dbBytes / 2 ** 20).toFixed(1)} MiB |`);
const dir = path.join(import.meta.dirname, "results");
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "dao.json"), JSON.stringify(results, null, 2) + "\n");
