// The same chat_logs rows for a benchmark and its raw sql.js baseline: the rows as the DAO takes
// them, the table exactly as the migrations create it, and the rows as plain column arrays for
// a hand-written INSERT — so "raw sql.js" writes the same bytes into the same indexes.
import type { SqlValue } from "../../runtime/contracts/storage.js";
import { openSqlJs } from "../../runtime/storage/sqljs-module.js";
import { openSqlJsDriver } from "../../runtime/storage/sqljs-driver.js";
import { migrate } from "../../generated/dao/migrations.js";
import type { LocalChatLog } from "../../generated/types/index.js";

export const TEXT_CONTENT = JSON.stringify({ content: "x".repeat(100) });

/** `total` single-chat text messages round-robin over `conversations` conversations, seqs 1… in each. */
export function chatLogRows(total: number, conversations: number, owner = "u0"): LocalChatLog[] {
  return Array.from({ length: total }, (_, i) => {
    const peer = `u${i % conversations}`;
    return {
      clientMsgID: `m${i}`, conversationID: `si_${owner}_${peer}`, serverMsgID: `s${i}`, sendID: peer, recvID: owner, groupID: "",
      senderPlatformID: 5, senderNickname: "n", senderFaceUrl: "", sessionType: 1, msgFrom: 100, contentType: 101,
      content: TEXT_CONTENT, isRead: false, status: 2, seq: Math.floor(i / conversations) + 1, sendTime: 1e12 + i, createTime: 1e12 + i,
    };
  });
}

export interface ChatLogTable {
  /** CREATE TABLE / INDEX statements of chat_logs as the migrations leave them. */
  ddl: string[];
  insertSql: string;
  /** One row → values in `insertSql`'s column order. */
  toColumns(row: LocalChatLog): SqlValue[];
}

const snake = (field: string) => field.replace(/ID/g, "Id").replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export async function chatLogTable(): Promise<ChatLogTable> {
  const probe = await openSqlJsDriver();
  migrate(probe);
  const ddl = probe.all("SELECT sql FROM sqlite_master WHERE tbl_name = 'chat_logs' AND sql IS NOT NULL").map((r) => String(r.sql));
  const columns = probe.all("PRAGMA table_info(chat_logs)").map((r) => String(r.name));
  probe.close();
  const sample = chatLogRows(1, 1)[0]!;
  const fieldOf = new Map(Object.keys(sample).map((k) => [snake(k), k]));
  const missing = columns.filter((c) => !fieldOf.has(c) && !["attached_info", "ex", "local_ex", "sent_during_sync"].includes(c));
  if (missing.length > 0) throw new Error(`chat_logs columns ${missing.join(", ")} have no LocalChatLog field in bench/lib/chat-log-rows.ts; update it to the schema`);
  return {
    ddl,
    insertSql: `INSERT INTO chat_logs (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    toColumns: (row) =>
      columns.map((c) => {
        const v = (row as unknown as Record<string, unknown>)[fieldOf.get(c) ?? ""];
        return typeof v === "boolean" ? (v ? 1 : 0) : v === undefined ? null : (v as SqlValue);
      }),
  };
}

/** Raw sql.js: fresh in-memory DB, the same DDL, one transaction, one prepared INSERT. Returns ms. */
export async function rawSqlJsInsertMs(table: ChatLogTable, rows: readonly SqlValue[][]): Promise<number> {
  const SQL = await openSqlJs();
  const db = new SQL.Database();
  for (const stmt of table.ddl) db.run(stmt);
  const started = performance.now();
  const insert = db.prepare(table.insertSql);
  db.run("BEGIN");
  for (const row of rows) insert.run(row);
  db.run("COMMIT");
  insert.free();
  const ms = performance.now() - started;
  db.close();
  return ms;
}
