// The official web client and our SDK in one conversation, each on either side: text, @, quote,
// read receipts, revoke, both conversation lists and unread counts (checked against the server),
// and a network outage of either side while the other keeps writing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../../devserver/index.js";
import { startTestServer, withUsers } from "../devserver/support.js";
import { OfficialChatter, OurChatter, type Chatter, type Seen } from "./chatters.js";
import { serverUnread, singleConversationID } from "./support.js";

type Kind = "official" | "ours";
const login = (kind: Kind, server: DevServer, userID: string, token: string): Promise<Chatter> =>
  kind === "official" ? OfficialChatter.login(server, userID, token) : OurChatter.login(server, userID, token);

const bySeq = (xs: Seen[]) => [...xs].sort((x, y) => x.seq - y.seq).map((m) => ({ clientMsgID: m.clientMsgID, seq: m.seq, contentType: m.contentType, sendID: m.sendID }));

describe.each<[Kind, Kind]>([
  ["official", "ours"],
  ["ours", "official"],
])("A (%s) ↔ B (%s)", (kindA, kindB) => {
  let server: DevServer;
  let tokens: Record<string, string>;
  let a: Chatter;
  let b: Chatter;
  const conv = singleConversationID("alice", "bob");
  const unreadOnServer = async (c: Chatter) => (await serverUnread(server, c.userID, tokens[c.userID]!))[conv];
  const sent: Record<string, Seen> = {};

  beforeAll(async () => {
    server = await startTestServer();
    ({ tokens } = await withUsers(server, "alice", "bob"));
    a = await login(kindA, server, "alice", tokens.alice!);
    b = await login(kindB, server, "bob", tokens.bob!);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.close();
  });

  describe.sequential("one conversation", () => {
    it("A → B: text and @ arrive intact and count as B's unread, as on the server", async () => {
      sent.text = await a.sendText("bob", "hello from A");
      const got = await b.received(sent.text.clientMsgID);
      expect(got).toMatchObject({ clientMsgID: sent.text.clientMsgID, text: "hello from A", sendID: "alice", contentType: 101, seq: 1 });
      sent.at = await a.sendAt("bob", "@bob look", ["bob"]);
      const at = await b.received(sent.at.clientMsgID);
      expect(at).toMatchObject({ contentType: 106, text: "@bob look", atUserList: ["bob"], seq: 2 });
      expect((await b.conversation(conv))?.unreadCount).toBe(2);
      expect(await unreadOnServer(b)).toBe(2);
      expect((await a.conversation(conv))?.unreadCount).toBe(0);
      expect(await unreadOnServer(a)).toBe(0);
    });

    it("B reads: A gets the receipt for its messages, B's unread is 0 on both B and the server", async () => {
      await b.markRead(conv);
      const ids = await a.receipt("bob", sent.at!.clientMsgID);
      expect(ids).toEqual(expect.arrayContaining([sent.at!.clientMsgID]));
      expect((await b.conversation(conv))?.unreadCount).toBe(0);
      expect(await unreadOnServer(b)).toBe(0);
    });

    it("B → A: a quote of A's @ and a text; A reads them and B gets the receipt", async () => {
      sent.quote = await b.sendQuote("alice", "quoting your @", conv, sent.at!.clientMsgID);
      const q = await a.received(sent.quote.clientMsgID);
      expect(q).toMatchObject({ contentType: 114, text: "quoting your @", quotedClientMsgID: sent.at!.clientMsgID, sendID: "bob" });
      sent.reply = await b.sendText("alice", "and a text from B");
      expect(await a.received(sent.reply.clientMsgID)).toMatchObject({ text: "and a text from B", seq: 4 });
      expect((await a.conversation(conv))?.unreadCount).toBe(2);
      expect(await unreadOnServer(a)).toBe(2);
      await a.markRead(conv);
      const ids = await b.receipt("alice", sent.reply.clientMsgID);
      expect(ids).toEqual(expect.arrayContaining([sent.quote.clientMsgID, sent.reply.clientMsgID]));
      expect((await a.conversation(conv))?.unreadCount).toBe(0);
      expect(await unreadOnServer(a)).toBe(0);
    });

    it("revoke both ways: each side sees the other's revoke and both histories show the notice", async () => {
      // The revoker is told too (OnNewRecvMessageRevoked on both sides).
      await a.revoke(conv, sent.text!.clientMsgID);
      await Promise.all([a.revoked(sent.text!.clientMsgID), b.revoked(sent.text!.clientMsgID)]);
      await b.revoke(conv, sent.reply!.clientMsgID);
      await Promise.all([a.revoked(sent.reply!.clientMsgID), b.revoked(sent.reply!.clientMsgID)]);
      for (const c of [a, b]) {
        const h = await c.history(conv);
        expect(h.find((m) => m.clientMsgID === sent.text!.clientMsgID)?.contentType, c.kind).toBe(2101);
        expect(h.find((m) => m.clientMsgID === sent.reply!.clientMsgID)?.contentType, c.kind).toBe(2101);
      }
    });

    it("both sides' lists and histories agree", async () => {
      const [ha, hb] = [await a.history(conv), await b.history(conv)];
      expect(bySeq(ha)).toEqual(bySeq(hb));
      expect(bySeq(ha).map((m) => m.seq)).toEqual([1, 2, 3, 4]);
      const [ca, cb] = [await a.conversation(conv), await b.conversation(conv)];
      expect(ca?.latestClientMsgID).toBe(sent.reply!.clientMsgID);
      expect(cb?.latestClientMsgID).toBe(sent.reply!.clientMsgID);
      expect([ca?.unreadCount, cb?.unreadCount]).toEqual([0, 0]);
    });

    it("an outage of either side loses nothing the other wrote meanwhile", async () => {
      for (const [down, up] of [
        [b, a],
        [a, b],
      ] as const) {
        const during: Seen[] = [];
        await down.outage(async () => {
          for (let i = 0; i < 3; i++) during.push(await up.sendText(down.userID, `${up.userID} while ${down.userID} is offline #${i}`));
        });
        for (const m of during) expect(await down.received(m.clientMsgID), down.kind).toMatchObject({ clientMsgID: m.clientMsgID, seq: m.seq || expect.any(Number) });
        const h = bySeq(await down.history(conv));
        expect(h.slice(-3).map((m) => m.clientMsgID)).toEqual(during.map((m) => m.clientMsgID));
        expect((await down.conversation(conv))?.unreadCount, down.kind).toBe(3);
        expect(await unreadOnServer(down)).toBe(3);
        await down.markRead(conv);
        expect(await unreadOnServer(down)).toBe(0);
      }
      expect(bySeq(await a.history(conv))).toEqual(bySeq(await b.history(conv)));
    }, 60_000);
  });
});
