// Conversations end to end: the list kept from messages, unread and read marks with single-chat
// receipts, drafts, lookups — every event checked against a query made right after it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CbEvents, type ConversationItem } from "../../bindings/node/index.js";
import { E2eWorld, sleep } from "../support/sdk-clients.js";

let world: E2eWorld;
beforeAll(async () => (world = await E2eWorld.start()));
afterEach(async () => world.afterEach());
afterAll(async () => world.close());

describe("conversation list", () => {
  it("orders by latest activity, pages with getConversationListSplit, finds by ID; events match queries", async () => {
    const [me, p1, p2, p3] = await world.users("owner", "first", "second", "third");
    const cm = await world.client(me!);
    for (const p of [p1, p2, p3]) {
      const c = await world.client(p!);
      await c.sendTexts(me!, [`from ${p}`]);
      await cm.until(`message from ${p}`, () => cm.events(CbEvents.OnRecvNewMessage).some((m) => m.sendID === p));
    }
    const all = await cm.sdk.getAllConversationList();
    expect(all.map((c) => c.userID)).toEqual([p3, p2, p1]);
    expect((await cm.sdk.getConversationListSplit({ offset: 1, count: 1 })).map((c) => c.userID)).toEqual([p2]);
    expect(await cm.sdk.getConversationListSplit({ offset: 5, count: 10 })).toEqual([]);
    await expect(cm.sdk.getConversationListSplit({ offset: -1, count: 1 })).rejects.toMatchObject({ errCode: 10002 });
    const ids = all.map((c) => c.conversationID);
    expect((await cm.sdk.getMultipleConversation([ids[2]!, "si_nobody_x", ids[0]!])).map((c) => c.conversationID)).toEqual([ids[2], ids[0]]);

    // Each conversation was announced once, and the latest event about it carries what the list holds now.
    const announced = cm.events(CbEvents.OnNewConversation).flat();
    expect(announced.map((c) => c.conversationID).sort()).toEqual([...ids].sort());
    const latest = new Map<string, ConversationItem>();
    for (const r of cm.seen)
      if (r.event === CbEvents.OnNewConversation || r.event === CbEvents.OnConversationChanged) for (const c of r.payload as ConversationItem[]) latest.set(c.conversationID, c);
    for (const c of all) expect(latest.get(c.conversationID)).toEqual(c);
    expect(cm.events(CbEvents.OnTotalUnreadMessageCountChanged)).toEqual([1, 2, 3]);
    expect(await cm.sdk.getTotalUnreadMsgCount()).toBe(3);

    // The one I answer moves to the top, and my reply reads it (once the server gave it its seq).
    await cm.sendTexts(p1!, ["reply"]);
    const after = await cm.until("reply read the chat", async () => {
      const list = await cm.sdk.getAllConversationList();
      return list[0]?.unreadCount === 0 ? list : undefined;
    });
    expect(after[0]).toMatchObject({ userID: p1, unreadCount: 0 });
    expect(await cm.sdk.getTotalUnreadMsgCount()).toBe(2);
    expect(JSON.parse(after[0]!.latestMsg)).toMatchObject({ textElem: { content: "reply" }, sendID: me });
    expect(cm.events(CbEvents.OnConversationChanged).at(-1)![0]).toEqual(after[0]);
  });

  it("getOneConversation creates a hidden conversation; the first message makes it appear", async () => {
    const [me, peer] = await world.users("opener", "target");
    const cm = await world.client(me!);
    const conv = await cm.sdk.getOneConversation({ sourceID: peer!, sessionType: 1 });
    expect(conv).toMatchObject({ conversationID: await cm.sdk.getConversationIDBySessionType({ sourceID: peer!, sessionType: 1 }), userID: peer, conversationType: 1, unreadCount: 0, latestMsgSendTime: 0 });
    expect(await cm.sdk.getAllConversationList()).toEqual([]);
    await expect(cm.sdk.getOneConversation({ sourceID: "", sessionType: 1 })).rejects.toMatchObject({ errCode: 10002 });
    await expect(cm.sdk.getOneConversation({ sourceID: "x", sessionType: 7 as never })).rejects.toMatchObject({ errCode: 10002 });
    await cm.sendTexts(peer!, ["hi"]);
    expect((await cm.sdk.getAllConversationList()).map((c) => c.conversationID)).toEqual([conv.conversationID]);
    expect(cm.events(CbEvents.OnNewConversation).flat().map((c) => c.conversationID)).toEqual([conv.conversationID]);
  });

  it("setConversationDraft stores the draft durably and orders the list by it; \"\" clears it", async () => {
    const [me, p1, p2] = await world.users("drafter", "older", "newer");
    const cm = await world.client(me!);
    // The connect sync's settings changes join whichever flush comes next: let it finish first.
    await cm.until("the first sync", () => cm.events(CbEvents.OnSyncServerFinish).length > 0);
    await cm.sendTexts(p1!, ["one"]);
    await cm.sendTexts(p2!, ["two"]);
    const [top, second] = await cm.sdk.getAllConversationList();
    expect(top!.userID).toBe(p2);
    await sleep(5);
    await cm.sdk.setConversationDraft({ conversationID: second!.conversationID, draftText: "half a thought" });
    const list = await cm.sdk.getAllConversationList();
    expect(list[0]).toMatchObject({ conversationID: second!.conversationID, draftText: "half a thought" });
    expect(cm.events(CbEvents.OnConversationChanged).at(-1)).toEqual([list[0]]);
    await cm.sdk.setConversationDraft({ conversationID: second!.conversationID, draftText: "" });
    expect((await cm.sdk.getAllConversationList())[0]!.userID).toBe(p2);
    await expect(cm.sdk.setConversationDraft({ conversationID: "si_no_such", draftText: "x" })).rejects.toMatchObject({ errCode: 10002 });
  });
});

describe("unread and read receipts", () => {
  it("markConversationMessageAsRead zeroes unread, tells the server, and the peer gets OnRecvC2CReadReceipt", async () => {
    const [a, b] = await world.users("writer", "reader");
    const ca = await world.client(a!);
    const cb = await world.client(b!);
    const sent = await ca.sendTexts(b!, ["r1", "r2"]);
    const cid = await cb.sdk.getConversationIDBySessionType({ sourceID: a!, sessionType: 1 });
    await cb.until("two unread", async () => (await cb.sdk.getTotalUnreadMsgCount()) === 2);
    await cb.sdk.markConversationMessageAsRead(cid);
    expect(await cb.sdk.getTotalUnreadMsgCount()).toBe(0);
    expect((await cb.sdk.getMultipleConversation([cid]))[0]!.unreadCount).toBe(0);
    expect(cb.events(CbEvents.OnTotalUnreadMessageCountChanged).at(-1)).toBe(0);
    expect(cb.events(CbEvents.OnConversationChanged).at(-1)![0]).toMatchObject({ conversationID: cid, unreadCount: 0 });
    const page = await cb.sdk.getAdvancedHistoryMessageList({ conversationID: cid, startClientMsgID: "", count: 10 });
    expect(page.messageList.map((m) => m.isRead)).toEqual([true, true]);

    const [receipts] = await ca.until("receipt", () => (ca.events(CbEvents.OnRecvC2CReadReceipt).length > 0 ? ca.events(CbEvents.OnRecvC2CReadReceipt) : undefined));
    expect(receipts).toEqual([expect.objectContaining({ userID: b, sessionType: 1, msgIDList: sent.map((m) => m.clientMsgID) })]);
    const mine = await ca.sdk.getAdvancedHistoryMessageList({ conversationID: cid, startClientMsgID: "", count: 10 });
    expect(mine.messageList.map((m) => m.isRead)).toEqual([true, true]);
    expect(mine.messageList.every((m) => (m.attachedInfoElem?.hasReadTime ?? 0) > 0)).toBe(true);
    expect(JSON.parse((await ca.sdk.getMultipleConversation([cid]))[0]!.latestMsg)).toMatchObject({ isRead: true });

    // Read state comes from the server at the next login too.
    await cb.sdk.logout();
    const again = await world.client(b!);
    await again.until("sync", () => again.events(CbEvents.OnSyncServerFinish).length === 1);
    expect(await again.sdk.getTotalUnreadMsgCount()).toBe(0);
  });

  it("scenario #8: unread > 0 with no unread row stored locally is still cleared, on the server too", async () => {
    const [a, b] = await world.users("many", "stuck");
    const ca = await world.client(a!);
    await ca.sendTexts(b!, ["x1", "x2", "x3"]);
    const cb = await world.client(b!);
    await cb.until("sync", () => cb.events(CbEvents.OnSyncServerFinish).length === 1);
    const cid = await cb.sdk.getConversationIDBySessionType({ sourceID: a!, sessionType: 1 });
    cb.rt.login.current!.daos.chatLogs.markReceivedRead(cid, b!); // the stale state of the old bug
    expect(await cb.sdk.getTotalUnreadMsgCount()).toBe(3);
    await cb.sdk.markConversationMessageAsRead(cid);
    expect(await cb.sdk.getTotalUnreadMsgCount()).toBe(0);
    await cb.sdk.logout();
    const again = await world.client(b!);
    await again.until("sync", () => again.events(CbEvents.OnSyncServerFinish).length === 1);
    expect(await again.sdk.getTotalUnreadMsgCount()).toBe(0);
  });

  it("one user on two platforms: reading on one device clears unread on the other", async () => {
    const [a, b] = await world.users("poster", "twodevices");
    const ca = await world.client(a!);
    const web = await world.client(b!, { platformID: 5 });
    const phone = await world.client(b!, { platformID: 2 });
    await ca.sendTexts(b!, ["d1", "d2"]);
    const cid = await web.sdk.getConversationIDBySessionType({ sourceID: a!, sessionType: 1 });
    await web.until("web unread", async () => (await web.sdk.getTotalUnreadMsgCount()) === 2);
    await phone.until("phone unread", async () => (await phone.sdk.getTotalUnreadMsgCount()) === 2);
    await web.sdk.markConversationMessageAsRead(cid);
    await phone.until("phone cleared", async () => (await phone.sdk.getTotalUnreadMsgCount()) === 0);
    expect(phone.events(CbEvents.OnTotalUnreadMessageCountChanged).at(-1)).toBe(0);
    expect((await phone.sdk.getMultipleConversation([cid]))[0]!.unreadCount).toBe(0);
  });

  it("rejects marking an unknown conversation with 10002", async () => {
    const [a] = await world.users("nobody");
    const ca = await world.client(a!);
    await expect(ca.sdk.markConversationMessageAsRead("si_x_y")).rejects.toMatchObject({ errCode: 10002, errMsg: expect.stringMatching(/no conversation/) });
  });
});

describe("conversation settings", () => {
  it("setConversation pins and mutes on the server and locally; the user's other device follows; pinned sort first", async () => {
    const [me, p1, p2] = await world.users("settler", "pinned", "loud");
    const web = await world.client(me!, { platformID: 5 });
    const phone = await world.client(me!, { platformID: 2 });
    for (const p of [p1, p2]) {
      const c = await world.client(p!);
      await c.sendTexts(me!, [`hi from ${p}`]);
    }
    await web.until("two conversations", async () => (await web.sdk.getAllConversationList()).length === 2);
    await phone.until("two conversations", async () => (await phone.sdk.getAllConversationList()).length === 2);
    const cid1 = await web.sdk.getConversationIDBySessionType({ sourceID: p1!, sessionType: 1 });
    const cid2 = await web.sdk.getConversationIDBySessionType({ sourceID: p2!, sessionType: 1 });
    expect((await web.sdk.getAllConversationList())[0]!.conversationID).toBe(cid2);

    await web.sdk.pinConversation({ conversationID: cid1, isPinned: true });
    await web.sdk.setConversation({ conversationID: cid2, recvMsgOpt: 2, ex: "muted" });
    const list = await web.sdk.getAllConversationList();
    expect(list.map((c) => [c.conversationID, c.isPinned, c.recvMsgOpt])).toEqual([[cid1, true, 0], [cid2, false, 2]]);
    expect(list[1]!.ex).toBe("muted");
    expect(await web.sdk.getTotalUnreadMsgCount()).toBe(1); // a not-notify conversation does not count
    expect(web.events(CbEvents.OnConversationChanged).at(-1)).toEqual([list[1]]);

    await phone.until("settings on the other device", async () => {
      const l = await phone.sdk.getAllConversationList();
      return l[0]?.conversationID === cid1 && l[0].isPinned && l[1]?.recvMsgOpt === 2;
    });
    await expect(web.sdk.setConversation({ conversationID: cid1, recvMsgOpt: 7 as never })).rejects.toMatchObject({ errCode: 10002 });
    await expect(web.sdk.setConversation({ conversationID: "si_none", isPinned: true })).rejects.toMatchObject({ errCode: 10002 });

    // A new login gets the settings from the server.
    const fresh = await world.client(me!, { platformID: 3 });
    await fresh.until("synced", () => fresh.events(CbEvents.OnSyncServerFinish).length === 1);
    expect((await fresh.sdk.getAllConversationList()).map((c) => [c.conversationID, c.isPinned, c.recvMsgOpt])).toEqual([[cid1, true, 0], [cid2, false, 2]]);
  });

  it("hideConversation removes it from the list until the next message; searchConversation matches names literally", async () => {
    const [me, p1] = await world.users("hider", "pe%er");
    const cm = await world.client(me!);
    const cp = await world.client(p1!);
    await cp.sendTexts(me!, ["first"]);
    const cid = await cm.sdk.getConversationIDBySessionType({ sourceID: p1!, sessionType: 1 });
    await cm.until("announced", () => cm.events(CbEvents.OnNewConversation).length === 1);
    expect((await cm.sdk.searchConversation("e%e")).map((c) => c.conversationID)).toEqual([cid]);
    expect(await cm.sdk.searchConversation("e_e")).toEqual([]);
    await cm.sdk.hideConversation(cid);
    expect(await cm.sdk.getAllConversationList()).toEqual([]);
    await cp.sendTexts(me!, ["again"]);
    await cm.until("visible again", async () => (await cm.sdk.getAllConversationList()).length === 1);
    expect(cm.events(CbEvents.OnNewConversation).flat().map((c) => c.conversationID)).toEqual([cid, cid]);
    await cm.sdk.hideAllConversations();
    expect(await cm.sdk.getAllConversationList()).toEqual([]);
  });
});

describe("conversationID arguments", () => {
  it("an empty conversationID says so (10002) in every method taking one; an unknown one names the ID", async () => {
    const [a] = await world.users("blank");
    const ca = await world.client(a!);
    const s = ca.sdk;
    const empty: [string, () => Promise<unknown>][] = [
      ["hideConversation: conversationID is empty", () => s.hideConversation("")],
      ["clearConversationAndDeleteAllMsg: conversationID is empty", () => s.clearConversationAndDeleteAllMsg("")],
      ["deleteConversationAndDeleteAllMsg: conversationID is empty", () => s.deleteConversationAndDeleteAllMsg("")],
      ["resetConversationGroupAtType: conversationID is empty", () => s.resetConversationGroupAtType("")],
      ["markConversationMessageAsRead: conversationID is empty", () => s.markConversationMessageAsRead("")],
      ["setConversation: params.conversationID is empty", () => s.setConversation({ conversationID: "", isPinned: true })],
      ["setConversationDraft: params.conversationID is empty", () => s.setConversationDraft({ conversationID: "", draftText: "x" })],
      ["getAdvancedHistoryMessageList: params.conversationID is empty", () => s.getAdvancedHistoryMessageList({ conversationID: "", startClientMsgID: "", count: 10 })],
      ["deleteMessage: params.conversationID is empty", () => s.deleteMessage({ conversationID: "", clientMsgID: "m" })],
    ];
    for (const [message, call] of empty) await expect(call()).rejects.toMatchObject({ errCode: 10002, errMsg: expect.stringContaining(message) });
    await expect(s.hideConversation("si_x_y")).rejects.toMatchObject({ errCode: 10002, errMsg: expect.stringMatching(/hideConversation: no conversation si_x_y on this device/) });
  });

  it("setConversation with no setting besides conversationID is refused (10002), not a silent no-op", async () => {
    const [a, b] = await world.users("idle", "peer");
    const ca = await world.client(a!);
    const { conversationID } = await ca.sdk.getOneConversation({ sourceID: b!, sessionType: 1 });
    await expect(ca.sdk.setConversation({ conversationID })).rejects.toMatchObject({ errCode: 10002, errMsg: expect.stringMatching(/setConversation: nothing to change/) });
    await ca.sdk.setConversation({ conversationID, isPinned: true });
    expect((await ca.sdk.getMultipleConversation([conversationID]))[0]).toMatchObject({ isPinned: true });
  });
});

describe("incremental conversation sync", () => {
  it("stores the server's version; a later login applies only what changed meanwhile", async () => {
    const [me, p1] = await world.users("versioned", "partner");
    const dataDir = world.dir("openim-version-");
    const cp = await world.client(p1!);
    await cp.sendTexts(me!, ["hello"]);
    const cm = await world.client(me!, { dataDir });
    await cm.until("sync", () => cm.events(CbEvents.OnSyncServerFinish).length === 1);
    const version = () => cm.rt.login.current!.daos.localSyncVersion.get("local_conversations", me!);
    const first = version();
    expect(first?.versionID).not.toBe("");
    const cid = await cm.sdk.getConversationIDBySessionType({ sourceID: p1!, sessionType: 1 });
    await cm.sdk.logout();

    // Another device pins it while this one is away.
    const other = await world.client(me!, { platformID: 2 });
    await other.until("sync", () => other.events(CbEvents.OnSyncServerFinish).length === 1);
    await other.sdk.pinConversation({ conversationID: cid, isPinned: true });

    const back = await world.client(me!, { dataDir });
    await back.until("sync", () => back.events(CbEvents.OnSyncServerFinish).length === 1);
    expect((await back.sdk.getMultipleConversation([cid]))[0]).toMatchObject({ isPinned: true });
    const now = back.rt.login.current!.daos.localSyncVersion.get("local_conversations", me!);
    expect(now!.versionID).toBe(first!.versionID);
    expect(now!.version).toBeGreaterThan(first!.version);
  });
});
