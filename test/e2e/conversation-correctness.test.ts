// Conversation correctness against the devserver (issue 5): a new single chat is announced once,
// already carrying the peer's name and face (one lookup for a whole connect sync); getOneConversation
// refuses users and groups that do not exist; conversations deleted on the server stay on the device
// (as openim-sdk-core does); searchLocalMessages' keywordListMatchType and the history viewType
// accept only their enum values, and a search-view jump does not disturb the normal history view.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CbEvents, type ConversationItem } from "../../bindings/node/index.js";
import { VERSION_TABLE } from "../../runtime/conversations/conversation-sync.js";
import { CHAT_PULL_CAP } from "../../runtime/sync/seq-ranges.js";
import { apiOk, userToken } from "../devserver/support.js";
import { E2eWorld, HttpLog, type TestClient } from "../support/sdk-clients.js";

let world: E2eWorld;
beforeAll(async () => (world = await E2eWorld.start()));
afterEach(async () => world.afterEach());
afterAll(async () => world.close());

/** A logged-in client over `dataDir` whose HTTP requests go through `log`, after its first sync. */
const loggedClient = async (userID: string, dataDir: string, log: HttpLog): Promise<TestClient> => (await world.clientWithLookups(userID, dataDir, 5, log)).client;

/** Every conversation event about `conversationID`, in order, as [event, item]. */
function eventsAbout(c: TestClient, conversationID: string): [string, ConversationItem][] {
  const out: [string, ConversationItem][] = [];
  for (const r of c.seen)
    if (r.event === CbEvents.OnNewConversation || r.event === CbEvents.OnConversationChanged)
      for (const item of r.payload as ConversationItem[]) if (item.conversationID === conversationID) out.push([r.event, item]);
  return out;
}

async function setFace(userID: string, faceURL: string) {
  await apiOk(world.server, "/user/update_user_info_ex", { userInfo: { userID, faceURL } }, await userToken(world.server, world.admin, userID));
}

const USERS_INFO = "/user/get_users_info";

describe("a new single chat is announced with the peer's name", () => {
  it("started by this user: the first OnNewConversation already carries the peer's nickname and face, never the userID", async () => {
    const [me, peer] = await world.users("starter", "faced");
    await setFace(peer!, "http://faces/peer.png");
    const log = new HttpLog();
    const cm = await loggedClient(me!, world.dir("openim-conv-"), log);
    await cm.sendText(peer!, "hello");
    const cid = await cm.sdk.getConversationIDBySessionType({ sourceID: peer!, sessionType: 1 });
    const about = await cm.until("announced", () => eventsAbout(cm, cid).length > 0 && eventsAbout(cm, cid));
    expect(about[0]![0]).toBe(CbEvents.OnNewConversation);
    expect(about[0]![1]).toMatchObject({ showName: peer!.toUpperCase(), faceURL: "http://faces/peer.png" });
    for (const [, item] of eventsAbout(cm, cid)) expect(item.showName).toBe(peer!.toUpperCase());
    expect((await cm.sdk.getAllConversationList())[0]).toMatchObject({ conversationID: cid, showName: peer!.toUpperCase(), faceURL: "http://faces/peer.png" });
    expect(cm.events(CbEvents.OnNewConversation).flat().filter((c) => c.conversationID === cid)).toHaveLength(1);
    // The self sync asked for me; the new chat cost one lookup naming the peer.
    expect(log.bodies(USERS_INFO).map((b) => b.userIDs)).toEqual([[me], [peer]]);
    await cm.sdk.logout();
  });

  it("a connect sync bringing many new chats (sent from another device) names them all with one lookup", async () => {
    const [me, ...peers] = await world.users("roamer", "p", "q", "r", "s", "t");
    const phone = await world.client(me!, { platformID: 2 });
    await phone.until("phone sync", () => phone.events(CbEvents.OnSyncServerFinish).length === 1);
    for (const p of peers) await phone.sendText(p, `hi ${p}`);

    const log = new HttpLog();
    const web = await loggedClient(me!, world.dir("openim-conv-"), log);
    const announced = web.events(CbEvents.OnNewConversation).flat();
    expect(announced.map((c) => c.userID).sort()).toEqual([...peers].sort());
    for (const c of announced) expect(c.showName).toBe(c.userID.toUpperCase());
    expect(web.events(CbEvents.OnConversationChanged).flat().filter((c) => c.showName === c.userID)).toEqual([]);
    const lookups = log.bodies(USERS_INFO).map((b) => b.userIDs as string[]);
    expect(lookups).toHaveLength(2);
    expect(lookups[0]).toEqual([me]);
    expect([...lookups[1]!].sort()).toEqual([...peers].sort());
    expect((await web.sdk.getAllConversationList()).map((c) => c.showName).sort()).toEqual(peers.map((p) => p.toUpperCase()).sort());
    await web.sdk.logout();
  });

  it("a chat started by the peer is named from the message itself, with no lookup", async () => {
    const [me, peer] = await world.users("answerer", "opener");
    const log = new HttpLog();
    const cm = await loggedClient(me!, world.dir("openim-conv-"), log);
    const cp = await world.client(peer!);
    await cp.until("peer sync", () => cp.events(CbEvents.OnSyncServerFinish).length === 1); // its own name is known
    await cp.sendText(me!, "knock knock");
    const [conv] = await cm.until("announced", () => cm.events(CbEvents.OnNewConversation)[0]);
    expect(conv).toMatchObject({ userID: peer, showName: peer!.toUpperCase() });
    expect(log.bodies(USERS_INFO).map((b) => b.userIDs)).toEqual([[me]]);
    await cm.sdk.logout();
  });

  it("when the lookup fails the chat is announced with the userID, the message still goes out, and the next connect renames it", async () => {
    const [me, peer] = await world.users("offline", "unnamed");
    const dataDir = world.dir("openim-conv-");
    const log = new HttpLog();
    const cm = await loggedClient(me!, dataDir, log);
    log.down.add(USERS_INFO);
    const sent = await cm.sendText(peer!, "sent anyway");
    expect(sent.status).toBe(2);
    const cid = await cm.sdk.getConversationIDBySessionType({ sourceID: peer!, sessionType: 1 });
    const [first] = await cm.until("announced", () => cm.events(CbEvents.OnNewConversation)[0]);
    expect(first).toMatchObject({ conversationID: cid, showName: peer });
    expect((await cm.sdk.getAllConversationList())[0]!.showName).toBe(peer);
    await cm.sdk.logout();

    log.down.clear();
    const again = await loggedClient(me!, dataDir, log);
    const renamed = await again.until("renamed", () => again.events(CbEvents.OnConversationChanged).flat().find((c) => c.conversationID === cid && c.showName === peer!.toUpperCase()));
    expect((await again.sdk.getAllConversationList())[0]).toEqual(renamed);
    await again.sdk.logout();
  });
});

describe("getOneConversation", () => {
  it("names a new conversation after the peer (looked up) or the group (local, else the server); existing ones need no network", async () => {
    const [me, peer, owner, member] = await world.users("getter", "known", "owner", "member");
    await setFace(peer!, "http://faces/known.png");
    const log = new HttpLog();
    const cm = await loggedClient(me!, world.dir("openim-conv-"), log);

    const single = await cm.sdk.getOneConversation({ sourceID: peer!, sessionType: 1 });
    expect(single).toMatchObject({ userID: peer, conversationType: 1, showName: peer!.toUpperCase(), faceURL: "http://faces/known.png", latestMsgSendTime: 0 });
    expect(await cm.sdk.getAllConversationList()).toEqual([]); // created hidden

    // A group this user is not in: only the server knows it.
    const co = await world.client(owner!);
    const foreign = await co.sdk.createGroup({ memberUserIDs: [member!], groupInfo: { groupName: "Elsewhere", faceURL: "http://faces/g.png" } });
    const remote = await cm.sdk.getOneConversation({ sourceID: foreign.groupID, sessionType: 3 });
    expect(remote).toMatchObject({ conversationID: `sg_${foreign.groupID}`, groupID: foreign.groupID, conversationType: 3, showName: "Elsewhere", faceURL: "http://faces/g.png" });
    expect(log.bodies("/group/get_groups_info")).toEqual([{ groupIDs: [foreign.groupID] }]);

    // A group the user is in: named from the synced local_groups, no server call.
    const mine = await cm.sdk.createGroup({ memberUserIDs: [peer!], groupInfo: { groupName: "Mine" } });
    await cm.until("group synced", async () => (await cm.sdk.getJoinedGroupList()).some((g) => g.groupID === mine.groupID));
    const lookups = log.bodies("/group/get_groups_info").length;
    const local = await cm.sdk.getOneConversation({ sourceID: mine.groupID, sessionType: 3 });
    expect(local).toMatchObject({ groupID: mine.groupID, showName: "Mine" });
    expect(log.bodies("/group/get_groups_info")).toHaveLength(lookups);

    // Existing conversations come from the device.
    const before = log.requests.length;
    expect(await cm.sdk.getOneConversation({ sourceID: peer!, sessionType: 1 })).toEqual(single);
    expect(await cm.sdk.getOneConversation({ sourceID: foreign.groupID, sessionType: 3 })).toEqual(remote);
    expect(log.requests.length).toBe(before);
    await cm.sdk.logout();
  });

  it("rejects a user (10100) or group (10400) the server does not know, and creates nothing", async () => {
    const [me] = await world.users("phantoms");
    const cm = await world.client(me!);
    await expect(cm.sdk.getOneConversation({ sourceID: "no-such-user", sessionType: 1 })).rejects.toMatchObject({ errCode: 10100, errMsg: expect.stringMatching(/getOneConversation: user no-such-user does not exist/) });
    await expect(cm.sdk.getOneConversation({ sourceID: "no-such-group", sessionType: 3 })).rejects.toMatchObject({ errCode: 10400, errMsg: expect.stringMatching(/group no-such-group does not exist/) });
    const ids = [await cm.sdk.getConversationIDBySessionType({ sourceID: "no-such-user", sessionType: 1 }), "sg_no-such-group"];
    expect(await cm.sdk.getMultipleConversation(ids)).toEqual([]);
    // Nothing was made that a later call could return.
    await expect(cm.sdk.getOneConversation({ sourceID: "no-such-user", sessionType: 1 })).rejects.toMatchObject({ errCode: 10100 });
  });
});

describe("incremental conversation sync", () => {
  it("keeps conversations the server deleted (as openim-sdk-core), with their messages, and stores the new version", async () => {
    const [me, p1, p2] = await world.users("keeper", "gone", "stays");
    const dataDir = world.dir("openim-conv-");
    const log = new HttpLog();
    const first = await loggedClient(me!, dataDir, log);
    const sent = [await first.sendText(p1!, "to the deleted one"), await first.sendText(p2!, "to the kept one")];
    const { daos } = first.rt.login.current!;
    await first.until("echoes with seqs", () => sent.every((m) => (daos.chatLogs.get(m.clientMsgID)?.seq ?? 0) > 0));
    await first.sdk.logout();
    // A second connect stores a version that knows both conversations (the first one stored 0 → full).
    const second = await loggedClient(me!, dataDir, log);
    const listBefore = await second.sdk.getAllConversationList();
    const gone = listBefore.find((c) => c.userID === p1)!.conversationID;
    const version = second.rt.login.current!.daos.localSyncVersion.get(VERSION_TABLE, me!)!;
    expect(version.version).toBeGreaterThan(0);
    await second.sdk.logout();

    const token = await userToken(world.server, world.admin, me!);
    await apiOk(world.server, "/conversation/delete_conversations", { ownerUserID: me, needDeleteTime: 0, conversationIDs: [gone] }, token);
    // The devserver reports the delete in the incremental sync the SDK makes next.
    const delta = await apiOk(world.server, "/conversation/get_incremental_conversations", { userID: me, versionID: version.versionID, version: version.version }, token);
    expect(delta).toMatchObject({ full: false, delete: [gone] });

    const again = await loggedClient(me!, dataDir, log);
    const incremental = log.bodies("/conversation/get_incremental_conversations").at(-1)!;
    expect(incremental).toMatchObject({ versionID: version.versionID, version: version.version });
    expect(await again.sdk.getAllConversationList()).toEqual(listBefore);
    const history = await again.sdk.getAdvancedHistoryMessageList({ conversationID: gone, startClientMsgID: "", count: 10 });
    expect(history.messageList.map((m) => m.textElem?.content)).toEqual(["to the deleted one"]);
    expect(eventsAbout(again, gone)).toEqual([]);
    expect(again.rt.login.current!.daos.localSyncVersion.get(VERSION_TABLE, me!)).toMatchObject({ versionID: delta.versionID, version: delta.version });
    await again.sdk.logout();
  });
});

describe("enum parameters", () => {
  it("searchLocalMessages: keywordListMatchType is 0 (any) or 1 (all); anything else is 10002", async () => {
    const [me, peer] = await world.users("searcher", "found");
    const cm = await world.client(me!);
    await cm.sendText(peer!, "red apple");
    await cm.sendText(peer!, "green apple");
    const cid = await cm.sdk.getConversationIDBySessionType({ sourceID: peer!, sessionType: 1 });
    const search = (keywordListMatchType: unknown) => cm.sdk.searchLocalMessages({ conversationID: cid, keywordList: ["red", "apple"], keywordListMatchType: keywordListMatchType as 0 });
    expect((await search(0)).totalCount).toBe(2);
    expect((await search(1)).totalCount).toBe(1);
    for (const bad of [2, -1, "1", 0.5])
      await expect(search(bad)).rejects.toMatchObject({ errCode: 10002, errMsg: expect.stringMatching(/searchLocalMessages: .*keywordListMatchType.*0 \| 1/) });
  });

  it("history: viewType is 0 (history) or 1 (search); a search-view jump leaves the normal view's paging and gap filling intact", async () => {
    const [a, b] = await world.users("talker", "jumper");
    const ca = await world.client(a!);
    const total = CHAT_PULL_CAP + 20;
    const texts = Array.from({ length: total }, (_, i) => `m${i + 1}`);
    for (const t of texts) await ca.sendText(b!, t);
    const cb = await world.client(b!);
    await cb.until("sync", () => cb.events(CbEvents.OnSyncServerFinish).length === 1);
    const cid = await cb.sdk.getConversationIDBySessionType({ sourceID: a!, sessionType: 1 });
    expect(cb.rt.login.current!.daos.chatLogs.bySeqs(cid, 1, total)).toHaveLength(CHAT_PULL_CAP); // the oldest 20 are a gap

    for (const viewType of [2, -1, "0"]) {
      const params = { conversationID: cid, startClientMsgID: "", count: 5, viewType: viewType as 0 };
      await expect(cb.sdk.getAdvancedHistoryMessageList(params)).rejects.toMatchObject({ errCode: 10002, errMsg: expect.stringMatching(/viewType/) });
      await expect(cb.sdk.getAdvancedHistoryMessageListReverse(params)).rejects.toMatchObject({ errCode: 10002 });
    }

    // The normal view reads its first page; a search result then jumps into the gap and pages both ways.
    const firstPage = await cb.sdk.getAdvancedHistoryMessageList({ conversationID: cid, startClientMsgID: "", count: 100, viewType: 0 });
    expect(firstPage.messageList.map((m) => m.textElem?.content)).toEqual(texts.slice(total - 100));
    const [hit] = (await cb.sdk.searchLocalMessages({ conversationID: cid, keywordList: ["m25"] })).searchResultItems[0]!.messageList;
    const older = await cb.sdk.getAdvancedHistoryMessageList({ conversationID: cid, startClientMsgID: hit!.clientMsgID, count: 10, viewType: 1 });
    expect(older.messageList.map((m) => m.textElem?.content)).toEqual(texts.slice(14, 24));
    const newer = await cb.sdk.getAdvancedHistoryMessageListReverse({ conversationID: cid, startClientMsgID: hit!.clientMsgID, count: 10, viewType: 1 });
    expect(newer.messageList.map((m) => m.textElem?.content)).toEqual(texts.slice(25, 35));

    // The normal view goes on from where it was, to the very first message.
    const rest: string[] = [];
    let start = firstPage.messageList[0]!.clientMsgID;
    for (let isEnd = false; !isEnd; ) {
      const page = await cb.sdk.getAdvancedHistoryMessageList({ conversationID: cid, startClientMsgID: start, count: 50, viewType: 0 });
      expect(page.errCode).toBe(0);
      rest.unshift(...page.messageList.map((m) => m.textElem?.content ?? ""));
      isEnd = page.isEnd;
      start = page.messageList[0]?.clientMsgID ?? start;
    }
    expect([...rest, ...firstPage.messageList.map((m) => m.textElem?.content)]).toEqual(texts);
  });
});
