// The chat path the SDK needs first: send (1003) → ack without seq → 2001 push with seq to every
// device of both users → 1001 max seqs → 1002 range pull (newest `num`), dedup by clientMsgID.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { msg, sdkws } from "../../generated/protocol/index.js";
import type { DevServer } from "../../devserver/index.js";
import { b64, pushedMessages, RawClient, sendText, singleID, startTestServer, textOf, userToken, withUsers } from "./support.js";

let server: DevServer;
let tokens: Record<string, string>;
let admin: string;
const clients: RawClient[] = [];
const connect = async (userID: string, platformID = 5, token = tokens[userID]!) => {
  const c = await RawClient.connect(server, { userID, token, platformID });
  clients.push(c);
  return c;
};

beforeEach(async () => {
  server = await startTestServer();
  ({ admin, tokens } = await withUsers(server, "alice", "bob", "carol"));
});
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await server.close();
});

describe("1003 send + 2001 push", () => {
  it("acks without seq, then pushes with seq to the recipient and every device of the sender", async () => {
    const a5 = await connect("alice");
    const a3 = await connect("alice", 3, await userToken(server, admin, "alice", 3));
    const b = await connect("bob");
    const c = await connect("carol");
    const { resp, ack, message } = await sendText(a5, "bob", "hello");
    expect(resp.errCode).toBe(0);
    expect(ack.clientMsgID).toBe(message.clientMsgID);
    expect(ack.serverMsgID).toMatch(/^[0-9a-f]{32}$/);
    expect(ack.sendTime).toBeGreaterThan(0);
    expect(msg.SendMsgResp.decode(b64(resp.data)).modify).toBeUndefined();
    for (const client of [a5, a3, b]) {
      const [p] = pushedMessages(await client.waitPushes(1));
      expect(p!.conversationID).toBe(singleID("alice", "bob"));
      expect(p!.notification).toBe(false);
      expect(p!.msg.seq).toBe(1);
      expect(p!.msg.clientMsgID).toBe(message.clientMsgID);
      expect(p!.msg.serverMsgID).toBe(ack.serverMsgID);
      expect(p!.msg.status).toBe(2);
      expect(textOf(p!.msg)).toBe("hello");
    }
    // The ack precedes the sender's own push on the sending connection.
    expect(a5.binary.findIndex((f) => f.reqIdentifier === 1003)).toBeLessThan(a5.binary.findIndex((f) => f.reqIdentifier === 2001));
    await sendText(b, "alice", "hi back");
    const seqs = pushedMessages(await a5.waitPushes(2)).map((p) => p.msg.seq);
    expect(seqs).toEqual([1, 2]);
    expect(c.pushes()).toHaveLength(0);
  });

  it("a resend with the same clientMsgID returns the same ack and is stored once", async () => {
    const a = await connect("alice");
    const b = await connect("bob");
    const first = await sendText(a, "bob", "once");
    const again = await a.request(1003, sdkws.MsgData.encode(first.message));
    expect(again.errCode).toBe(0);
    expect(msg.SendMsgResp.decode(b64(again.data))).toEqual(first.ack);
    await b.waitPushes(1);
    const max = sdkws.GetMaxSeqResp.decode(b64((await b.request(1001, sdkws.GetMaxSeqReq.encode({ userID: "bob" }))).data));
    expect(max.maxSeqs[singleID("alice", "bob")]).toBe(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(b.pushes()).toHaveLength(1);
  });

  it("a message to yourself is pushed once per device and lands in si_<me>_<me>", async () => {
    const a = await connect("alice");
    await sendText(a, "alice", "note to self");
    const pushed = pushedMessages(await a.waitPushes(1));
    expect(pushed[0]!.conversationID).toBe("si_alice_alice");
    await new Promise((r) => setTimeout(r, 50));
    expect(a.pushes()).toHaveLength(1);
  });
});

describe("1001 + 1002", () => {
  it("1001 lists the user's conversations (zeros omitted); 1002 returns the newest num of a range", async () => {
    const a = await connect("alice");
    for (let i = 1; i <= 5; i++) await sendText(a, "bob", `m${i}`);
    await a.waitPushes(5);
    const cid = singleID("alice", "bob");
    const max = sdkws.GetMaxSeqResp.decode(b64((await a.request(1001, sdkws.GetMaxSeqReq.encode({ userID: "alice" }))).data));
    expect(max.maxSeqs).toEqual({ [cid]: 5 });
    expect(max.minSeqs).toEqual({});

    const pull = async (begin: number, end: number, num: number, order = 0) => {
      const r = await a.request(1002, sdkws.PullMessageBySeqsReq.encode({ userID: "alice", seqRanges: [{ conversationID: cid, begin, end, num }], order }));
      expect(r.errCode).toBe(0);
      return sdkws.PullMessageBySeqsResp.decode(b64(r.data)).msgs[cid];
    };
    const newest2 = await pull(1, 5, 2);
    expect(newest2!.Msgs.map((m) => m.seq)).toEqual([4, 5]);
    expect(newest2!.Msgs.map(textOf)).toEqual(["m4", "m5"]);
    expect(newest2!.isEnd).toBe(true);
    const early = await pull(1, 3, 10);
    expect(early!.Msgs.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(early!.isEnd).toBe(false);
    // end beyond maxSeq is clamped; begin 0 starts at 1.
    expect((await pull(0, 100, 100))!.Msgs.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    // Desc: isEnd once begin reaches the window's start.
    expect((await pull(1, 2, 10, 1))!.isEnd).toBe(true);
    expect((await pull(3, 4, 10, 1))!.isEnd).toBe(false);
    // A range past the end is empty and omitted.
    expect(await pull(6, 9, 10)).toBeUndefined();
  });
});
