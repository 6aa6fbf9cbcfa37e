// setAppBackgroundStatus end to end on the devserver: background delivery as onRecvOfflineNewMessage(s)
// (only for conversations and users that receive normally), the 2004 the server sees, the status a
// reconnect carries, and the foreground wake-up sync (sdk-core #971: nothing missed meanwhile is lost).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CbEvents } from "../../bindings/node/index.js";
import { apiOk } from "../devserver/support.js";
import { E2eWorld, type TestClient } from "../support/sdk-clients.js";

let world: E2eWorld;
beforeAll(async () => (world = await E2eWorld.start()));
afterEach(async () => world.afterEach());
afterAll(async () => world.close());

const contents = (messages: { textElem?: { content: string } }[]) => messages.map((m) => m.textElem?.content);

/** The background flag of each of the user's connections, as the server holds it. */
async function serverBackground(userID: string): Promise<boolean[]> {
  const [status] = await apiOk(world.server, "/user/get_users_online_status", { userIDs: [userID] }, world.admin);
  return (status.detailPlatformStatus ?? []).map((p: { isBackground: boolean }) => p.isBackground);
}

const synced = (c: TestClient) => c.until("first sync", () => c.events(CbEvents.OnSyncServerFinish).length >= 1);

describe("setAppBackgroundStatus", () => {
  it("in the background a peer's messages arrive as onRecvOfflineNewMessage(s) only; stored and counted; foreground restores OnRecvNewMessage", async () => {
    const [a, b] = await world.users("peer", "backgrounded");
    const ca = await world.client(a!);
    const cb = await world.client(b!);
    await synced(cb);
    expect(await serverBackground(b!)).toEqual([false]);

    await cb.sdk.setAppBackgroundStatus(true);
    expect(await serverBackground(b!)).toEqual([true]); // the 2004 was answered before the call resolved
    await ca.sendTexts(b!, ["bg1", "bg2"]);
    await cb.until("two offline messages", () => cb.events(CbEvents.OnRecvOfflineNewMessage).length === 2);
    expect(contents(cb.events(CbEvents.OnRecvOfflineNewMessage))).toEqual(["bg1", "bg2"]);
    expect(cb.events(CbEvents.OnRecvOfflineNewMessages).map(contents)).toEqual([["bg1"], ["bg2"]]); // one push per message
    expect(cb.events(CbEvents.OnRecvNewMessage)).toEqual([]);
    expect(cb.events(CbEvents.OnRecvNewMessages)).toEqual([]);
    const cid = await cb.sdk.getConversationIDBySessionType({ sourceID: a!, sessionType: 1 });
    const [conv] = await cb.sdk.getMultipleConversation([cid]);
    expect(conv).toMatchObject({ unreadCount: 2 });
    expect(JSON.parse(conv!.latestMsg)).toMatchObject({ textElem: { content: "bg2" } });
    const page = await cb.sdk.getAdvancedHistoryMessageList({ conversationID: cid, startClientMsgID: "", count: 10 });
    expect(contents(page.messageList)).toEqual(["bg1", "bg2"]);

    await cb.sdk.setAppBackgroundStatus(false);
    expect(await serverBackground(b!)).toEqual([false]);
    await ca.sendTexts(b!, ["fg"]);
    await cb.until("a normal new message", () => cb.events(CbEvents.OnRecvNewMessage).length === 1);
    expect(contents(cb.events(CbEvents.OnRecvNewMessage))).toEqual(["fg"]);
    expect(cb.events(CbEvents.OnRecvOfflineNewMessage)).toHaveLength(2);
  });

  it("a conversation that receives without notification (recvMsgOpt 2) announces nothing in the background, yet stores, counts and updates it", async () => {
    const [quiet, loud, b] = await world.users("quiet", "loud", "selective");
    const cq = await world.client(quiet!);
    const cl = await world.client(loud!);
    const cb = await world.client(b!);
    await cq.sendTexts(b!, ["q0"]);
    await cb.until("first message", () => cb.events(CbEvents.OnRecvNewMessage).length === 1);
    const quietCid = await cb.sdk.getConversationIDBySessionType({ sourceID: quiet!, sessionType: 1 });
    await cb.sdk.setConversation({ conversationID: quietCid, recvMsgOpt: 2 });

    await cb.sdk.setAppBackgroundStatus(true);
    await cq.sendTexts(b!, ["q1"]);
    await cl.sendTexts(b!, ["l1"]);
    // The pushes are handled in order: when l1 is announced, q1 has been handled too.
    await cb.until("the loud message", () => cb.events(CbEvents.OnRecvOfflineNewMessage).length >= 1);
    expect(contents(cb.events(CbEvents.OnRecvOfflineNewMessage))).toEqual(["l1"]);
    expect(cb.events(CbEvents.OnRecvOfflineNewMessages).map(contents)).toEqual([["l1"]]);
    expect(contents(cb.events(CbEvents.OnRecvNewMessage))).toEqual(["q0"]);
    const [conv] = await cb.sdk.getMultipleConversation([quietCid]);
    expect(conv).toMatchObject({ recvMsgOpt: 2, unreadCount: 2 });
    expect(JSON.parse(conv!.latestMsg)).toMatchObject({ textElem: { content: "q1" } });
    const changed = cb.events(CbEvents.OnConversationChanged).flat().filter((c) => c.conversationID === quietCid);
    expect(changed.some((c) => JSON.parse(c.latestMsg).textElem?.content === "q1")).toBe(true);
  });

  it("a user who receives without notification (globalRecvMsgOpt 2) gets no offline events at all", async () => {
    const [a, b] = await world.users("caller", "dnd");
    const ca = await world.client(a!);
    await apiOk(world.server, "/user/update_user_info_ex", { userInfo: { userID: b!, globalRecvMsgOpt: 2 } }, world.admin);
    const cb = await world.client(b!); // its connect sync fetches the own profile
    await cb.until("own profile known", async () => (await cb.sdk.getSelfUserInfo()).globalRecvMsgOpt === 2);

    await cb.sdk.setAppBackgroundStatus(true);
    await ca.sendTexts(b!, ["ping"]);
    const cid = await cb.sdk.getConversationIDBySessionType({ sourceID: a!, sessionType: 1 });
    // The conversation event comes after the (suppressed) message events of the same push.
    await cb.until("conversation updated", () => cb.events(CbEvents.OnNewConversation).flat().some((c) => c.conversationID === cid));
    expect(cb.events(CbEvents.OnRecvOfflineNewMessage)).toEqual([]);
    expect(cb.events(CbEvents.OnRecvOfflineNewMessages)).toEqual([]);
    expect(cb.events(CbEvents.OnRecvNewMessage)).toEqual([]);
    expect((await cb.sdk.getMultipleConversation([cid]))[0]).toMatchObject({ unreadCount: 1 });
  });

  it("set while disconnected: kept, carried by the next connect (isBackground=true) and re-sent; the reconnect sync announces a batch as offline", async () => {
    const [a, b] = await world.users("writer", "offlineapp");
    const p = await world.proxy();
    p.refuse = true;
    const ca = await world.client(a!);
    const cb = await world.client(b!, { wsAddr: `ws://127.0.0.1:${p.port}` }); // offline login: resolves after the failed connect
    expect(cb.rt.login.current!.connection.state).not.toBe("connected");
    await cb.sdk.setAppBackgroundStatus(true);
    await ca.sendTexts(b!, ["m1", "m2", "m3"]);

    p.refuse = false;
    await cb.until("offline batch", () => cb.events(CbEvents.OnRecvOfflineNewMessages).length === 1);
    expect(p.requestLines.at(-1)).toMatch(/[?&]isBackground=true(&| )/);
    expect(await serverBackground(b!)).toEqual([true]);
    expect(cb.events(CbEvents.OnRecvOfflineNewMessages).map(contents)).toEqual([["m1", "m2", "m3"]]);
    expect(contents(cb.events(CbEvents.OnRecvOfflineNewMessage))).toEqual(["m1", "m2", "m3"]);
    expect(cb.events(CbEvents.OnRecvNewMessage)).toEqual([]);
    expect(await cb.sdk.getTotalUnreadMsgCount()).toBe(3);
  });

  it("sdk-core #971: background, the socket drops, the peer writes, foreground while disconnected, quick reconnect: every message arrives as OnRecvNewMessage, once, in order", async () => {
    const [a, b] = await world.users("sender", "flaky");
    const p = await world.proxy();
    const ca = await world.client(a!);
    const cb = await world.client(b!, { wsAddr: `ws://127.0.0.1:${p.port}` });
    await synced(cb);
    await cb.sdk.setAppBackgroundStatus(true);
    p.refuse = true;
    p.cut();
    await cb.until("offline", () => cb.rt.login.current!.connection.state !== "connected");
    await ca.sendTexts(b!, ["w1", "w2", "w3"]);
    await cb.sdk.setAppBackgroundStatus(false); // not connected: nothing to send, the reconnect carries it
    p.refuse = false;
    await cb.until("caught up", () => cb.events(CbEvents.OnRecvNewMessage).length >= 3);
    await ca.sendTexts(b!, ["w4"]);
    await cb.until("live again", () => cb.events(CbEvents.OnRecvNewMessage).length >= 4);
    expect(contents(cb.events(CbEvents.OnRecvNewMessage))).toEqual(["w1", "w2", "w3", "w4"]);
    expect(cb.events(CbEvents.OnRecvNewMessage).map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(cb.events(CbEvents.OnRecvOfflineNewMessage)).toEqual([]);
    expect(p.requestLines.at(-1)).toMatch(/[?&]isBackground=false(&| )/);
    expect(await serverBackground(b!)).toEqual([false]);
  });

  it("foreground wake-up sync on a live socket: an iOS client gets no pushes in the background (server honours 2004); going foreground pulls them", async () => {
    const [a, b] = await world.users("texter", "iphone");
    const ca = await world.client(a!);
    const cb = await world.client(b!, { platformID: 1 });
    await synced(cb);
    await ca.sendTexts(b!, ["before"]);
    await cb.until("first", () => cb.events(CbEvents.OnRecvNewMessage).length === 1);

    await cb.sdk.setAppBackgroundStatus(true);
    await ca.sendTexts(b!, ["held1", "held2"]); // stored by the server, not pushed to a backgrounded iOS socket
    const syncsBefore = cb.events(CbEvents.OnSyncServerFinish).length;
    const connectsBefore = cb.events(CbEvents.OnConnecting).length;
    await cb.sdk.setAppBackgroundStatus(false);
    await cb.until("wake-up sync", () => cb.events(CbEvents.OnSyncServerFinish).length > syncsBefore);
    expect(contents(cb.events(CbEvents.OnRecvNewMessage))).toEqual(["before", "held1", "held2"]);
    expect(cb.events(CbEvents.OnRecvNewMessages).map(contents)).toEqual([["before"], ["held1", "held2"]]);
    expect(cb.events(CbEvents.OnRecvOfflineNewMessage)).toEqual([]); // never pushed while in the background
    expect(cb.events(CbEvents.OnConnecting)).toHaveLength(connectsBefore); // same socket: the sync came from the wake-up
    expect(await cb.sdk.getTotalUnreadMsgCount()).toBe(3);
  });

  it("rejects a non-boolean with 10002 and a logged-out SDK with 10009", async () => {
    const [b] = await world.users("caller");
    const cb = await world.client(b!);
    const bad = cb.sdk.setAppBackgroundStatus("true" as never);
    await expect(bad).rejects.toMatchObject({ errCode: 10002 });
    await expect(bad).rejects.toThrow(/setAppBackgroundStatus: isBackground must be a boolean/);
    await cb.sdk.logout();
    await expect(cb.sdk.setAppBackgroundStatus(true)).rejects.toMatchObject({ errCode: 10009, errMsg: "setAppBackgroundStatus: not logged in; call login first" });
  });
});
