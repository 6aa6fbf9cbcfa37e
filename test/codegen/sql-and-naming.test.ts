// The named-query checker and the column naming rule, directly.
import { describe, expect, it } from "vitest";
import { snakeCase } from "../../codegen/naming.js";
import { analyzeQuery } from "../../codegen/parse/sql.js";

const table = { name: "chat_logs", columns: ["client_msg_id", "conversation_id", "seq", "content"] };

describe("analyzeQuery", () => {
  it("compiles :params to positional ? in order, repeating a param used twice", () => {
    const a = analyzeQuery("SELECT * FROM chat_logs\n  WHERE conversation_id = :c AND (seq > :s OR seq = :s)", table, ["c", "s"]);
    expect(a.problems).toEqual([]);
    expect(a.sql).toBe("SELECT * FROM chat_logs WHERE conversation_id = ? AND (seq > ? OR seq = ?)");
    expect(a.bind).toEqual(["c", "s", "s"]);
    expect(a.outputs).toEqual(table.columns);
  });

  it("ignores words inside string literals, functions, aliases and qualified names", () => {
    const a = analyzeQuery("SELECT max(chat_logs.seq) AS top, content FROM chat_logs WHERE content != 'owner :x' ORDER BY top", table, []);
    expect(a.problems).toEqual([]);
    expect(a.outputs).toEqual(["top", "content"]);
    expect(a.bind).toEqual([]);
  });

  it("rejects other tables, several statements, unnamed expressions and unknown words", () => {
    const msgs = (sql: string, params: string[] = []) => analyzeQuery(sql, table, params).problems.map((p) => p.message);
    expect(msgs("SELECT seq FROM local_conversations")).toEqual(["query reads table `local_conversations`; a table's queries may only use that table (`chat_logs`)"]);
    expect(msgs("DELETE FROM chat_logs; DELETE FROM chat_logs")).toContain("query must be a single statement");
    expect(msgs("SELECT seq + 1 FROM chat_logs")).toEqual(["selected expression `seq + 1` has no name"]);
    expect(msgs("SELECT sequence FROM chat_logs")).toEqual(["query names unknown column `sequence` of table `chat_logs`"]);
    expect(msgs("PRAGMA user_version")).toEqual(["query must be one SELECT, UPDATE, DELETE or INSERT statement, got `PRAGMA`"]);
    expect(msgs("UPDATE chat_logs SET seq = 1", ["unused"])).toEqual(["query parameter `unused` is declared but never used"]);
  });
});

describe("snakeCase", () => {
  it.each([
    ["clientMsgID", "client_msg_id"],
    ["conversationID", "conversation_id"],
    ["faceURL", "face_url"],
    ["senderFaceUrl", "sender_face_url"],
    ["latestMsgSendTime", "latest_msg_send_time"],
    ["seq", "seq"],
    ["HTTPServer", "http_server"],
    ["userId", "user_id"],
  ])("%s → %s", (input, out) => expect(snakeCase(input)).toBe(out));
});
