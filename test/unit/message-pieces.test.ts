// The pure pieces of the message runtime on real sql.js: journal entries recorded from DAO calls,
// literal LIKE patterns, conversationIDs, the typing throttle, builders, a batch's latest message.
import { describe, expect, it } from "vitest";
import { createDaos } from "../../generated/dao/index.js";
import { migrate } from "../../generated/dao/migrations.js";
import type { LocalChatLog } from "../../generated/types/index.js";
import { emptyConversation, withLatest, withNewest } from "../../runtime/conversations/conversation-rows.js";
import { MessageBuilder } from "../../runtime/messages/builders.js";
import { itemFromRow } from "../../runtime/messages/convert.js";
import { conversationIDOf, peerOf } from "../../runtime/messages/ids.js";
import { TypingThrottle } from "../../runtime/messages/input-states.js";
import { journalOps } from "../../runtime/messages/journal-ops.js";
import { likePattern } from "../../runtime/messages/search.js";
import { openSqlJs } from "../support/sqljs-driver.js";

const row = (id: string, text: string): LocalChatLog => ({
  clientMsgID: id, conversationID: "si_a_b", serverMsgID: "", sendID: "a", recvID: "b", groupID: "", senderPlatformID: 5, senderNickname: "", senderFaceUrl: "",
  sessionType: 1, msgFrom: 100, contentType: 101, content: JSON.stringify({ content: text }), isRead: false, status: 1, seq: 0, sendTime: 1, createTime: 1,
});

describe("journalOps", () => {
  it("records DAO writes as statements that, replayed, give the same rows as the direct calls", async () => {
    const direct = await openSqlJs();
    const replayed = await openSqlJs();
    migrate(direct);
    migrate(replayed);
    const write = (d: ReturnType<typeof createDaos>) => {
      d.chatLogs.upsert(row("m1", "it's 100%"));
      d.localSendingMessages.upsert({ conversationID: "si_a_b", clientMsgID: "m1", createTime: 5, attempts: 0, ex: "{}" });
    };
    write(createDaos(direct));
    const ops = journalOps(write);
    expect(ops).toHaveLength(2);
    for (const op of ops) replayed.run(op.sql, op.params);
    const dump = (db: typeof direct) => [db.all("SELECT * FROM chat_logs"), db.all("SELECT * FROM local_sending_messages")];
    expect(dump(replayed)).toEqual(dump(direct));
  });

  it("refuses reads: an entry holds writes only", () => {
    expect(() => journalOps((d) => void d.chatLogs.get("x"))).toThrow(/writes only/);
  });
});

describe("likePattern", () => {
  it("escapes the LIKE wildcards and the escape character; matches literally on sql.js", async () => {
    expect(likePattern("100%")).toBe("%100\\%%");
    expect(likePattern("a_b\\c")).toBe("%a\\_b\\\\c%");
    const db = await openSqlJs();
    const match = (text: string, kw: string) => db.get("SELECT ? LIKE ? ESCAPE '\\' AS m", [text, likePattern(kw)])!["m"] === 1;
    expect(match("100% sure", "%")).toBe(true);
    expect(match("plain", "%")).toBe(false);
    expect(match("a_b", "_")).toBe(true);
    expect(match("ab", "_")).toBe(false);
    expect(match("back\\slash", "\\")).toBe(true);
    expect(match("it's", "'")).toBe(true);
  });
});

describe("conversationIDs", () => {
  it("sort the pair byte-wise as the server does, and find the peer back", () => {
    expect(conversationIDOf(1, "bob", "alice")).toBe("si_alice_bob");
    expect(conversationIDOf(1, "Zed", "adam")).toBe("si_Zed_adam"); // 'Z' (0x5a) < 'a' (0x61)
    expect(conversationIDOf(3, "me", "g1")).toBe("sg_g1");
    expect(peerOf("si_alice_bob", "bob")).toBe("alice");
    expect(peerOf("si_alice_bob", "alice")).toBe("bob");
    expect(() => conversationIDOf(2, "a", "b")).toThrow(/sessionType 2/);
  });
});

describe("TypingThrottle", () => {
  it("sends 'yes' at most once per 10 s per conversation and 'no' only after a 'yes'", () => {
    let now = 0;
    const t = new TypingThrottle(() => now);
    expect(t.next("c", false)).toBeUndefined();
    expect(t.next("c", true)).toBe("yes");
    now = 9_999;
    expect(t.next("c", true)).toBeUndefined();
    expect(t.next("d", true)).toBe("yes");
    now = 10_000;
    expect(t.next("c", true)).toBe("yes");
    expect(t.next("c", false)).toBe("no");
    expect(t.next("c", false)).toBeUndefined();
  });
});

describe("MessageBuilder", () => {
  it("stamps the sender and time, and keeps quotes one level deep", () => {
    const b = new MessageBuilder(() => ({ userID: "me", platformID: 7 }), () => 1234);
    const inner = b.quote({ text: "q1", message: JSON.stringify(b.text("first")) });
    const outer = b.advancedQuote({ text: "q2", message: inner });
    expect(outer).toMatchObject({ sendID: "me", senderPlatformID: 7, createTime: 1234, contentType: 114 });
    expect(outer.quoteElem!.quoteMessage.quoteElem).toBeUndefined();
    expect(outer.quoteElem!.quoteMessage.clientMsgID).toBe(inner.clientMsgID);
  });
});

describe("withNewest", () => {
  it("gives the same row as withLatest with each message in turn (older ones only when they are the latest itself)", () => {
    const item = (id: string, sendTime: number, text = id) => itemFromRow({ ...row(id, text), sendTime });
    const start = withLatest(emptyConversation("si_a_b", "a"), item("m0", 50));
    const batches = [
      [item("m1", 40), item("m2", 60), item("m3", 60), item("m4", 55)],
      [item("m0", 30, "m0 with its seq"), item("m5", 20)],
      [item("m5", 20), item("m6", 0)],
      [],
    ];
    for (const batch of batches) expect(withNewest(start, batch)).toEqual(batch.reduce(withLatest, start));
    expect(JSON.parse(withNewest(start, batches[0]!).latestMsg).clientMsgID).toBe("m3");
    expect(withNewest(start, batches[1]!).latestMsgSendTime).toBe(30);
    expect(withNewest(emptyConversation("si_a_b", "a"), [item("m6", 0)]).latestMsgSendTime).toBe(1);
  });
});
