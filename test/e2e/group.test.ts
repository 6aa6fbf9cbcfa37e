// Group conversations (sg_) end to end on the devserver: createGroup, the joined-group sync, every
// member receiving every message once in seq order, unread per member, the group's name on the
// conversation, an offline member catching up, and sender names resolved through the user cache
// with one batched /user/get_users_info.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { CbEvents } from "../../bindings/node/index.js";
import type { ConversationItem, MessageItem } from "../../generated/types/index.js";
import { createRuntime } from "../../runtime/create-sdk.js";
import { silentLogger } from "../../runtime/events/logger.js";
import type { FetchLike } from "../../runtime/http/client.js";
import { memoryPersistence } from "../../runtime/storage/persistence/memory-store.js";
import { socketFactoryFrom, type SocketFactory, type SocketLike } from "../../runtime/transport/socket.js";
import { RawClient, sendText, userToken } from "../devserver/support.js";
import { E2eWorld, sleep, TestClient } from "../support/sdk-clients.js";

let world: E2eWorld;
beforeAll(async () => (world = await E2eWorld.start()));
afterEach(async () => world.afterEach());
afterAll(async () => world.close());

const textsOf = (list: MessageItem[]) => list.filter((m) => m.contentType === 101).map((m) => m.textElem?.content);
const received = (c: TestClient, cid: string) => c.events(CbEvents.OnRecvNewMessage).filter((m) => m.groupID === cid.slice(3) && m.contentType === 101);

describe("group conversations", () => {
  it("a group of 3: everyone sends, each member gets every message once in seq order, unread per member, the list shows the group's name", async () => {
    const [a, b, c] = await world.users("own", "mb", "mc");
    const [ca, cb, cc] = [await world.client(a!), await world.client(b!), await world.client(c!)];
    // Live counting is what this test checks: the first connect syncs are over before anything is sent.
    for (const m of [ca, cb, cc]) await m.until("first sync", () => m.events(CbEvents.OnSyncServerFinish).length === 1);
    const group = await ca.sdk.createGroup({ memberUserIDs: [b!, c!], groupInfo: { groupName: "Team", groupType: 2 } });
    expect(group).toMatchObject({ groupName: "Team", ownerUserID: a, creatorUserID: a, memberCount: 3, groupType: 2 });
    expect(group.groupID).not.toBe("");
    const cid = await ca.sdk.getConversationIDBySessionType({ sourceID: group.groupID, sessionType: 3 });
    expect(cid).toBe(`sg_${group.groupID}`);
    expect(await ca.sdk.getJoinedGroupList()).toEqual([group]);
    // The members learn of the group from its notification (a group sync), not from a reconnect.
    for (const m of [cb, cc]) await m.until("group synced", async () => (await m.sdk.getJoinedGroupList()).some((g) => g.groupID === group.groupID));
    expect(await cc.sdk.getSpecifiedGroupsInfo([group.groupID, "no-such-group"])).toEqual([group]);

    const plan: [TestClient, string][] = [[ca, "a1"], [cb, "b1"], [cc, "c1"], [ca, "a2"], [cb, "b2"], [cc, "c2"]];
    const sent: MessageItem[] = [];
    for (const [who, text] of plan) sent.push(await who.sayInGroup(group.groupID, text));

    for (const m of [ca, cb, cc]) {
      // Wait on events, not by polling history: a history read may pull what a push is about to bring.
      await m.until("the others' four", () => received(m, cid).length >= 4);
      await sleep(100); // room for a duplicate to show up
      const list = await m.history(cid);
      expect(list.map((x) => x.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]); // seq 1 is the creation notice
      expect(textsOf(list)).toEqual(["a1", "b1", "c1", "a2", "b2", "c2"]);
      expect(new Set(list.map((x) => x.clientMsgID)).size).toBe(7);
      // Others' messages announced once each, in order; one's own never.
      const theirs = sent.filter((s) => s.sendID !== m.userID);
      expect(received(m, cid).map((x) => x.clientMsgID)).toEqual(theirs.map((s) => s.clientMsgID));
      // Names travel with the messages (each sender's own profile, synced at connect).
      for (const x of list.filter((y) => y.contentType === 101)) expect(x.senderNickname).toBe(x.sendID.toUpperCase());
      const [conv] = await m.sdk.getMultipleConversation([cid]);
      expect(conv).toMatchObject({ conversationType: 3, groupID: group.groupID, showName: "Team" });
      expect((await m.sdk.getAllConversationList()).map((x) => x.conversationID)).toEqual([cid]);
    }
    // Live, unread counts the others' messages after one's own last one: a send reads the chat, as the
    // server's hasReadSeq moves with each of one's own sends (the Go SDK only learns that at connect) …
    const unread = async (m: TestClient) => (await m.sdk.getMultipleConversation([cid]))[0]!.unreadCount;
    expect([await unread(ca), await unread(cb), await unread(cc)]).toEqual([2, 1, 0]);
    expect(await cc.sdk.getTotalUnreadMsgCount()).toBe(0);
    // … so a fresh connect, which takes unread from the server, agrees.
    await cb.sdk.logout();
    const again = await world.client(b!);
    await again.until("synced", () => again.events(CbEvents.OnSyncServerFinish).length === 1);
    expect(await unread(again)).toBe(1);
    expect((await again.sdk.getAllConversationList())[0]).toMatchObject({ conversationID: cid, showName: "Team" });

    const members = await cc.sdk.getSpecifiedGroupMembersInfo({ groupID: group.groupID, userIDList: [a!, b!, c!, "ghost"] });
    expect(members.map((x) => [x.userID, x.roleLevel])).toEqual([[a, 100], [b, 20], [c, 20]]);
  });

  it("a group whose first message arrives before the group is known is announced with its name, never nameless", async () => {
    const [a, b] = await world.users("maker", "invitee");
    const ca = await world.client(a!);
    const cb = await world.client(b!);
    await cb.until("synced", () => cb.events(CbEvents.OnSyncServerFinish).length === 1);
    for (let i = 1; i <= 3; i++) {
      const mark = cb.seen.length;
      const group = await ca.sdk.createGroup({ memberUserIDs: [b!], groupInfo: { groupName: `Crew ${i}`, faceURL: `https://faces.example/${i}.png` } });
      await ca.sayInGroup(group.groupID, "hi");
      const about = () => cb.seen.filter((r) => r.event === CbEvents.OnNewConversation || r.event === CbEvents.OnConversationChanged).flatMap((r) => (r.payload as ConversationItem[]).filter((c) => c.groupID === group.groupID));
      await cb.until("announced", () => about().length > 0);
      expect(about()[0]).toMatchObject({ conversationType: 3, showName: `Crew ${i}`, faceURL: `https://faces.example/${i}.png` });
      expect(about().every((c) => c.showName === `Crew ${i}`)).toBe(true);
      // The total counts the new chat only once the chat itself is announced (the creation notice
      // and "hi" are both unread); settled before the next group so its events stand apart.
      await cb.until("settled", () => cb.events(CbEvents.OnTotalUnreadMessageCountChanged).at(-1) === 2 * i);
      const order = cb.seen.slice(mark).map((r) => r.event).filter((e) => e === CbEvents.OnNewConversation || e === CbEvents.OnTotalUnreadMessageCountChanged);
      expect(order[0]).toBe(CbEvents.OnNewConversation);
    }
  });

  it("a member offline during the sends catches up on reconnect: every message once, in seq order, unread counted", async () => {
    const [a, b, c] = await world.users("host", "peer", "away");
    const p = await world.proxy();
    const ca = await world.client(a!);
    const cb = await world.client(b!);
    const cc = await world.client(c!, { wsAddr: `ws://127.0.0.1:${p.port}` });
    // A send during the connect sync would not count as reading what the sync had not stored yet.
    await cc.until("first sync", () => cc.events(CbEvents.OnSyncServerFinish).length === 1);
    const group = await ca.sdk.createGroup({ memberUserIDs: [b!, c!], groupInfo: { groupName: "Night shift" } });
    const cid = `sg_${group.groupID}`;
    await cc.sayInGroup(group.groupID, "bye for now");
    await cc.until("own message acked", async () => (await cc.history(cid)).length === 2);
    p.refuse = true;
    p.cut();
    await cc.until("offline", () => cc.rt.login.current!.connection.state !== "connected");
    const missed = ["m1", "m2", "m3", "m4"];
    for (const [i, t] of missed.entries()) await (i % 2 ? cb : ca).sayInGroup(group.groupID, t);
    await sleep(100);
    expect(received(cc, cid)).toEqual([]);
    p.refuse = false;
    await cc.until("caught up", () => received(cc, cid).length >= 4);
    await sleep(150);
    expect(received(cc, cid).map((m) => m.textElem?.content)).toEqual(missed);
    expect(received(cc, cid).map((m) => m.seq)).toEqual([3, 4, 5, 6]);
    const list = await cc.history(cid);
    expect(list.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(textsOf(list)).toEqual(["bye for now", ...missed]);
    expect((await cc.sdk.getMultipleConversation([cid]))[0]).toMatchObject({ unreadCount: 4, showName: "Night shift" });
    expect(await cc.sdk.getTotalUnreadMsgCount()).toBe(4);
  });

  it("sender names come from the user cache: a sync with many nameless senders costs one get_users_info naming each once", async () => {
    const [owner, ...senders] = await world.users("boss", "s1", "s2", "s3", "s4", "s5");
    const first = await world.client(owner!);
    const group = await first.sdk.createGroup({ memberUserIDs: senders, groupInfo: { groupName: "Crowd" } });
    await first.sdk.logout();

    // Senders on another SDK that fills no names: raw gateway clients.
    for (const s of senders) {
      const raw = await RawClient.connect(world.server, { userID: s, token: await userToken(world.server, world.admin, s) });
      for (const n of [1, 2]) expect((await sendText(raw, "", `${s}#${n}`, { sessionType: 3, groupID: group.groupID })).resp.errCode).toBe(0);
      raw.close();
    }

    const asked: string[][] = [];
    const fetch: FetchLike = async (url, init) => {
      if (url.endsWith("/user/get_users_info")) asked.push((JSON.parse(init.body) as { userIDs: string[] }).userIDs);
      return globalThis.fetch(url, init);
    };
    const rt = createRuntime({ socketFactory: socketFactoryFrom(WebSocket), logger: silentLogger, fetch, storage: (_config, userID) => ({ persistence: memoryPersistence(userID) }) });
    const co = new TestClient(rt, owner!);
    await rt.sdk.initSDK({ apiAddr: world.server.apiAddr, wsAddr: world.server.wsAddr, platformID: 5, dataDir: "unused" });
    try {
      await rt.sdk.login({ userID: owner!, token: await userToken(world.server, world.admin, owner!) });
      await co.until("synced", () => co.events(CbEvents.OnSyncServerFinish).length === 1);
      // One request for the self profile, one for all five unknown senders — each named once.
      expect(asked).toHaveLength(2);
      expect(asked[0]).toEqual([owner]);
      expect([...asked[1]!].sort()).toEqual([...senders].sort());
      const cid = `sg_${group.groupID}`;
      const list = (await co.history(cid)).filter((m) => m.contentType === 101);
      expect(list).toHaveLength(10);
      for (const m of list) expect(m.senderNickname).toBe(m.sendID.toUpperCase());
      expect(co.events(CbEvents.OnRecvNewMessage).filter((m) => m.contentType === 101).every((m) => m.senderNickname === m.sendID.toUpperCase())).toBe(true);
      // The joined-group sync ran before the messages: the new conversation had its name at once.
      expect(co.events(CbEvents.OnNewConversation).flat().find((x) => x.conversationID === cid)).toMatchObject({ showName: "Crowd" });
      // Later lookups are answered from the cache.
      expect((await rt.sdk.getUsersInfo(senders)).map((u) => u.nickname)).toEqual(senders.map((s) => s.toUpperCase()));
      expect(await rt.sdk.getSelfUserInfo()).toMatchObject({ userID: owner, nickname: owner!.toUpperCase() });
      expect(asked).toHaveLength(2);
    } finally {
      await rt.sdk.logout().catch(() => {});
    }
  });

  it("bad input gets a clear error", async () => {
    const [a, b] = await world.users("strict", "other");
    const ca = await world.client(a!);
    await expect(ca.sdk.createGroup({ memberUserIDs: [b!], groupInfo: { groupType: 1 } })).rejects.toMatchObject({ errCode: 10002, errMsg: expect.stringMatching(/groupType must be 2/) });
    await expect(ca.sdk.createGroup({ memberUserIDs: [b!], groupInfo: {}, ownerUserID: b! })).rejects.toMatchObject({ errCode: 10002, errMsg: expect.stringMatching(/ownerUserID must be the logged-in user/) });
    await expect(ca.sdk.createGroup({ memberUserIDs: [b!, b!], groupInfo: {} })).rejects.toMatchObject({ errCode: 10002, errMsg: expect.stringMatching(/listed twice/) });
    await expect(ca.sdk.createGroup({ memberUserIDs: ["nobody-registered"], groupInfo: {} })).rejects.toMatchObject({ errCode: 1101 });
    await expect(ca.sdk.getSpecifiedGroupMembersInfo({ groupID: "", userIDList: [a!] })).rejects.toMatchObject({ errCode: 10002 });
    await expect(ca.sdk.getUsersInfo([""])).rejects.toMatchObject({ errCode: 10002, errMsg: expect.stringMatching(/userIDs\[0\] is empty/) });
    const other = await ca.sdk.createGroup({ memberUserIDs: [b!], groupInfo: { groupName: "x" } });
    await expect(ca.sdk.getSpecifiedGroupMembersInfo({ groupID: `${other.groupID}-missing`, userIDList: [a!] })).rejects.toMatchObject({ errCode: 1201 });
  });

  it("a message sent while a member's connect sync runs is counted once (server unread covers only what the sync stored)", async () => {
    const [a, b] = await world.users("early", "late");
    const ca = await world.client(a!);
    const group = await ca.sdk.createGroup({ memberUserIDs: [b!], groupInfo: { groupName: "Race" } });
    await ca.sayInGroup(group.groupID, "before login");
    // B's socket: when B asks for its read seqs (1006), A sends first, and the push of that message
    // is held until B has the server's answer — the server's maxSeq then includes a message B stores later.
    let armed = true;
    const held: (() => void)[] = [];
    let holding = false;
    const racing: SocketFactory = (url) => {
      const real = socketFactoryFrom(WebSocket)(url);
      const reqOf = (data: unknown) => {
        try {
          return (JSON.parse(Buffer.from(data as Uint8Array).toString("utf8")) as { reqIdentifier: number }).reqIdentifier;
        } catch {
          return 0;
        }
      };
      const wrapped: SocketLike = {
        get binaryType() { return real.binaryType; },
        set binaryType(v) { real.binaryType = v; },
        send(data) {
          if (!armed || reqOf(data) !== 1006) return real.send(data);
          armed = false;
          holding = true;
          void ca.sayInGroup(group.groupID, "during sync").then(() => setTimeout(() => real.send(data), 50));
        },
        close: (code, reason) => real.close(code, reason),
        onopen: null, onmessage: null, onclose: null, onerror: null,
      };
      real.onopen = (e) => wrapped.onopen?.(e);
      real.onclose = (e) => wrapped.onclose?.(e);
      real.onerror = (e) => wrapped.onerror?.(e);
      real.onmessage = (e) => {
        const req = reqOf(e.data);
        if (holding && req === 2001) return void held.push(() => wrapped.onmessage?.(e));
        wrapped.onmessage?.(e);
        if (holding && req === 1006) {
          holding = false;
          setTimeout(() => held.splice(0).forEach((f) => f()), 0);
        }
      };
      return wrapped;
    };
    const rt = createRuntime({ socketFactory: racing, logger: silentLogger, connection: { compression: "none" }, storage: (_c, id) => ({ persistence: memoryPersistence(id) }) });
    const cb = new TestClient(rt, b!);
    await rt.sdk.initSDK({ apiAddr: world.server.apiAddr, wsAddr: world.server.wsAddr, platformID: 5, dataDir: "unused" });
    try {
      await rt.sdk.login({ userID: b!, token: await userToken(world.server, world.admin, b!) });
      const cid = `sg_${group.groupID}`;
      await cb.until("the held message", async () => textsOf(await cb.history(cid)).includes("during sync"));
      await sleep(100);
      expect(armed).toBe(false);
      expect(textsOf(await cb.history(cid))).toEqual(["before login", "during sync"]);
      // creation notice + two messages, none read: 3 — never 4.
      expect((await cb.sdk.getMultipleConversation([cid]))[0]!.unreadCount).toBe(3);
      expect(cb.events(CbEvents.OnTotalUnreadMessageCountChanged).at(-1)).toBe(3);
    } finally {
      await rt.sdk.logout().catch(() => {});
    }
  });
});
