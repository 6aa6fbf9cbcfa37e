// Revoke (with quotes rewritten), typing states, local delete and local search, end to end.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CbEvents } from "../../bindings/node/index.js";
import type { MessageItem } from "../../generated/types/index.js";
import { E2eWorld, sleep, type TestClient } from "../support/sdk-clients.js";

let world: E2eWorld;
beforeAll(async () => (world = await E2eWorld.start()));
afterEach(async () => world.afterEach());
afterAll(async () => world.close());

async function send(from: TestClient, to: string, message: MessageItem | Promise<MessageItem>) {
  return from.sdk.sendMessage({ recvID: to, groupID: "", message: await message });
}

describe("revokeMessage", () => {
  it("revokes for both sides, rewrites the quote of it, fires OnNewRecvMessageRevoked once per side", async () => {
    const [a, b] = await world.users("regret", "witness");
    const ca = await world.client(a!);
    const cb = await world.client(b!);
    const secret = await send(ca, b!, ca.sdk.createTextMessage("secret"));
    const got = await cb.until("secret", () => cb.events(CbEvents.OnRecvNewMessage)[0]);
    const quote = await send(cb, a!, cb.sdk.createQuoteMessage({ text: "what secret?", message: JSON.stringify(got) }));
    const cid = await ca.sdk.getConversationIDBySessionType({ sourceID: b!, sessionType: 1 });
    await ca.until("quote arrived", () => ca.events(CbEvents.OnRecvNewMessage).length === 1);

    await ca.sdk.revokeMessage({ conversationID: cid, clientMsgID: secret.clientMsgID });
    for (const c of [ca, cb]) {
      const [info] = await c.until("revoked event", () => (c.events(CbEvents.OnNewRecvMessageRevoked).length > 0 ? c.events(CbEvents.OnNewRecvMessageRevoked) : undefined));
      // Users are registered with their ID upper-cased as nickname (test/support).
      expect(info).toMatchObject({ clientMsgID: secret.clientMsgID, revokerID: a, revokerNickname: a!.toUpperCase(), sourceMessageSendID: a, seq: 1 });
      const list = await c.history(cid);
      const revoked = list.find((m) => m.clientMsgID === secret.clientMsgID)!;
      expect(revoked.contentType).toBe(2101);
      expect(JSON.parse(revoked.notificationElem!.detail)).toMatchObject({ clientMsgID: secret.clientMsgID, revokerID: a });
      const q = list.find((m) => m.clientMsgID === quote.clientMsgID)!;
      expect(q.quoteElem?.quoteMessage).toMatchObject({ clientMsgID: secret.clientMsgID, contentType: 2101 });
      expect(JSON.stringify(q)).not.toContain('"secret"');
      // The conversation's latest message is the quote: it shows the notice too.
      const [conv] = await c.sdk.getMultipleConversation([cid]);
      expect(JSON.parse(conv!.latestMsg).quoteElem.quoteMessage.contentType).toBe(2101);
    }
    await sleep(200);
    expect(ca.events(CbEvents.OnNewRecvMessageRevoked)).toHaveLength(1);
    expect(cb.events(CbEvents.OnNewRecvMessageRevoked)).toHaveLength(1);
    await expect(ca.sdk.revokeMessage({ conversationID: cid, clientMsgID: secret.clientMsgID })).rejects.toMatchObject({ errCode: 1404 });
    await expect(cb.sdk.revokeMessage({ conversationID: cid, clientMsgID: "no-such-message-" + quote.clientMsgID })).rejects.toMatchObject({ errCode: 10002 });
    // 1404 means "already revoked" (protocol §7); the peer's message is a permission refusal, 1002 as the server gives in groups.
    await expect(ca.sdk.revokeMessage({ conversationID: cid, clientMsgID: quote.clientMsgID })).rejects.toMatchObject({ errCode: 1002, errMsg: expect.stringMatching(/only your own messages/) });
    await expect(ca.sdk.revokeMessage({ conversationID: "", clientMsgID: quote.clientMsgID })).rejects.toMatchObject({ errCode: 10002, errMsg: expect.stringMatching(/params\.conversationID is empty/) });
  });
});

describe("typing", () => {
  it("changeInputStates: the peer sees the platform typing, then stopped; repeats within 10 s are not sent; nothing stored", async () => {
    const [a, b] = await world.users("typer", "watcher");
    const ca = await world.client(a!);
    const cb = await world.client(b!);
    const { conversationID: cid } = await ca.sdk.getOneConversation({ sourceID: b!, sessionType: 1 });
    await ca.sdk.changeInputStates({ conversationID: cid, focus: true });
    const [first] = await cb.until("typing", () => (cb.events(CbEvents.OnConversationUserInputStatusChanged).length > 0 ? cb.events(CbEvents.OnConversationUserInputStatusChanged) : undefined));
    expect(first).toEqual({ conversationID: cid, userID: a, platformIDs: [5] });
    expect(await cb.sdk.getInputStates({ conversationID: cid, userID: a! })).toEqual([5]);
    await ca.sdk.changeInputStates({ conversationID: cid, focus: true });
    await sleep(200);
    expect(cb.events(CbEvents.OnConversationUserInputStatusChanged)).toHaveLength(1);
    await ca.sdk.changeInputStates({ conversationID: cid, focus: false });
    await cb.until("stopped", () => cb.events(CbEvents.OnConversationUserInputStatusChanged).length === 2);
    expect(cb.events(CbEvents.OnConversationUserInputStatusChanged)[1]).toEqual({ conversationID: cid, userID: a, platformIDs: [] });
    expect(await cb.sdk.getInputStates({ conversationID: cid, userID: a! })).toEqual([]);
    expect(cb.events(CbEvents.OnRecvNewMessage)).toEqual([]);
    expect(await cb.sdk.getAllConversationList()).toEqual([]);
    expect(await cb.history(cid)).toEqual([]);
    await expect(ca.sdk.changeInputStates({ conversationID: "n_x", focus: true })).rejects.toMatchObject({ errCode: 10002 });
  });

  it("changeInputStates rejects locally (10002) a conversation not stored here, a malformed one or an empty ID; nothing reaches the peer", async () => {
    const [a, b] = await world.users("hasty", "unopened");
    const ca = await world.client(a!);
    const cb = await world.client(b!);
    const cid = await ca.sdk.getConversationIDBySessionType({ sourceID: b!, sessionType: 1 });
    for (const conversationID of [cid, `si_${a}`, "sg_nogroup"])
      await expect(ca.sdk.changeInputStates({ conversationID, focus: true })).rejects.toMatchObject({
        errCode: 10002,
        errMsg: expect.stringMatching(new RegExp(`changeInputStates: no conversation ${conversationID} on this device; .*getOneConversation`)),
      });
    await expect(ca.sdk.changeInputStates({ conversationID: "", focus: true })).rejects.toMatchObject({ errCode: 10002, errMsg: expect.stringMatching(/params\.conversationID is empty/) });
    // Once opened, the same conversation works (the peer sees it), so the refusals above were local.
    await ca.sdk.getOneConversation({ sourceID: b!, sessionType: 1 });
    await ca.sdk.changeInputStates({ conversationID: cid, focus: true });
    const events = await cb.until("typing", () => (cb.events(CbEvents.OnConversationUserInputStatusChanged).length > 0 ? cb.events(CbEvents.OnConversationUserInputStatusChanged) : undefined));
    expect(events).toEqual([{ conversationID: cid, userID: a, platformIDs: [5] }]);
  });
});

describe("deleteMessageFromLocalStorage", () => {
  it("hides the message here only; unread and the latest message follow; sync does not bring it back", async () => {
    const [a, b] = await world.users("talkative", "tidy");
    const ca = await world.client(a!);
    const dataDir = world.dir("openim-del-");
    const cb = await world.client(b!, { dataDir });
    for (const t of ["one", "two", "three"]) await send(ca, b!, ca.sdk.createTextMessage(t));
    await cb.until("three", () => cb.events(CbEvents.OnRecvNewMessage).length === 3);
    const [m1, m2, m3] = cb.events(CbEvents.OnRecvNewMessage);
    const cid = m1!.sessionType === 1 ? await cb.sdk.getConversationIDBySessionType({ sourceID: a!, sessionType: 1 }) : "";
    await cb.sdk.deleteMessageFromLocalStorage({ conversationID: cid, clientMsgID: m2!.clientMsgID });
    expect((await cb.sdk.getMultipleConversation([cid]))[0]!.unreadCount).toBe(2);
    await cb.sdk.deleteMessageFromLocalStorage({ conversationID: cid, clientMsgID: m3!.clientMsgID });
    const [conv] = await cb.sdk.getMultipleConversation([cid]);
    expect(conv).toMatchObject({ unreadCount: 1 });
    expect(JSON.parse(conv!.latestMsg)).toMatchObject({ clientMsgID: m1!.clientMsgID });
    expect(cb.events(CbEvents.OnConversationChanged).at(-1)).toEqual([conv]);
    expect(cb.events(CbEvents.OnTotalUnreadMessageCountChanged).at(-1)).toBe(1);
    expect((await cb.history(cid)).map((m) => m.textElem?.content)).toEqual(["one"]);
    await expect(cb.sdk.deleteMessageFromLocalStorage({ conversationID: cid, clientMsgID: m2!.clientMsgID })).rejects.toMatchObject({ errCode: 10002 });
    // The sender still has all three.
    expect((await ca.history(cid)).map((m) => m.textElem?.content)).toEqual(["one", "two", "three"]);

    await cb.sdk.logout();
    const again = await world.client(b!, { dataDir });
    await again.until("sync", () => again.events(CbEvents.OnSyncServerFinish).length === 1);
    expect((await again.history(cid)).map((m) => m.textElem?.content)).toEqual(["one"]);
  });
});

describe("searchLocalMessages", () => {
  it("matches keywords literally (%, _, ' are not wildcards), combines keywords, filters sender/type/time, pages", async () => {
    const [a, b] = await world.users("searcher", "other");
    const ca = await world.client(a!);
    const cb = await world.client(b!);
    const texts = ["100% sure", "a_b test", "it's fine", "plain words", "abb test"];
    for (const t of texts) await send(ca, b!, ca.sdk.createTextMessage(t));
    await send(ca, b!, ca.sdk.createCustomMessage({ data: "100%", extension: "", description: "" }));
    await send(cb, a!, cb.sdk.createTextMessage("test from b"));
    const cid = await ca.sdk.getConversationIDBySessionType({ sourceID: b!, sessionType: 1 });
    await ca.until("b's message", () => ca.events(CbEvents.OnRecvNewMessage).length === 1);
    const find = async (keywordList: string[], more: object = {}) =>
      (await ca.sdk.searchLocalMessages({ conversationID: cid, keywordList, ...more })).searchResultItems.flatMap((i) => i.messageList.map((m) => m.textElem?.content ?? m.customElem?.data));
    expect(await find(["%"])).toEqual(["100% sure"]);
    expect(await find(["_"])).toEqual(["a_b test"]);
    expect(await find(["'"])).toEqual(["it's fine"]);
    expect(await find(["content"])).toEqual([]); // the JSON key is not text
    expect(await find(["test"])).toEqual(["test from b", "abb test", "a_b test"]);
    expect(await find(["test", "b"], { keywordListMatchType: 1 })).toEqual(["test from b", "abb test", "a_b test"]);
    expect(await find(["sure", "fine"])).toEqual(["it's fine", "100% sure"]);
    expect(await find(["sure", "fine"], { keywordListMatchType: 1 })).toEqual([]);
    expect(await find(["test"], { senderUserIDList: [b] })).toEqual(["test from b"]);
    expect(await find([], { messageTypeList: [110] })).toEqual(["100%"]);
    expect(await find(["test"], { pageIndex: 2, count: 2 })).toEqual(["a_b test"]);
    const all = await ca.sdk.searchLocalMessages({ conversationID: "", keywordList: ["test"], count: 2 });
    expect(all).toMatchObject({ totalCount: 3, searchResultItems: [{ conversationID: cid, messageCount: 2, conversationType: 1 }] });
    expect(await find(["test"], { searchTimePosition: 1, searchTimePeriod: 1 })).toEqual([]);
    await expect(ca.sdk.searchLocalMessages({ conversationID: cid, keywordList: [] })).rejects.toMatchObject({ errCode: 10002 });
  });
});

describe("deleting on the server", () => {
  it("deleteMessage: gone here, OnMsgDeleted on the user's other device, never pulled again by a new login", async () => {
    const [a, b] = await world.users("source", "cleaner");
    const ca = await world.client(a!);
    const web = await world.client(b!, { platformID: 5 });
    const phone = await world.client(b!, { platformID: 2 });
    for (const t of ["keep", "drop", "last"]) await send(ca, b!, ca.sdk.createTextMessage(t));
    await phone.until("three", () => phone.events(CbEvents.OnRecvNewMessage).length === 3);
    await web.until("three", () => web.events(CbEvents.OnRecvNewMessage).length === 3);
    const drop = web.events(CbEvents.OnRecvNewMessage)[1]!;
    const cid = await web.sdk.getConversationIDBySessionType({ sourceID: a!, sessionType: 1 });
    await web.sdk.deleteMessage({ conversationID: cid, clientMsgID: drop.clientMsgID });
    expect((await web.history(cid)).map((m) => m.textElem?.content)).toEqual(["keep", "last"]);
    const [gone] = await phone.until("OnMsgDeleted", () => (phone.events(CbEvents.OnMsgDeleted).length > 0 ? phone.events(CbEvents.OnMsgDeleted) : undefined));
    expect(gone).toMatchObject({ clientMsgID: drop.clientMsgID, textElem: { content: "drop" } });
    expect((await phone.history(cid)).map((m) => m.textElem?.content)).toEqual(["keep", "last"]);
    expect((await phone.sdk.getMultipleConversation([cid]))[0]!.unreadCount).toBe(2);
    await sleep(150);
    expect(web.events(CbEvents.OnMsgDeleted)).toEqual([]);
    const tablet = await world.client(b!, { platformID: 8 });
    await tablet.until("sync", () => tablet.events(CbEvents.OnSyncServerFinish).length === 1);
    expect((await tablet.history(cid)).map((m) => m.textElem?.content)).toEqual(["keep", "last"]);
    expect((await ca.history(cid)).map((m) => m.textElem?.content)).toEqual(["keep", "drop", "last"]);
  });

  it("clearConversationAndDeleteAllMsg empties the conversation here and on the other device; deleteConversationAndDeleteAllMsg also removes it", async () => {
    const [a, b] = await world.users("noisy", "clearer");
    const ca = await world.client(a!);
    const web = await world.client(b!, { platformID: 5 });
    const phone = await world.client(b!, { platformID: 2 });
    for (const t of ["x", "y"]) await send(ca, b!, ca.sdk.createTextMessage(t));
    await phone.until("two", () => phone.events(CbEvents.OnRecvNewMessage).length === 2);
    await web.until("two", () => web.events(CbEvents.OnRecvNewMessage).length === 2);
    const cid = await web.sdk.getConversationIDBySessionType({ sourceID: a!, sessionType: 1 });
    await web.sdk.clearConversationAndDeleteAllMsg(cid);
    const [conv] = await web.sdk.getAllConversationList();
    expect(conv).toMatchObject({ conversationID: cid, latestMsg: "", unreadCount: 0 });
    expect(await web.history(cid)).toEqual([]);
    expect(await web.sdk.getTotalUnreadMsgCount()).toBe(0);
    await phone.until("cleared on the phone", async () => (await phone.sdk.getMultipleConversation([cid]))[0]?.latestMsg === "");
    expect(await phone.history(cid)).toEqual([]);
    expect(await phone.sdk.getTotalUnreadMsgCount()).toBe(0);

    await send(ca, b!, ca.sdk.createTextMessage("z"));
    await web.until("z", () => web.events(CbEvents.OnRecvNewMessage).length === 3);
    expect((await web.history(cid)).map((m) => m.textElem?.content)).toEqual(["z"]);
    await web.sdk.deleteConversationAndDeleteAllMsg(cid);
    expect(await web.sdk.getAllConversationList()).toEqual([]);
    const fresh = await world.client(b!, { platformID: 8 });
    await fresh.until("sync", () => fresh.events(CbEvents.OnSyncServerFinish).length === 1);
    expect(await fresh.history(cid)).toEqual([]);
  });

  it("deleteAllMsgFromLocal keeps the server copies; deleteAllMsgFromLocalAndSvr clears them too", async () => {
    const [a, b] = await world.users("writer", "wiper");
    const ca = await world.client(a!);
    const cb = await world.client(b!);
    await send(ca, b!, ca.sdk.createTextMessage("w1"));
    await cb.until("w1", () => cb.events(CbEvents.OnRecvNewMessage).length === 1);
    const cid = await cb.sdk.getConversationIDBySessionType({ sourceID: a!, sessionType: 1 });
    await cb.sdk.deleteAllMsgFromLocal();
    expect(await cb.history(cid)).toEqual([]);
    expect(await cb.sdk.getTotalUnreadMsgCount()).toBe(0);
    expect((await cb.sdk.getAllConversationList())[0]).toMatchObject({ latestMsg: "" });
    const other = await world.client(b!, { platformID: 2 });
    await other.until("sync", () => other.events(CbEvents.OnSyncServerFinish).length === 1);
    expect((await other.history(cid)).map((m) => m.textElem?.content)).toEqual(["w1"]);
    await other.sdk.deleteAllMsgFromLocalAndSvr();
    expect(await other.history(cid)).toEqual([]);
    const third = await world.client(b!, { platformID: 8 });
    await third.until("sync", () => third.events(CbEvents.OnSyncServerFinish).length === 1);
    expect(await third.history(cid)).toEqual([]);
  });
});

describe("local message utilities", () => {
  it("findMessageList, setMessageLocalEx (durable), fetchSurroundingMessages, insertSingleMessageToLocalStorage", async () => {
    const [a, b] = await world.users("finder", "around");
    const dataDir = world.dir("openim-local-");
    const ca = await world.client(a!, { dataDir });
    const sent: MessageItem[] = [];
    for (let i = 1; i <= 7; i++) sent.push(await send(ca, b!, ca.sdk.createTextMessage(`s${i}`)));
    const cid = await ca.sdk.getConversationIDBySessionType({ sourceID: b!, sessionType: 1 });

    const found = await ca.sdk.findMessageList([{ conversationID: cid, clientMsgIDList: [sent[4]!.clientMsgID, "missing", sent[0]!.clientMsgID] }, { conversationID: "si_x_y", clientMsgIDList: [sent[1]!.clientMsgID] }]);
    expect(found.findResultItems?.map((i) => i.messageList.map((m) => m.textElem?.content))).toEqual([["s5", "s1"]]);

    const around = await ca.sdk.fetchSurroundingMessages({ startMessage: sent[3]!, before: 2, after: 2 });
    expect(around.messageList.map((m) => m.textElem?.content)).toEqual(["s2", "s3", "s4", "s5", "s6"]);
    await expect(ca.sdk.fetchSurroundingMessages({ startMessage: { ...sent[0]!, clientMsgID: "nope" }, before: 1, after: 1 })).rejects.toMatchObject({ errCode: 10002 });

    await ca.sdk.setMessageLocalEx({ conversationID: cid, clientMsgID: sent[0]!.clientMsgID, localEx: "starred" });
    const tip = await ca.sdk.createTextMessage("a local note");
    const stored = await ca.sdk.insertSingleMessageToLocalStorage({ message: tip, recvID: b!, sendID: a! });
    expect(stored).toMatchObject({ status: 2, seq: 0, sessionType: 1 });
    expect(JSON.parse((await ca.sdk.getMultipleConversation([cid]))[0]!.latestMsg)).toMatchObject({ clientMsgID: tip.clientMsgID });
    await expect(ca.sdk.insertSingleMessageToLocalStorage({ message: tip, recvID: b!, sendID: a! })).rejects.toMatchObject({ errCode: 10002 });
    await expect(ca.sdk.insertSingleMessageToLocalStorage({ message: await ca.sdk.createTextMessage("x"), recvID: "p", sendID: "q" })).rejects.toMatchObject({ errCode: 10002 });

    const note = await ca.sdk.insertGroupMessageToLocalStorage({ message: await ca.sdk.createTextMessage("group note"), groupID: "g1", sendID: a! });
    expect(note).toMatchObject({ sessionType: 3, groupID: "g1", status: 2 });
    expect((await ca.history("sg_g1", 50)).map((m) => m.textElem?.content)).toEqual(["group note"]);
    expect((await ca.sdk.getAllConversationList()).map((c) => c.conversationID)).toContain("sg_g1");

    await ca.sdk.logout();
    const again = await world.client(a!, { dataDir });
    const list = await again.history(cid);
    expect(list.find((m) => m.clientMsgID === sent[0]!.clientMsgID)?.localEx).toBe("starred");
    expect(list.at(-1)?.clientMsgID).toBe(tip.clientMsgID);
  });
});
