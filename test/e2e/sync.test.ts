// Seq sync on (re)connect and gap filling, end to end on the devserver: offline catch-up, unread
// from the server, sleep/resume through a real TCP proxy, first-login progress.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CbEvents } from "../../bindings/node/index.js";
import { E2eWorld, sleep } from "../support/sdk-clients.js";

let world: E2eWorld;
beforeAll(async () => (world = await E2eWorld.start()));
afterEach(async () => world.afterEach());
afterAll(async () => world.close());

const texts = (n: number, prefix = "m") => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

describe("seq sync on connect", () => {
  it("scenario #9/#10: an offline user logs in to a new conversation with 15 unread — all 15 counted, all stored, in order", async () => {
    const [a, b] = await world.users("sender", "sleeper");
    const ca = await world.client(a!);
    await ca.sendTexts(b!, texts(15));
    const cb = await world.client(b!);
    await cb.until("sync finished", () => cb.events(CbEvents.OnSyncServerFinish).length === 1);
    const cid = await cb.sdk.getConversationIDBySessionType({ sourceID: a!, sessionType: 1 });
    const [conv] = await cb.sdk.getAllConversationList();
    expect(conv).toMatchObject({ conversationID: cid, unreadCount: 15 });
    expect(JSON.parse(conv!.latestMsg)).toMatchObject({ textElem: { content: "m15" }, seq: 15 });
    expect(await cb.sdk.getTotalUnreadMsgCount()).toBe(15);
    // Events agree with the queries, and came after the data was stored.
    expect(cb.events(CbEvents.OnTotalUnreadMessageCountChanged).at(-1)).toBe(15);
    expect(cb.events(CbEvents.OnNewConversation).flat().map((c) => c.conversationID)).toEqual([cid]);
    expect(cb.events(CbEvents.OnNewConversation).flat()[0]).toMatchObject({ unreadCount: 15 });
    expect(cb.events(CbEvents.OnRecvNewMessages).flat().map((m) => m.textElem?.content)).toEqual(texts(15));
    const page = await cb.sdk.getAdvancedHistoryMessageList({ conversationID: cid, startClientMsgID: "", count: 20 });
    expect(page.messageList.map((m) => m.textElem?.content)).toEqual(texts(15));
    expect(page.isEnd).toBe(true);
  });

  it("first login reports start(true), progress up to 100 and finish(true); the next login reports false", async () => {
    const [a, b] = await world.users("greeter", "newcomer");
    const ca = await world.client(a!);
    await ca.sendTexts(b!, ["hi"]);
    const dataDir = world.dir("openim-sync-");
    const cb = await world.client(b!, { dataDir });
    await cb.until("finish", () => cb.events(CbEvents.OnSyncServerFinish).length === 1);
    expect(cb.events(CbEvents.OnSyncServerStart)).toEqual([true]);
    const progress = cb.events(CbEvents.OnSyncServerProgress);
    expect(progress[0]).toBe(1);
    expect(progress.at(-1)).toBe(100);
    expect([...progress].sort((x, y) => x - y)).toEqual(progress);
    expect(cb.events(CbEvents.OnSyncServerFinish)).toEqual([true]);
    const order = cb.seen.map((r) => r.event).filter((e) => e === CbEvents.OnSyncServerStart || e === CbEvents.OnRecvNewMessages || e === CbEvents.OnSyncServerFinish);
    expect(order).toEqual([CbEvents.OnSyncServerStart, CbEvents.OnRecvNewMessages, CbEvents.OnSyncServerFinish]);
    await cb.sdk.logout();
    const again = await world.client(b!, { dataDir });
    await again.until("finish", () => again.events(CbEvents.OnSyncServerFinish).length === 1);
    expect(again.events(CbEvents.OnSyncServerStart)).toEqual([false]);
    expect(again.events(CbEvents.OnSyncServerProgress)).toEqual([]);
    expect(again.events(CbEvents.OnRecvNewMessage)).toEqual([]); // nothing new: already stored
  });

  it("unread never counts one's own messages: sends in between reset it on the server and locally", async () => {
    const [a, b] = await world.users("chatty", "replier");
    const ca = await world.client(a!);
    const cb = await world.client(b!);
    await cb.sendTexts(a!, texts(3, "b"));
    await ca.sendTexts(b!, texts(2, "a"));
    const cid = await cb.sdk.getConversationIDBySessionType({ sourceID: a!, sessionType: 1 });
    await cb.until("two unread", async () => (await cb.sdk.getMultipleConversation([cid]))[0]?.unreadCount === 2);
    await cb.sdk.logout();
    const again = await world.client(b!);
    await again.until("sync", () => again.events(CbEvents.OnSyncServerFinish).length === 1);
    expect((await again.sdk.getMultipleConversation([cid]))[0]).toMatchObject({ unreadCount: 2 });
    expect(await again.sdk.getTotalUnreadMsgCount()).toBe(2);
  });

  it("scenario #13: after a network outage (sleep/resume) the reconnect pulls what was missed, each message once, in order", async () => {
    const [a, b] = await world.users("talker", "laptop");
    const p = await world.proxy();
    const ca = await world.client(a!);
    const cb = await world.client(b!, { wsAddr: `ws://127.0.0.1:${p.port}` });
    await ca.sendTexts(b!, ["before"]);
    await cb.until("first", () => cb.events(CbEvents.OnRecvNewMessage).length === 1);
    p.refuse = true;
    p.cut();
    await cb.until("offline", () => cb.rt.login.current!.connection.state !== "connected");
    await ca.sendTexts(b!, texts(5, "asleep"));
    await sleep(100);
    expect(cb.events(CbEvents.OnRecvNewMessage)).toHaveLength(1);
    p.refuse = false;
    await cb.until("caught up", () => cb.events(CbEvents.OnRecvNewMessage).length >= 6);
    await ca.sendTexts(b!, ["after"]);
    await cb.until("live again", () => cb.events(CbEvents.OnRecvNewMessage).length >= 7);
    await sleep(150);
    expect(cb.events(CbEvents.OnRecvNewMessage).map((m) => m.textElem?.content)).toEqual(["before", ...texts(5, "asleep"), "after"]);
    expect(cb.events(CbEvents.OnRecvNewMessage).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await cb.sdk.getTotalUnreadMsgCount()).toBe(7);
    expect(cb.events(CbEvents.OnSyncServerStart).length).toBeGreaterThanOrEqual(2);
  });

  it("a gap seen on a push is pulled before the app is told (a push lost on a live socket)", async () => {
    const [a, b] = await world.users("pusher", "lossy");
    const p = await world.proxy();
    const ca = await world.client(a!);
    const cb = await world.client(b!, { wsAddr: `ws://127.0.0.1:${p.port}` });
    await cb.until("synced", () => cb.events(CbEvents.OnSyncServerFinish).length === 1);
    // The gateway pushes one message per frame: drop exactly the frames of the first two.
    p.dropDown = true;
    await ca.sendTexts(b!, ["lost1", "lost2"]);
    await sleep(150);
    p.dropDown = false;
    await ca.sendTexts(b!, ["seen"]);
    await cb.until("three", () => cb.events(CbEvents.OnRecvNewMessage).length >= 3);
    expect(cb.events(CbEvents.OnRecvNewMessage).map((m) => m.textElem?.content)).toEqual(["lost1", "lost2", "seen"]);
    expect(cb.events(CbEvents.OnRecvNewMessages)).toHaveLength(1);
    expect(cb.events(CbEvents.OnRecvNewMessages)[0]!.map((m) => m.seq)).toEqual([1, 2, 3]);
    // The socket stayed up: the push path pulled the gap, not a reconnect sync.
    expect(cb.events(CbEvents.OnSyncServerStart)).toHaveLength(1);
    expect(cb.events(CbEvents.OnConnecting)).toHaveLength(1);
  });

  it("a sync that fails (server replies too slow) reports OnSyncServerFailed; the next connect catches up", async () => {
    const [a, b] = await world.users("steady", "slowlink");
    const ca = await world.client(a!);
    await ca.sendTexts(b!, ["while away"]);
    const p = await world.proxy();
    p.delayDownMs = 400; // every reply arrives after the 150 ms request timeout
    const cb = await world.client(b!, { wsAddr: `ws://127.0.0.1:${p.port}`, requestTimeoutMs: 150 });
    await cb.until("failed", () => cb.events(CbEvents.OnSyncServerFailed).length === 1);
    expect(cb.events(CbEvents.OnSyncServerFinish)).toEqual([]);
    expect(cb.events(CbEvents.OnRecvNewMessage)).toEqual([]);
    p.delayDownMs = 0;
    p.cut();
    await cb.until("finish", () => cb.events(CbEvents.OnSyncServerFinish).length === 1);
    expect(cb.events(CbEvents.OnRecvNewMessage).map((m) => m.textElem?.content)).toEqual(["while away"]);
    expect(await cb.sdk.getTotalUnreadMsgCount()).toBe(1);
  });
});
