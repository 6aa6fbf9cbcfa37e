// Builders and sendMessage through the durable outbox, end to end: two Node-binding clients on one
// devserver; network faults through a real TCP proxy; restarts with file persistence.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CbEvents, MessageStatus } from "../../bindings/node/index.js";
import type { MessageItem } from "../../generated/types/index.js";
import { E2eWorld, type ClientOptions } from "../support/sdk-clients.js";

let world: E2eWorld;
beforeAll(async () => (world = await E2eWorld.start()));
afterEach(async () => world.afterEach());
afterAll(async () => world.close());

const users = (...names: string[]) => world.users(...names);
const client = (userID: string, o: ClientOptions = {}) => world.client(userID, o);
const proxy = (to?: "ws" | "api") => world.proxy(to);

const rowsOf = (c: Awaited<ReturnType<typeof client>>, cid: string) =>
  c.rt.login.current!.daos.chatLogs.pageBefore(cid, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, "\uffff", 1000);

describe("message builders", () => {
  it("build each content type with its element, content JSON and the sender", async () => {
    const [a] = await users("builder");
    const c = await client(a!);
    const text = await c.sdk.createTextMessage("hi");
    expect(text).toMatchObject({ contentType: 101, sendID: a, status: MessageStatus.Sending, seq: 0, textElem: { content: "hi" }, senderPlatformID: 5 });
    expect(JSON.parse(text.content)).toEqual({ content: "hi" });
    expect(text.clientMsgID).toMatch(/^[0-9a-f]{32}$/);
    expect((await c.sdk.createTextMessage("hi")).clientMsgID).not.toBe(text.clientMsgID);

    const at = await c.sdk.createTextAtMessage({ text: "@b hi", atUserIDList: ["b", a!], message: text });
    expect(at).toMatchObject({ contentType: 106, atTextElem: { text: "@b hi", atUserList: ["b", a], isAtSelf: true, quoteMessage: { clientMsgID: text.clientMsgID } } });
    const quote = await c.sdk.createQuoteMessage({ text: "re", message: JSON.stringify(text) });
    expect(quote).toMatchObject({ contentType: 114, quoteElem: { text: "re", quoteMessage: { clientMsgID: text.clientMsgID, textElem: { content: "hi" } } } });
    expect((await c.sdk.createAdvancedQuoteMessage({ text: "re", message: text })).quoteElem?.quoteMessage.clientMsgID).toBe(text.clientMsgID);
    expect(await c.sdk.createCustomMessage({ data: '{"k":1}', extension: "e", description: "d" })).toMatchObject({ contentType: 110, customElem: { data: '{"k":1}' } });
    expect(await c.sdk.createCardMessage({ userID: "u", nickname: "U", faceURL: "", ex: "" })).toMatchObject({ contentType: 108, cardElem: { userID: "u" } });
    expect(await c.sdk.createLocationMessage({ description: "here", longitude: 13.4, latitude: 52.5 })).toMatchObject({ contentType: 109, locationElem: { latitude: 52.5 } });
    expect(await c.sdk.createFaceMessage({ index: 3, data: "smile" })).toMatchObject({ contentType: 115, faceElem: { index: 3 } });
    expect(await c.sdk.createAdvancedTextMessage({ text: "see x", messageEntityList: [{ type: "url", offset: 4, length: 1, url: "http://x" }] })).toMatchObject({ contentType: 117 });
    expect(await c.sdk.createMarkdownMessage("# t")).toMatchObject({ contentType: 118, markdownTextElem: { content: "# t" } });
    const pic = { uuid: "p", type: "png", size: 1, width: 1, height: 1, url: "http://x/p.png" };
    expect(await c.sdk.createImageMessageByURL({ sourcePicture: pic, bigPicture: pic, snapshotPicture: pic, sourcePath: "" })).toMatchObject({ contentType: 102, pictureElem: { sourcePicture: pic } });
    expect(await c.sdk.createSoundMessageByURL({ uuid: "s", soundPath: "", sourceUrl: "http://x/s.mp3", dataSize: 9, duration: 2 })).toMatchObject({ contentType: 103 });
    expect(
      await c.sdk.createVideoMessageByURL({ videoPath: "", duration: 1, videoType: "mp4", snapshotPath: "", videoUUID: "v", videoUrl: "http://x/v.mp4", videoSize: 1, snapshotUUID: "s", snapshotSize: 1, snapshotUrl: "http://x/s.png", snapshotWidth: 1, snapshotHeight: 1 }),
    ).toMatchObject({ contentType: 104 });
    expect(await c.sdk.createFileMessageByURL({ filePath: "", fileName: "a.txt", uuid: "f", sourceUrl: "http://x/a.txt", fileSize: 3 })).toMatchObject({ contentType: 105, fileElem: { fileName: "a.txt" } });
  });

  it("bundle messages (createMergerMessage) and copy one for forwarding (createForwardMessage)", async () => {
    const [a, b] = await users("forwarder", "recipient");
    const c = await client(a!);
    const cb = await client(b!);
    const one = await c.sdk.createTextMessage("one");
    const two = await c.sdk.createQuoteMessage({ text: "two", message: JSON.stringify(one) });
    const merged = await c.sdk.createMergerMessage({ messageList: [one, two], title: "chat history", summaryList: ["a: one", "a: two"] });
    expect(merged).toMatchObject({ contentType: 107, mergeElem: { title: "chat history", abstractList: ["a: one", "a: two"] } });
    expect(merged.mergeElem!.multiMessage.map((m) => m.clientMsgID)).toEqual([one.clientMsgID, two.clientMsgID]);
    const copy = await c.sdk.createForwardMessage(two);
    expect(copy).toMatchObject({ contentType: 114, quoteElem: { text: "two" }, sendID: a, status: MessageStatus.Sending, seq: 0 });
    expect(copy.clientMsgID).not.toBe(two.clientMsgID);
    await expect(c.sdk.createMergerMessage({ messageList: [], title: "t", summaryList: [] })).rejects.toMatchObject({ errCode: 10002 });
    await c.sdk.sendMessage({ recvID: b!, groupID: "", message: merged });
    const got = await cb.until("bundle", () => cb.events(CbEvents.OnRecvNewMessage)[0]);
    expect(got.mergeElem?.multiMessage.map((m) => m.textElem?.content ?? m.quoteElem?.text)).toEqual(["one", "two"]);
  });

  it("reject bad input with 10002 and a message saying what to fix", async () => {
    const [a] = await users("badbuild");
    const c = await client(a!);
    await expect(c.sdk.createTextMessage("  ")).rejects.toMatchObject({ errCode: 10002, errMsg: expect.stringMatching(/text is empty/) });
    await expect(c.sdk.createTextMessage(5 as never)).rejects.toMatchObject({ errCode: 10002 });
    await expect(c.sdk.createLocationMessage({ description: "", longitude: 200, latitude: 0 })).rejects.toThrow(/longitude must be within -180..180/);
    await expect(c.sdk.createQuoteMessage({ text: "re", message: "{not json" })).rejects.toThrow(/not JSON/);
    await expect(c.sdk.createTextAtMessage({ text: "x", atUserIDList: [] })).rejects.toThrow(/atUserIDList is empty/);
    await expect(c.sdk.createFileMessageByURL({ filePath: "", fileName: "a", uuid: "f", sourceUrl: "", fileSize: 1 })).rejects.toThrow(/upload the file first/);
    await c.sdk.logout();
    await expect(c.sdk.createTextMessage("x")).rejects.toMatchObject({ errCode: 10009 });
  });
});

describe("sendMessage and the outbox", () => {
  it("delivers a text: sender resolves with status 2, the peer gets one OnRecvNewMessage, both lists agree", async () => {
    const [a, b] = await users("alice", "bob");
    const ca = await client(a!);
    const cb = await client(b!);
    const msg = await ca.sdk.createTextMessage("hello bob");
    const sent = await ca.sdk.sendMessage({ recvID: b!, groupID: "", message: msg });
    expect(sent).toMatchObject({ clientMsgID: msg.clientMsgID, status: MessageStatus.Succeed, sessionType: 1, recvID: b, sendID: a });
    expect(sent.serverMsgID).not.toBe("");

    const got = await cb.until("the message", () => cb.events(CbEvents.OnRecvNewMessage)[0]);
    expect(got).toMatchObject({ clientMsgID: msg.clientMsgID, textElem: { content: "hello bob" }, sendID: a, seq: 1 });
    const cid = await cb.sdk.getConversationIDBySessionType({ sourceID: a!, sessionType: 1 });
    expect(cid).toBe(await ca.sdk.getConversationIDBySessionType({ sourceID: b!, sessionType: 1 }));
    const [conv] = await cb.sdk.getAllConversationList();
    expect(conv).toMatchObject({ conversationID: cid, unreadCount: 1, userID: a });
    expect(JSON.parse(conv!.latestMsg)).toMatchObject({ clientMsgID: msg.clientMsgID });
    expect(await cb.sdk.getTotalUnreadMsgCount()).toBe(1);
    expect(cb.events(CbEvents.OnTotalUnreadMessageCountChanged).at(-1)).toBe(1);
    expect(cb.events(CbEvents.OnNewConversation).flat().map((x) => x.conversationID)).toEqual([cid]);

    // The sender's echo (with seq) and ack end in ONE row.
    await ca.until("echo seq", () => rowsOf(ca, cid).find((r) => r.seq === 1));
    expect(rowsOf(ca, cid)).toHaveLength(1);
    expect(rowsOf(ca, cid)[0]).toMatchObject({ status: 2, serverMsgID: sent.serverMsgID, seq: 1 });
    expect(ca.rt.login.current!.daos.localSendingMessages.oldestFirst(10)).toEqual([]);
    const [own] = await ca.sdk.getAllConversationList();
    expect(own).toMatchObject({ unreadCount: 0 });
    expect(ca.events(CbEvents.OnRecvNewMessage)).toEqual([]);
  });

  it("scenario #3: quick sends arrive in call order (FIFO per conversation)", async () => {
    const [a, b] = await users("quick", "peer");
    const ca = await client(a!);
    const cb = await client(b!);
    const texts = Array.from({ length: 12 }, (_, i) => `m${i}`);
    const msgs = await Promise.all(texts.map((t) => ca.sdk.createTextMessage(t)));
    const sent = await Promise.all(msgs.map((message) => ca.sdk.sendMessage({ recvID: b!, groupID: "", message })));
    expect(sent.every((m) => m.status === MessageStatus.Succeed)).toBe(true);
    const got = await cb.until("12 messages", () => (cb.events(CbEvents.OnRecvNewMessage).length >= 12 ? cb.events(CbEvents.OnRecvNewMessage) : undefined));
    expect(got.map((m) => m.textElem?.content)).toEqual(texts);
    expect(got.map((m) => m.seq)).toEqual(texts.map((_, i) => i + 1));
  });

  it("a refused message fails at once: status 3, OnMsgSendFailed, and it can be resent", async () => {
    const [owner, member, outsider] = await users("gatekeeper", "insider", "refused");
    const group = await (await client(owner!)).sdk.createGroup({ memberUserIDs: [member!], groupInfo: { groupName: "Closed" } });
    const ca = await client(outsider!);
    // Opened explicitly, so the send goes to the server, which refuses a non-member (1203).
    const { conversationID: cid } = await ca.sdk.getOneConversation({ sourceID: group.groupID, sessionType: 3 });
    const msg = await ca.sdk.createTextMessage("let me in");
    const toGroup = { recvID: "", groupID: group.groupID, message: msg };
    await expect(ca.sdk.sendMessage(toGroup)).rejects.toMatchObject({ errCode: 1203 });
    const [failure] = ca.events(CbEvents.OnMsgSendFailed);
    expect(failure).toMatchObject({ errCode: 1203, message: { clientMsgID: msg.clientMsgID, status: MessageStatus.Failed } });
    const [conv] = await ca.sdk.getMultipleConversation([cid]);
    expect(JSON.parse(conv!.latestMsg)).toMatchObject({ clientMsgID: msg.clientMsgID, status: 3 });
    expect(ca.rt.login.current!.daos.localSendingMessages.oldestFirst(10)).toEqual([]);
    // Only failed messages may be resent; this one is failed, a sent one is not.
    await expect(ca.sdk.sendMessage(toGroup)).rejects.toMatchObject({ errCode: 1203 });
    await expect(ca.sdk.sendMessage({ recvID: "", groupID: "", message: msg })).rejects.toMatchObject({ errCode: 10002, errMsg: expect.stringMatching(/recvID/) });
  });

  it("a first message to an unknown user (10100) or group (10400) is refused with nothing stored: no phantom conversation", async () => {
    const [a, b] = await users("ghostwriter", "real");
    const ca = await client(a!);
    const msg = await ca.sdk.createTextMessage("hello?");
    await expect(ca.sdk.sendMessage({ recvID: "no-such-user", groupID: "", message: msg })).rejects.toMatchObject({
      errCode: 10100,
      errMsg: expect.stringMatching(/sendMessage: user no-such-user does not exist/),
    });
    await expect(ca.sdk.sendMessageNotOss({ recvID: "", groupID: "no-such-group", message: msg })).rejects.toMatchObject({
      errCode: 10400,
      errMsg: expect.stringMatching(/sendMessageNotOss: group no-such-group does not exist/),
    });
    const ghostCid = await ca.sdk.getConversationIDBySessionType({ sourceID: "no-such-user", sessionType: 1 });
    expect(await ca.sdk.getAllConversationList()).toEqual([]);
    expect(await ca.sdk.getMultipleConversation([ghostCid, "sg_no-such-group"])).toEqual([]);
    expect(rowsOf(ca, ghostCid)).toEqual([]);
    expect(ca.events(CbEvents.OnMsgSendFailed)).toEqual([]);
    // Nothing was stored, so the same message still goes to a real user.
    expect(await ca.sdk.sendMessage({ recvID: b!, groupID: "", message: msg })).toMatchObject({ status: MessageStatus.Succeed });
  });

  it("a first message to a group the user is not in is refused with 1203 and nothing stored; members send as usual", async () => {
    const [owner, member, outsider] = await users("host", "guest", "crasher");
    const group = await (await client(owner!)).sdk.createGroup({ memberUserIDs: [member!], groupInfo: { groupName: "Members only" } });
    const cx = await client(outsider!);
    const msg = await cx.sdk.createTextMessage("hi all");
    await expect(cx.sdk.sendMessage({ recvID: "", groupID: group.groupID, message: msg })).rejects.toMatchObject({
      errCode: 1203,
      errMsg: expect.stringMatching(new RegExp(`not a member of group ${group.groupID}`)),
    });
    expect(await cx.sdk.getAllConversationList()).toEqual([]);
    expect(await cx.sdk.getMultipleConversation([`sg_${group.groupID}`])).toEqual([]);
    expect(cx.events(CbEvents.OnMsgSendFailed)).toEqual([]);
    const cm = await client(member!);
    expect(await cm.sayInGroup(group.groupID, "hello")).toMatchObject({ status: MessageStatus.Succeed });
  });

  it("when the recipient cannot be looked up (HTTP API unreachable) the message is stored and queued as before; the server decides", async () => {
    const [a, b] = await users("unlooked", "reachable");
    const api = await proxy("api");
    const ca = await client(a!, { apiAddr: `http://127.0.0.1:${api.port}` });
    const cb = await client(b!);
    api.refuse = true;
    api.cut();
    const sent = await ca.sendText(b!, "sent without a lookup");
    expect(sent.status).toBe(MessageStatus.Succeed);
    await cb.until("delivery", () => cb.events(CbEvents.OnRecvNewMessage)[0]);
    // The unknown user is now only found out by the gateway: the old failure path (status 3, 1101).
    const msg = await ca.sdk.createTextMessage("to nobody");
    await expect(ca.sdk.sendMessage({ recvID: "no-such-user", groupID: "", message: msg })).rejects.toMatchObject({ errCode: 1101 });
    expect(ca.events(CbEvents.OnMsgSendFailed)).toMatchObject([{ errCode: 1101, message: { clientMsgID: msg.clientMsgID, status: MessageStatus.Failed } }]);
  });

  it("isOnlineOnly: the online peer gets OnRecvOnlineOnlyMessage; nothing is stored, counted or listed", async () => {
    const [a, b] = await users("ephemeral", "present");
    const ca = await client(a!);
    const cb = await client(b!);
    const msg = await ca.sdk.createCustomMessage({ data: '{"ping":1}', extension: "", description: "" });
    const sent = await ca.sdk.sendMessage({ recvID: b!, groupID: "", message: msg, isOnlineOnly: true });
    expect(sent).toMatchObject({ status: MessageStatus.Succeed, seq: 0 });
    const got = await cb.until("online-only", () => cb.events(CbEvents.OnRecvOnlineOnlyMessage)[0]);
    expect(got).toMatchObject({ clientMsgID: msg.clientMsgID, customElem: { data: '{"ping":1}' }, seq: 0 });
    expect(cb.events(CbEvents.OnRecvOnlineOnlyMessages)).toHaveLength(1);
    expect(cb.events(CbEvents.OnRecvNewMessage)).toEqual([]);
    expect(await cb.sdk.getAllConversationList()).toEqual([]);
    expect(await ca.sdk.getAllConversationList()).toEqual([]);
    expect(ca.rt.login.current!.daos.chatLogs.get(msg.clientMsgID)).toBeUndefined();
  });

  it("rejects resending a message that was sent (10204)", async () => {
    const [a, b] = await users("twice", "once");
    const ca = await client(a!);
    const msg = await ca.sdk.createTextMessage("once");
    await ca.sdk.sendMessage({ recvID: b!, groupID: "", message: msg });
    await expect(ca.sdk.sendMessage({ recvID: b!, groupID: "", message: msg })).rejects.toMatchObject({ errCode: 10204 });
  });

  it("scenario #17: a message sent offline stays 'sending', then goes out after the reconnect — one copy at the peer", async () => {
    const [a, b] = await users("offline", "waiter");
    const p = await proxy();
    const ca = await client(a!, { wsAddr: `ws://127.0.0.1:${p.port}` });
    const cb = await client(b!);
    p.refuse = true;
    p.cut();
    await ca.until("disconnected", () => ca.rt.login.current!.connection.state !== "connected");
    const msg = await ca.sdk.createTextMessage("while offline");
    const pending = ca.sdk.sendMessage({ recvID: b!, groupID: "", message: msg });
    let settled = false;
    void pending.finally(() => (settled = true));
    const cid = await ca.sdk.getConversationIDBySessionType({ sourceID: b!, sessionType: 1 });
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false);
    const [conv] = await ca.sdk.getAllConversationList();
    expect(JSON.parse(conv!.latestMsg)).toMatchObject({ clientMsgID: msg.clientMsgID, status: MessageStatus.Sending });
    expect(ca.rt.login.current!.daos.localSendingMessages.byConversation(cid).map((r) => r.clientMsgID)).toEqual([msg.clientMsgID]);

    p.refuse = false;
    const sent = await pending;
    expect(sent.status).toBe(MessageStatus.Succeed);
    await cb.until("delivery", () => cb.events(CbEvents.OnRecvNewMessage).length === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(cb.events(CbEvents.OnRecvNewMessage).map((m) => m.clientMsgID)).toEqual([msg.clientMsgID]);
  });

  it("scenario #5: a lost ack is retried with the same clientMsgID; the peer still sees exactly one copy", async () => {
    const [a, b] = await users("lostack", "dedup");
    const p = await proxy();
    const ca = await client(a!, { wsAddr: `ws://127.0.0.1:${p.port}`, requestTimeoutMs: 300, messaging: { retry: { baseMs: 50, maxMs: 100, maxAttempts: 5 } } });
    const cb = await client(b!);
    p.dropDown = true; // the request reaches the server, its ack never comes back
    const msg = await ca.sdk.createTextMessage("ack me");
    const pending = ca.sdk.sendMessage({ recvID: b!, groupID: "", message: msg });
    await cb.until("delivery", () => cb.events(CbEvents.OnRecvNewMessage).length === 1);
    await ca.until("a retry", () => (ca.rt.login.current!.daos.localSendingMessages.oldestFirst(1)[0]?.attempts ?? 0) >= 1);
    p.dropDown = false;
    const sent = await pending;
    expect(sent.status).toBe(MessageStatus.Succeed);
    await new Promise((r) => setTimeout(r, 200));
    expect(cb.events(CbEvents.OnRecvNewMessage).map((m) => m.clientMsgID)).toEqual([msg.clientMsgID]);
    const cid = sent.sessionType === 1 ? await ca.sdk.getConversationIDBySessionType({ sourceID: b!, sessionType: 1 }) : "";
    await ca.until("one reconciled row", () => rowsOf(ca, cid).length === 1 && rowsOf(ca, cid)[0]!.status === 2);
  });

  it("bounded retries: with no ack at all the message fails after maxAttempts (status 3 + OnMsgSendFailed)", async () => {
    const [a, b] = await users("noack", "silent");
    const p = await proxy();
    const ca = await client(a!, { wsAddr: `ws://127.0.0.1:${p.port}`, requestTimeoutMs: 150, messaging: { retry: { baseMs: 10, maxMs: 20, maxAttempts: 3 } } });
    p.dropUp = true;
    const msg = await ca.sdk.createTextMessage("into the void");
    await expect(ca.sdk.sendMessage({ recvID: b!, groupID: "", message: msg })).rejects.toMatchObject({ errCode: 10001, errMsg: expect.stringMatching(/after 3 attempts/) });
    expect(ca.events(CbEvents.OnMsgSendFailed).map((f) => f.message.clientMsgID)).toEqual([msg.clientMsgID]);
    expect(ca.rt.login.current!.daos.chatLogs.get(msg.clientMsgID)?.status).toBe(MessageStatus.Failed);
  });

  it("resends unacknowledged messages after a restart, in order, one copy each", async () => {
    const [a, b] = await users("restart", "patient");
    const dir = world.dir("openim-outbox-");
    const p = await proxy();
    const ca = await client(a!, { wsAddr: `ws://127.0.0.1:${p.port}`, dataDir: dir });
    const cb = await client(b!);
    p.refuse = true;
    p.cut();
    await ca.until("disconnected", () => ca.rt.login.current!.connection.state !== "connected");
    const msgs: MessageItem[] = [];
    const pendings: Promise<unknown>[] = [];
    for (const t of ["first", "second", "third"]) {
      const m = await ca.sdk.createTextMessage(t);
      msgs.push(m);
      pendings.push(ca.sdk.sendMessage({ recvID: b!, groupID: "", message: m }).catch((e: unknown) => e));
    }
    await new Promise((r) => setTimeout(r, 50));
    await ca.sdk.logout();
    for (const e of await Promise.all(pendings)) expect(e).toMatchObject({ errCode: 10101, errMsg: expect.stringMatching(/stays in the outbox/) });
    expect(cb.events(CbEvents.OnRecvNewMessage)).toEqual([]);

    p.refuse = false;
    const again = await client(a!, { wsAddr: `ws://127.0.0.1:${p.port}`, dataDir: dir });
    await cb.until("three messages", () => cb.events(CbEvents.OnRecvNewMessage).length >= 3);
    await new Promise((r) => setTimeout(r, 200));
    expect(cb.events(CbEvents.OnRecvNewMessage).map((m) => m.textElem?.content)).toEqual(["first", "second", "third"]);
    await again.until("outbox empty", () => again.rt.login.current!.daos.localSendingMessages.oldestFirst(10).length === 0);
    for (const m of msgs) expect(again.rt.login.current!.daos.chatLogs.get(m.clientMsgID)?.status).toBe(MessageStatus.Succeed);
  });

  it("a message delivered whose ack was lost, then a restart: resent from the outbox, the peer still has one copy", async () => {
    const [a, b] = await users("crashy", "once");
    const dir = world.dir("openim-outbox-");
    const p = await proxy();
    const ca = await client(a!, { wsAddr: `ws://127.0.0.1:${p.port}`, dataDir: dir, requestTimeoutMs: 5000 });
    const cb = await client(b!);
    p.dropDown = true;
    const msg = await ca.sdk.createTextMessage("delivered, unacknowledged");
    const pending = ca.sdk.sendMessage({ recvID: b!, groupID: "", message: msg }).catch((e: unknown) => e);
    await cb.until("delivered", () => cb.events(CbEvents.OnRecvNewMessage).length === 1);
    await ca.sdk.logout();
    expect(await pending).toMatchObject({ errCode: 10101 });
    p.dropDown = false;
    const again = await client(a!, { wsAddr: `ws://127.0.0.1:${p.port}`, dataDir: dir });
    await again.until("acked after restart", () => again.rt.login.current!.daos.chatLogs.get(msg.clientMsgID)?.status === MessageStatus.Succeed);
    await again.until("outbox empty", () => again.rt.login.current!.daos.localSendingMessages.oldestFirst(10).length === 0);
    await new Promise((r) => setTimeout(r, 200));
    expect(cb.events(CbEvents.OnRecvNewMessage).map((m) => m.clientMsgID)).toEqual([msg.clientMsgID]);
    const cid = await again.sdk.getConversationIDBySessionType({ sourceID: b!, sessionType: 1 });
    expect(rowsOf(again, cid).filter((r) => r.clientMsgID === msg.clientMsgID)).toHaveLength(1);
  });
});
