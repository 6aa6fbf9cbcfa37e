// History pages end to end: local rows, gaps pulled with 1005 before returning, isEnd, deleted
// messages skipped, stable order for equal send times, both directions.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CbEvents } from "../../bindings/node/index.js";
import type { LocalChatLog } from "../../generated/types/index.js";
import { CHAT_PULL_CAP } from "../../runtime/sync/seq-ranges.js";
import { apiOk, userToken } from "../devserver/support.js";
import { E2eWorld, type TestClient } from "../support/sdk-clients.js";

let world: E2eWorld;
beforeAll(async () => (world = await E2eWorld.start()));
afterEach(async () => world.afterEach());
afterAll(async () => world.close());

const texts = (n: number) => Array.from({ length: n }, (_, i) => `h${i + 1}`);

async function pageAll(c: TestClient, conversationID: string, count: number, reverse = false) {
  const pages: string[][] = [];
  let start = "";
  for (let i = 0; i < 100; i++) {
    const params = { conversationID, startClientMsgID: start, count };
    const r = reverse ? await c.sdk.getAdvancedHistoryMessageListReverse(params) : await c.sdk.getAdvancedHistoryMessageList(params);
    expect(r.errCode).toBe(0);
    pages.push(r.messageList.map((m) => m.textElem?.content ?? m.clientMsgID));
    if (r.isEnd) return pages;
    expect(r.messageList).toHaveLength(count);
    start = (reverse ? r.messageList.at(-1) : r.messageList[0])!.clientMsgID;
  }
  throw new Error("never reached isEnd");
}

describe("getAdvancedHistoryMessageList", () => {
  it("pages newest → oldest (each page oldest first) and Reverse pages oldest → newest, ending with isEnd", async () => {
    const [a, b] = await world.users("historian", "reader");
    const ca = await world.client(a!);
    await ca.sendTexts(b!, texts(25));
    const cid = await ca.sdk.getConversationIDBySessionType({ sourceID: b!, sessionType: 1 });
    const back = await pageAll(ca, cid, 10);
    expect(back).toEqual([texts(25).slice(15), texts(25).slice(5, 15), texts(25).slice(0, 5)]);
    const forward = await pageAll(ca, cid, 10, true);
    expect(forward).toEqual([texts(25).slice(0, 10), texts(25).slice(10, 20), texts(25).slice(20)]);
    await expect(ca.sdk.getAdvancedHistoryMessageList({ conversationID: cid, startClientMsgID: "nope", count: 5 })).rejects.toMatchObject({ errCode: 10002 });
    await expect(ca.sdk.getAdvancedHistoryMessageList({ conversationID: cid, startClientMsgID: "", count: 0 })).rejects.toMatchObject({ errCode: 10002 });
  });

  it("pulls the seqs the connect sync skipped (older than the newest CHAT_PULL_CAP) before returning", async () => {
    const [a, b] = await world.users("prolific", "late");
    const ca = await world.client(a!);
    const total = CHAT_PULL_CAP + 30;
    await ca.sendTexts(b!, texts(total));
    const cb = await world.client(b!);
    await cb.until("sync", () => cb.events(CbEvents.OnSyncServerFinish).length === 1);
    const cid = await cb.sdk.getConversationIDBySessionType({ sourceID: a!, sessionType: 1 });
    const stored = () => cb.rt.login.current!.daos.chatLogs.bySeqs(cid, 1, total).length;
    expect(stored()).toBe(CHAT_PULL_CAP);
    expect(await cb.sdk.getTotalUnreadMsgCount()).toBe(total);
    const pages = await pageAll(cb, cid, 50);
    const all = texts(total);
    const expected: string[][] = [];
    for (let end = total; end > 0; end -= 50) expected.push(all.slice(Math.max(0, end - 50), end));
    expect(pages).toEqual(expected);
    expect(stored()).toBe(total);
    // History is not news.
    expect(cb.events(CbEvents.OnRecvNewMessage)).toHaveLength(CHAT_PULL_CAP);
  });

  it("skips messages deleted on the server (status-4 placeholders) and still fills the page", async () => {
    const [a, b] = await world.users("deleter", "viewer");
    const ca = await world.client(a!);
    await ca.sendTexts(b!, texts(8));
    const cid = await ca.sdk.getConversationIDBySessionType({ sourceID: b!, sessionType: 1 });
    const bToken = await userToken(world.server, world.admin, b!);
    await apiOk(world.server, "/msg/delete_msgs", { conversationID: cid, seqs: [3, 4], userID: b, deleteSyncOpt: { IsSyncSelf: false, IsSyncOther: false } }, bToken);
    const cb = await world.client(b!);
    await cb.until("sync", () => cb.events(CbEvents.OnSyncServerFinish).length === 1);
    const pages = await pageAll(cb, cid, 3);
    expect(pages).toEqual([["h6", "h7", "h8"], ["h1", "h2", "h5"]]);
    expect(cb.events(CbEvents.OnRecvNewMessage).map((m) => m.textElem?.content)).toEqual(["h1", "h2", "h5", "h6", "h7", "h8"]);
  });

  it("keeps a stable order for equal send times across page boundaries (by seq, then clientMsgID)", async () => {
    const [a, z] = await world.users("sametime", "z");
    const ca = await world.client(a!);
    const { daos } = ca.rt.login.current!;
    const conv = await ca.sdk.getOneConversation({ sourceID: z!, sessionType: 1 });
    const cid = conv.conversationID;
    const row = (seq: number, id: string): LocalChatLog => ({
      clientMsgID: id, conversationID: cid, serverMsgID: `s${seq}`, sendID: z!, recvID: a!, groupID: "", senderPlatformID: 5, senderNickname: "", senderFaceUrl: "",
      sessionType: 1, msgFrom: 100, contentType: 101, content: JSON.stringify({ content: `t${seq}` }), isRead: true, status: 2, seq, sendTime: 1_700_000_000_000, createTime: 1,
    });
    daos.chatLogs.upsertMany([row(4, "a4"), row(2, "z2"), row(6, "b6"), row(1, "y1"), row(5, "c5"), row(3, "x3")]);
    daos.localConversations.upsert({ ...conv, maxSeq: 6, minSeq: 0 });
    expect(await pageAll(ca, cid, 4)).toEqual([["t3", "t4", "t5", "t6"], ["t1", "t2"]]);
    expect(await pageAll(ca, cid, 4, true)).toEqual([["t1", "t2", "t3", "t4"], ["t5", "t6"]]);
  });
});
