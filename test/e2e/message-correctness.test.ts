// Message correctness end to end on the devserver (issue 5): the revoker's group role, a revoked
// unread message leaving the unread count (live and across connects), @-mentions (isAtSelf,
// groupAtType), a reply reading the conversation on every device (as the server's hasReadSeq), and more than
// CHAT_PULL_CAP messages arriving offline.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CbEvents } from "../../bindings/node/index.js";
import type { ConversationItem, MessageItem, RevokedInfo } from "../../generated/types/index.js";
import { CHAT_PULL_CAP } from "../../runtime/sync/seq-ranges.js";
import { apiOk } from "../devserver/support.js";
import { E2eWorld, type TestClient } from "../support/sdk-clients.js";

let world: E2eWorld;
beforeAll(async () => (world = await E2eWorld.start()));
afterEach(async () => world.afterEach());
afterAll(async () => world.close());

/** A single-chat text stored by the server directly (admin send): the recipient's SDK plays no part. */
async function serverSend(sendID: string, recvID: string, text: string): Promise<void> {
  await apiOk(world.server, "/msg/send_msg", { sendID, recvID, senderPlatformID: 5, contentType: 101, sessionType: 1, content: { content: text } }, world.admin);
}
async function conversation(c: TestClient, cid: string): Promise<ConversationItem> {
  return (await c.sdk.getMultipleConversation([cid]))[0]!;
}
const lastChange = (c: TestClient, cid: string) =>
  c.events(CbEvents.OnConversationChanged).flat().filter((x) => x.conversationID === cid).at(-1);
const syncs = (c: TestClient) => c.events(CbEvents.OnSyncServerFinish).length;

describe("revokerRole", () => {
  it("is the revoker's group role for every member (owner 100, admin 60, member 20), and 0 in a single chat", async () => {
    const [owner, admin, member] = await world.users("boss", "mod", "pleb");
    const co = await world.client(owner!);
    const ca = await world.client(admin!);
    const cm = await world.client(member!);
    const group = await co.sdk.createGroup({ memberUserIDs: [member!], adminUserIDs: [admin!], groupInfo: { groupName: "Roles" } });
    const cid = `sg_${group.groupID}`;
    const revokedAt = (c: TestClient, clientMsgID: string) =>
      c.until(`revoke of ${clientMsgID}`, () => c.events(CbEvents.OnNewRecvMessageRevoked).find((i) => i.clientMsgID === clientMsgID));
    const revokeAs = async (revoker: TestClient, role: number) => {
      const m = await cm.sayInGroup(group.groupID, `revoked at role ${role}`);
      for (const c of [co, ca]) await c.until("message", () => c.events(CbEvents.OnRecvNewMessage).some((x) => x.clientMsgID === m.clientMsgID));
      await revoker.sdk.revokeMessage({ conversationID: cid, clientMsgID: m.clientMsgID });
      for (const c of [co, ca, cm]) {
        expect(await revokedAt(c, m.clientMsgID), `${c === co ? "owner" : c === ca ? "admin" : "member"} sees role ${role}`).toMatchObject({ revokerID: revoker.userID, revokerRole: role });
        const stored = (await c.history(cid)).find((x) => x.clientMsgID === m.clientMsgID)!;
        expect((JSON.parse(stored.notificationElem!.detail) as RevokedInfo).revokerRole).toBe(role);
      }
    };
    await revokeAs(co, 100);
    await revokeAs(ca, 60);
    await revokeAs(cm, 20);

    const note = await co.sendText(member!, "single");
    await cm.until("single", () => cm.events(CbEvents.OnRecvNewMessage).some((x) => x.clientMsgID === note.clientMsgID));
    const single = await co.sdk.getConversationIDBySessionType({ sourceID: member!, sessionType: 1 });
    await co.sdk.revokeMessage({ conversationID: single, clientMsgID: note.clientMsgID });
    expect(await revokedAt(co, note.clientMsgID)).toMatchObject({ revokerRole: 0 });
    expect(await revokedAt(cm, note.clientMsgID)).toMatchObject({ revokerRole: 0 });
  });
});

describe("revoking an unread message", () => {
  it("drops it from unread (events and total agree); a read one stays read; the next connects keep the count", async () => {
    const [a, b] = await world.users("oops", "reader");
    const dataDir = world.dir("openim-revoke-unread-");
    const ca = await world.client(a!);
    let cb = await world.client(b!, { dataDir });
    const cid = await cb.sdk.getConversationIDBySessionType({ sourceID: a!, sessionType: 1 });
    const first = await ca.sendText(b!, "first");
    await ca.sendText(b!, "second");
    await cb.until("two unread", async () => (await cb.sdk.getTotalUnreadMsgCount()) === 2);

    await ca.sdk.revokeMessage({ conversationID: cid, clientMsgID: first.clientMsgID });
    await cb.until("revoked", () => cb.events(CbEvents.OnNewRecvMessageRevoked).length === 1);
    expect(lastChange(cb, cid)).toMatchObject({ unreadCount: 1 });
    expect(cb.events(CbEvents.OnTotalUnreadMessageCountChanged).at(-1)).toBe(1);
    expect(await cb.sdk.getTotalUnreadMsgCount()).toBe(1);
    expect((await conversation(cb, cid)).unreadCount).toBe(1);

    // Revoked while the reader is offline: pulled already revoked, and not counted either.
    await cb.sdk.logout();
    const third = await ca.sendText(b!, "third");
    await ca.sdk.revokeMessage({ conversationID: cid, clientMsgID: third.clientMsgID });
    cb = await world.client(b!, { dataDir });
    await cb.until("sync", () => syncs(cb) === 1);
    expect((await conversation(cb, cid)).unreadCount).toBe(1);
    expect(await cb.sdk.getTotalUnreadMsgCount()).toBe(1);

    // Revoking a message already read changes nothing.
    await cb.sdk.markConversationMessageAsRead(cid);
    const fourth = await ca.sendText(b!, "fourth");
    await cb.until("fourth", async () => (await cb.sdk.getTotalUnreadMsgCount()) === 1);
    const second = (await cb.history(cid)).find((m) => m.textElem?.content === "second")!;
    await ca.sdk.revokeMessage({ conversationID: cid, clientMsgID: second.clientMsgID });
    await cb.until("revoke of a read message", () => cb.events(CbEvents.OnNewRecvMessageRevoked).some((i) => i.clientMsgID === second.clientMsgID));
    expect((await conversation(cb, cid)).unreadCount).toBe(1);
    await ca.sdk.revokeMessage({ conversationID: cid, clientMsgID: fourth.clientMsgID });
    await cb.until("unread gone", async () => (await cb.sdk.getTotalUnreadMsgCount()) === 0);

    await cb.sdk.logout();
    cb = await world.client(b!, { dataDir });
    await cb.until("sync", () => syncs(cb) === 1);
    expect(await cb.sdk.getTotalUnreadMsgCount()).toBe(0);
  });
});

describe("@ mentions", () => {
  it("isAtSelf is true only for the mentioned receiver; groupAtType AtMe / AtAll / AtAllAtMe until read", async () => {
    const [a, b, c] = await world.users("caller", "called", "bystander");
    const ca = await world.client(a!);
    const cb = await world.client(b!);
    const dataDir = world.dir("openim-at-");
    let cc = await world.client(c!, { dataDir });
    const group = await ca.sdk.createGroup({ memberUserIDs: [b!, c!], groupInfo: { groupName: "Mentions" } });
    const cid = `sg_${group.groupID}`;
    const at = async (ids: string[], text: string) =>
      ca.sdk.sendMessage({ recvID: "", groupID: group.groupID, message: await ca.sdk.createTextAtMessage({ text, atUserIDList: ids }) });
    const arrived = (x: TestClient, clientMsgID: string) =>
      x.until(`@ ${clientMsgID}`, () => x.events(CbEvents.OnRecvNewMessage).find((m) => m.clientMsgID === clientMsgID));

    const toB = await at([b!], "@B look");
    expect((await arrived(cb, toB.clientMsgID)).atTextElem).toMatchObject({ atUserList: [b], isAtSelf: true });
    expect((await arrived(cc, toB.clientMsgID)).atTextElem).toMatchObject({ isAtSelf: false });
    expect((await cb.history(cid)).find((m) => m.clientMsgID === toB.clientMsgID)!.atTextElem!.isAtSelf).toBe(true);
    expect((await cc.history(cid)).find((m) => m.clientMsgID === toB.clientMsgID)!.atTextElem!.isAtSelf).toBe(false);
    expect(await conversation(cb, cid)).toMatchObject({ groupAtType: 1 });
    const reported = [...cb.events(CbEvents.OnNewConversation), ...cb.events(CbEvents.OnConversationChanged)].flat();
    expect(reported.some((x) => x.conversationID === cid && x.groupAtType === 1)).toBe(true);
    expect(await conversation(cc, cid)).toMatchObject({ groupAtType: 0 });

    // Named as well, so AtAllAtMe is what both sides hold: the server (and openim-sdk-core) replace the
    // value with the latest mention's, and the server's 1300 brings its value here right after.
    const all = await at(["AtAllTag", b!], "@everyone and @B");
    expect((await arrived(cc, all.clientMsgID)).atTextElem!.isAtSelf).toBe(true);
    await arrived(cb, all.clientMsgID);
    expect(await conversation(cb, cid)).toMatchObject({ groupAtType: 3 });
    expect(await conversation(cc, cid)).toMatchObject({ groupAtType: 2 });

    await cb.sdk.markConversationMessageAsRead(cid);
    expect(await conversation(cb, cid)).toMatchObject({ groupAtType: 0, unreadCount: 0 });
    expect(lastChange(cb, cid)).toMatchObject({ groupAtType: 0, unreadCount: 0 });

    // A mention that arrives while offline is found by the connect sync.
    await cc.sdk.markConversationMessageAsRead(cid);
    await cc.sdk.logout();
    const toC = await at([c!], "@C while away");
    cc = await world.client(c!, { dataDir });
    await cc.until("sync", () => syncs(cc) === 1);
    expect(await conversation(cc, cid)).toMatchObject({ groupAtType: 1, unreadCount: 1 });
    expect((await cc.history(cid)).find((m) => m.clientMsgID === toC.clientMsgID)!.atTextElem!.isAtSelf).toBe(true);
    // The reader's own @ message is no news for itself.
    await cb.until("@C", () => cb.events(CbEvents.OnRecvNewMessage).some((m) => m.clientMsgID === toC.clientMsgID));
    expect(await conversation(cb, cid)).toMatchObject({ groupAtType: 0 });
  });
});

describe("a reply reads the conversation (the server moves the sender's hasReadSeq to it)", () => {
  it("the replying device, the user's other device and a fresh login agree on unread", async () => {
    const [a, b] = await world.users("asker", "replier");
    const dataDir = world.dir("openim-replier-");
    const ca = await world.client(a!);
    let web = await world.client(b!, { dataDir });
    const phone = await world.client(b!, { platformID: 2 });
    const cid = await web.sdk.getConversationIDBySessionType({ sourceID: a!, sessionType: 1 });
    await ca.sendTexts(b!, ["one", "two"]);
    for (const c of [web, phone]) await c.until("two unread", async () => (await c.sdk.getTotalUnreadMsgCount()) === 2);
    await web.sendText(a!, "answer");
    for (const c of [web, phone]) await c.until("read by the reply", async () => (await c.sdk.getTotalUnreadMsgCount()) === 0);
    expect((await web.history(cid)).filter((m) => m.sendID === a).map((m) => m.isRead)).toEqual([true, true]);
    expect((await phone.history(cid)).filter((m) => m.sendID === a).map((m) => m.isRead)).toEqual([true, true]);
    const seqs = await apiOk(world.server, "/msg/get_conversations_has_read_and_max_seq", { userID: b, conversationIDs: [cid] }, world.admin);
    expect(seqs.seqs[cid]).toMatchObject({ maxSeq: 3, hasReadSeq: 3 });

    await ca.sendText(b!, "three");
    for (const c of [web, phone]) await c.until("one unread", async () => (await c.sdk.getTotalUnreadMsgCount()) === 1);
    expect(lastChange(phone, cid)).toMatchObject({ unreadCount: 1 });
    await web.sdk.logout();
    web = await world.client(b!, { dataDir });
    await web.until("login sync", () => syncs(web) === 1);
    expect((await conversation(web, cid)).unreadCount).toBe(1);
    const fresh = await world.client(b!, { platformID: 3 });
    await fresh.until("fresh sync", () => syncs(fresh) === 1);
    expect((await conversation(fresh, cid)).unreadCount).toBe(1);
  });

  it("a reply queued offline and sent while the connect sync runs reads what arrived offline, here and at the next login", async () => {
    const [a, b] = await world.users("peer", "hasty");
    const dataDir = world.dir("openim-hasty-");
    const p = await world.proxy();
    let cb = await world.client(b!, { dataDir, wsAddr: `ws://127.0.0.1:${p.port}` });
    const cid = await cb.sdk.getConversationIDBySessionType({ sourceID: a!, sessionType: 1 });
    p.refuse = true;
    p.cut();
    await cb.until("offline", () => cb.rt.login.current!.connection.state !== "connected");
    for (let i = 1; i <= 3; i++) await serverSend(a!, b!, `while offline ${i}`);
    const reply = cb.sendText(a!, "sent during the sync");
    const before = syncs(cb);
    p.refuse = false;
    expect((await reply).status).toBe(2);
    await cb.until("sync", () => syncs(cb) > before);
    const seqs = await apiOk(world.server, "/msg/get_conversations_has_read_and_max_seq", { userID: b, conversationIDs: [cid] }, world.admin);
    expect(seqs.seqs[cid]).toMatchObject({ maxSeq: 4, hasReadSeq: 4 });
    await cb.until("read by the reply", async () => (await cb.sdk.getTotalUnreadMsgCount()) === 0);
    expect((await cb.history(cid)).map((m) => m.textElem?.content)).toEqual(["while offline 1", "while offline 2", "while offline 3", "sent during the sync"]);
    await cb.sdk.logout();
    cb = await world.client(b!, { dataDir });
    await cb.until("login sync", () => syncs(cb) === 1);
    expect(await cb.sdk.getTotalUnreadMsgCount()).toBe(0);
  });

  it("a message that arrives while markConversationMessageAsRead waits for the server stays unread, here and on every other device", async () => {
    const [a, b] = await world.users("quick", "reader");
    const api = await world.proxy("api");
    const ca = await world.client(a!);
    const cb = await world.client(b!, { apiAddr: `http://127.0.0.1:${api.port}` });
    const cid = await cb.sdk.getConversationIDBySessionType({ sourceID: a!, sessionType: 1 });
    await ca.sendTexts(b!, ["one", "two"]);
    await cb.until("two unread", async () => (await cb.sdk.getTotalUnreadMsgCount()) === 2);
    // The server's answer is held back; the third message's push (WebSocket) overtakes it.
    api.delayDownMs = 500;
    const marking = cb.sdk.markConversationMessageAsRead(cid);
    await ca.sendText(b!, "three");
    await cb.until("three arrived", () => cb.events(CbEvents.OnRecvNewMessage).length === 3);
    await marking;
    api.delayDownMs = 0;
    expect((await conversation(cb, cid)).unreadCount).toBe(1);
    expect((await cb.history(cid)).map((m) => [m.textElem?.content, m.isRead])).toEqual([["one", true], ["two", true], ["three", false]]);
    const seqs = await apiOk(world.server, "/msg/get_conversations_has_read_and_max_seq", { userID: b, conversationIDs: [cid] }, world.admin);
    expect(seqs.seqs[cid]).toMatchObject({ maxSeq: 3, hasReadSeq: 2 });
    const fresh = await world.client(b!, { platformID: 2 });
    await fresh.until("fresh sync", () => syncs(fresh) === 1);
    expect((await conversation(fresh, cid)).unreadCount).toBe(1);
  });

  it("a read on another device still clears unread at the next connect", async () => {
    const [a, b] = await world.users("writer", "twodevices");
    const dataDir = world.dir("openim-twodev-");
    const ca = await world.client(a!);
    let web = await world.client(b!, { dataDir });
    const cid = await web.sdk.getConversationIDBySessionType({ sourceID: a!, sessionType: 1 });
    await ca.sendText(b!, "one");
    await ca.sendText(b!, "two");
    await web.until("two unread", async () => (await web.sdk.getTotalUnreadMsgCount()) === 2);
    await web.sdk.logout();
    const phone = await world.client(b!, { platformID: 2 });
    await phone.until("phone sync", () => syncs(phone) === 1);
    await phone.sdk.markConversationMessageAsRead(cid);
    await phone.sendText(a!, "answered on the phone");
    web = await world.client(b!, { dataDir });
    await web.until("web sync", () => syncs(web) === 1);
    expect(await web.sdk.getTotalUnreadMsgCount()).toBe(0);
  });
});

describe("more than CHAT_PULL_CAP messages while offline", () => {
  it("450 offline: unread, latest message and OnRecvNewMessages right; history fills the older ones once each", async () => {
    const [a, b] = await world.users("flood", "away");
    const dataDir = world.dir("openim-flood-");
    const ca = await world.client(a!);
    let cb = await world.client(b!, { dataDir });
    const cid = await cb.sdk.getConversationIDBySessionType({ sourceID: a!, sessionType: 1 });
    await ca.sendText(b!, "m0");
    await cb.until("m0", () => cb.events(CbEvents.OnRecvNewMessage).length === 1);
    await cb.sdk.markConversationMessageAsRead(cid);
    await cb.sdk.logout();
    const total = 450;
    for (let i = 1; i <= total; i++) await serverSend(a!, b!, `m${i}`);

    cb = await world.client(b!, { dataDir });
    await cb.until("sync", () => syncs(cb) === 1);
    const conv = await conversation(cb, cid);
    expect(conv.unreadCount).toBe(total);
    expect(await cb.sdk.getTotalUnreadMsgCount()).toBe(total);
    expect(cb.events(CbEvents.OnTotalUnreadMessageCountChanged).at(-1)).toBe(total);
    expect((JSON.parse(conv.latestMsg) as MessageItem).textElem?.content).toBe(`m${total}`);
    // The app hears of the newest CHAT_PULL_CAP, in order, once each; the older ones are history.
    const newest = Array.from({ length: CHAT_PULL_CAP }, (_, i) => `m${total - CHAT_PULL_CAP + 1 + i}`);
    expect(cb.events(CbEvents.OnRecvNewMessages).flat().map((m) => m.textElem?.content)).toEqual(newest);
    expect(cb.events(CbEvents.OnRecvNewMessage).map((m) => m.textElem?.content)).toEqual(newest);

    const seen: string[] = [];
    let start = "";
    for (let page = 0; page < 20; page++) {
      const r = await cb.sdk.getAdvancedHistoryMessageList({ conversationID: cid, startClientMsgID: start, count: 100 });
      expect(r.errCode).toBe(0);
      seen.unshift(...r.messageList.map((m) => m.textElem?.content ?? ""));
      if (r.isEnd) break;
      start = r.messageList[0]!.clientMsgID;
    }
    expect(seen).toEqual(Array.from({ length: total + 1 }, (_, i) => `m${i}`));
    expect(cb.rt.login.current!.daos.chatLogs.bySeqs(cid, 1, total + 1)).toHaveLength(total + 1);
    // History is not news: no events, the count stays.
    expect(cb.events(CbEvents.OnRecvNewMessage)).toHaveLength(CHAT_PULL_CAP);
    expect(await cb.sdk.getTotalUnreadMsgCount()).toBe(total);
  }, 60_000);
});
