// Names and faces end to end: sender names on sent messages, titles of new single-chat conversations,
// and profile changes reaching other SDKs — pushed to friends (1209) and one's own other devices
// (1303), or learnt from a non-friend's next message (the user cache itself is in test/unit/cache.test.ts).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CbEvents } from "../../bindings/node/index.js";
import { apiOk, userToken } from "../devserver/support.js";
import { E2eWorld } from "../support/sdk-clients.js";

let world: E2eWorld;
beforeAll(async () => (world = await E2eWorld.start()));
afterEach(async () => world.afterEach());
afterAll(async () => world.close());

describe("names in messages and conversations", () => {
  it("sent messages carry the sender's nickname; a new conversation gets the peer's name as its title", async () => {
    const [a, b] = await world.users("named", "titled");
    const ca = await world.client(a!);
    const cb = await world.client(b!);
    const msg = await ca.sdk.createTextMessage("hi");
    expect(msg.senderNickname).toBe(a!.toUpperCase());
    await ca.sdk.sendMessage({ recvID: b!, groupID: "", message: msg });
    const got = await cb.until("message", () => cb.events(CbEvents.OnRecvNewMessage)[0]);
    expect(got.senderNickname).toBe(a!.toUpperCase());
    expect((await cb.sdk.getAllConversationList())[0]!.showName).toBe(a!.toUpperCase());
    // The sender's own new conversation is announced with the peer's name already (looked up first).
    const [announced] = await ca.until("announced", () => ca.events(CbEvents.OnNewConversation)[0]);
    expect(announced!.showName).toBe(b!.toUpperCase());
    expect((await ca.sdk.getAllConversationList())[0]!.showName).toBe(b!.toUpperCase());
  });
});

/** Renames a user the way an app backend would: the HTTP API, with a token of a platform (3) no test client uses. */
async function rename(userID: string, nickname: string, faceURL: string): Promise<void> {
  await apiOk(world.server, "/user/update_user_info_ex", { userInfo: { userID, nickname, faceURL } }, await userToken(world.server, world.admin, userID, 3));
}

const single = (sourceID: string) => ({ sourceID, sessionType: 1 as const });

describe("profile changes reach other SDKs", () => {
  it("a friend's rename: the conversation is retitled (OnConversationChanged), getUsersInfo shows it, one server lookup", async () => {
    const [a, b] = await world.users("watcher", "renamed");
    await apiOk(world.server, "/friend/import_friend", { ownerUserID: a, friendUserIDs: [b] }, world.admin);
    const { client: ca, asked } = await world.clientWithLookups(a!, world.dir("openim-friend-"));
    const { client: cb, asked: askedByB } = await world.clientWithLookups(b!, world.dir("openim-friend-b-"));
    await cb.sdk.sendMessage({ recvID: a!, groupID: "", message: await cb.sdk.createTextMessage("hello") });
    await ca.until("B's conversation", async () => (await ca.sdk.getAllConversationList())[0]?.showName === b!.toUpperCase());
    expect((await ca.sdk.getUsersInfo([b!]))[0]).toMatchObject({ nickname: b!.toUpperCase() });
    const lookupsBefore = asked.length;

    await rename(b!, "Bea", "http://f/bea.png");
    const told = await ca.until("retitled", () => ca.events(CbEvents.OnConversationChanged).flat().find((c) => c.userID === b && c.showName === "Bea"));
    expect(told.faceURL).toBe("http://f/bea.png");
    expect(await ca.sdk.getOneConversation(single(b!))).toMatchObject({ showName: "Bea", faceURL: "http://f/bea.png" });
    expect(await ca.sdk.getUsersInfo([b!])).toEqual([expect.objectContaining({ userID: b, nickname: "Bea", faceURL: "http://f/bea.png" })]);
    expect(asked.slice(lookupsBefore)).toEqual([[b]]);
    // The renamed user's own SDK learnt it from its 1303; the echo of the 1209 sent to A costs nothing more.
    await cb.until("B's own profile", async () => (await cb.sdk.getSelfUserInfo()).nickname === "Bea");
    await cb.sdk.sendMessage({ recvID: a!, groupID: "", message: await cb.sdk.createTextMessage("renamed") });
    await ca.until("B's next message", () => ca.events(CbEvents.OnRecvNewMessage).length === 2);
    expect(askedByB.filter((ids) => ids.includes(b!))).toEqual([[b], [b]]); // the connect sync, then the 1303
  });

  it("a rename from another device of the same user reaches this device's getSelfUserInfo without a reconnect", async () => {
    const [me] = await world.users("twoDevices");
    const first = await world.clientWithLookups(me!, world.dir("openim-self-a-"), 5);
    const second = await world.clientWithLookups(me!, world.dir("openim-self-b-"), 2);
    expect((await first.client.sdk.getSelfUserInfo()).nickname).toBe(me!.toUpperCase());
    const connectsBefore = first.client.events(CbEvents.OnConnectSuccess).length;

    // The second device (Android) changes the profile, with its own token (a new one would kick it).
    await apiOk(world.server, "/user/update_user_info_ex", { userInfo: { userID: me, nickname: "Renamed", faceURL: "http://f/me.png" } }, second.token);
    await first.client.until("self refreshed", async () => (await first.client.sdk.getSelfUserInfo()).nickname === "Renamed");
    expect(await first.client.sdk.getSelfUserInfo()).toMatchObject({ userID: me, nickname: "Renamed", faceURL: "http://f/me.png" });
    expect(first.client.events(CbEvents.OnConnectSuccess)).toHaveLength(connectsBefore);
    expect(first.asked.filter((ids) => ids.includes(me!))).toHaveLength(2); // the connect sync, then the 1303
    // Messages built from now on carry the new name.
    expect(await first.client.sdk.createTextMessage("x")).toMatchObject({ senderNickname: "Renamed", senderFaceUrl: "http://f/me.png" });
    await second.client.until("second device too", async () => (await second.client.sdk.getSelfUserInfo()).nickname === "Renamed");
  });

  it("a non-friend's rename is learnt from their next message: cache and conversation, no lookup", async () => {
    const [a, c] = await world.users("stranger", "newName");
    const { client: ca, asked } = await world.clientWithLookups(a!, world.dir("openim-stranger-"));
    const cc = await world.client(c!);
    await cc.sdk.sendMessage({ recvID: a!, groupID: "", message: await cc.sdk.createTextMessage("first") });
    await ca.until("first message", () => ca.events(CbEvents.OnRecvNewMessage).length === 1);
    expect((await ca.sdk.getUsersInfo([c!]))[0]).toMatchObject({ nickname: c!.toUpperCase() });
    const lookupsBefore = asked.length;

    await rename(c!, "Cleo", "http://f/cleo.png");
    // Not friends: A is told nothing until C writes (C's SDK has its new name from its 1303).
    await cc.until("C's own profile", async () => (await cc.sdk.getSelfUserInfo()).nickname === "Cleo");
    await cc.sdk.sendMessage({ recvID: a!, groupID: "", message: await cc.sdk.createTextMessage("second") });
    const second = await ca.until("second message", () => ca.events(CbEvents.OnRecvNewMessage)[1]);
    expect(second).toMatchObject({ senderNickname: "Cleo", senderFaceUrl: "http://f/cleo.png" });
    expect(await ca.sdk.getOneConversation(single(c!))).toMatchObject({ showName: "Cleo", faceURL: "http://f/cleo.png" });
    expect(await ca.sdk.getUsersInfo([c!])).toEqual([expect.objectContaining({ nickname: "Cleo", faceURL: "http://f/cleo.png" })]);
    expect(asked.slice(lookupsBefore)).toEqual([]);
  });
});

describe("a friend's rename made while this user was offline", () => {
  const friendRoutes = (routes: readonly string[]) => routes.filter((r) => r.startsWith("/friend/"));

  it("reaches the same device at the next connect (friend sync) and a brand-new device's first conversation list", async () => {
    const [a, b] = await world.users("offlineRenamed", "offlineWatcher");
    await apiOk(world.server, "/friend/import_friend", { ownerUserID: b, friendUserIDs: [a] }, world.admin);
    const bDir = world.dir("openim-offline-friend-");
    const first = await world.clientWithLookups(b!, bDir);
    // A brand-new login has no friend version yet: the whole list, the friend's profile with it.
    expect(friendRoutes(first.routes)).toEqual(["/friend/get_incremental_friends", "/friend/get_full_friend_user_ids", "/friend/get_designated_friends"]);
    const ca = await world.client(a!);
    await ca.sendText(b!, "before");
    await first.client.until("A's chat", async () => (await first.client.sdk.getAllConversationList())[0]?.showName === a!.toUpperCase());
    await first.client.sdk.logout();

    // While B is offline: a message sent with A's old name, then A renamed (no 1209 reaches B).
    await ca.sendText(b!, "while you were away");
    await rename(a!, "Ada", "http://f/ada.png");

    const again = await world.clientWithLookups(b!, bDir);
    const told = await again.client.until("retitled", () => again.client.events(CbEvents.OnConversationChanged).flat().find((c) => c.userID === a && c.showName === "Ada"));
    expect(told.faceURL).toBe("http://f/ada.png");
    // The message pulled at this connect carries the old name; the conversation keeps the friend's current one.
    expect(await again.client.history(`si_${[a, b].sort().join("_")}`)).toEqual(expect.arrayContaining([expect.objectContaining({ senderNickname: a!.toUpperCase() })]));
    expect(await again.client.sdk.getOneConversation(single(a!))).toMatchObject({ showName: "Ada", faceURL: "http://f/ada.png" });
    expect(await again.client.sdk.getUsersInfo([a!])).toEqual([expect.objectContaining({ userID: a, nickname: "Ada", faceURL: "http://f/ada.png" })]);
    // One incremental request brought the changed friend with their profile: no lookup of A.
    expect(friendRoutes(again.routes)).toEqual(["/friend/get_incremental_friends"]);
    expect(again.asked.filter((ids) => ids.includes(a!))).toEqual([]);

    // A fresh device of B: the chat it builds from the pulled (old-named) messages is announced with the current name.
    const fresh = await world.clientWithLookups(b!, world.dir("openim-offline-friend-fresh-"));
    const [announced] = await fresh.client.until("announced", () => fresh.client.events(CbEvents.OnNewConversation).flat().filter((c) => c.userID === a));
    expect(announced).toMatchObject({ showName: "Ada", faceURL: "http://f/ada.png" });
    expect(await fresh.client.sdk.getAllConversationList()).toEqual([expect.objectContaining({ userID: a, showName: "Ada", faceURL: "http://f/ada.png" })]);
    expect(fresh.client.events(CbEvents.OnConversationChanged).flat().filter((c) => c.userID === a && c.showName !== "Ada")).toEqual([]);
    expect(friendRoutes(fresh.routes).filter((r) => r === "/friend/get_incremental_friends")).toHaveLength(1);
    expect(fresh.asked.filter((ids) => ids.includes(a!))).toEqual([]);
  });

  it("a login without friend changes costs one friend request and renames nothing", async () => {
    const [a, b] = await world.users("steadyFriend", "steadyWatcher");
    await apiOk(world.server, "/friend/import_friend", { ownerUserID: b, friendUserIDs: [a] }, world.admin);
    const bDir = world.dir("openim-steady-friend-");
    const first = await world.clientWithLookups(b!, bDir);
    const ca = await world.client(a!);
    await ca.sendText(b!, "hi");
    await first.client.until("A's chat", async () => (await first.client.sdk.getAllConversationList())[0]?.showName === a!.toUpperCase());
    await first.client.sdk.logout();

    const again = await world.clientWithLookups(b!, bDir);
    expect(friendRoutes(again.routes)).toEqual(["/friend/get_incremental_friends"]);
    expect(again.client.events(CbEvents.OnConversationChanged).flat().filter((c) => c.showName !== a!.toUpperCase())).toEqual([]);
    expect((await again.client.sdk.getAllConversationList())[0]).toMatchObject({ showName: a!.toUpperCase() });
    expect(again.asked.filter((ids) => ids.includes(a!))).toEqual([]);
  });
});
