// The user cache in a live SDK: one's own profile comes from the connect sync and replaces what the
// cache held (a name changed elsewhere reaches new messages after the next connect), getUsersInfo
// answers from memory/local data after the first lookup, and a restart reads names from local_users.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CbEvents, type ConversationItem } from "../../bindings/node/index.js";
import { apiOk, userToken } from "../devserver/support.js";
import { E2eWorld } from "../support/sdk-clients.js";

let world: E2eWorld;
beforeAll(async () => (world = await E2eWorld.start()));
afterEach(async () => world.afterEach());
afterAll(async () => world.close());

const clientWithLookups = (userID: string, dataDir: string) => world.clientWithLookups(userID, dataDir);

describe("user cache in the SDK", () => {
  it("own profile: synced at connect, used as the sender name, replaced when the next connect finds it changed", async () => {
    const [me, peer] = await world.users("renamer", "reader");
    const dataDir = world.dir("openim-self-");
    const a = await clientWithLookups(me!, dataDir);
    const cp = await world.client(peer!);
    expect(await a.client.sdk.getSelfUserInfo()).toMatchObject({ userID: me, nickname: me!.toUpperCase(), globalRecvMsgOpt: 0 });
    await a.client.sdk.sendMessage({ recvID: peer!, groupID: "", message: await a.client.sdk.createTextMessage("before") });
    await cp.until("first", () => cp.events(CbEvents.OnRecvNewMessage).length === 1);
    expect(cp.events(CbEvents.OnRecvNewMessage)[0]).toMatchObject({ senderNickname: me!.toUpperCase() });
    expect((await cp.sdk.getAllConversationList())[0]).toMatchObject({ showName: me!.toUpperCase() });
    await a.client.sdk.logout();

    // Renamed from another device / the admin console.
    await apiOk(world.server, "/user/update_user_info_ex", { userInfo: { userID: me, nickname: "Renée", faceURL: "http://f/r.png" } }, await userToken(world.server, world.admin, me!));
    const again = await clientWithLookups(me!, dataDir);
    try {
      expect(again.asked[0]).toEqual([me]);
      expect(await again.client.sdk.getSelfUserInfo()).toMatchObject({ nickname: "Renée", faceURL: "http://f/r.png" });
      const sent = await again.client.sdk.sendMessage({ recvID: peer!, groupID: "", message: await again.client.sdk.createTextMessage("after") });
      expect(sent).toMatchObject({ senderNickname: "Renée", senderFaceUrl: "http://f/r.png" });
      await cp.until("second", () => cp.events(CbEvents.OnRecvNewMessage).length === 2);
      expect(cp.events(CbEvents.OnRecvNewMessage)[1]).toMatchObject({ senderNickname: "Renée", senderFaceUrl: "http://f/r.png" });
      expect((await cp.sdk.getAllConversationList())[0]).toMatchObject({ showName: "Renée", faceURL: "http://f/r.png" });
    } finally {
      await again.client.sdk.logout();
    }
  });

  it("getUsersInfo: one request for the misses, none for repeats, none after a restart (local_users)", async () => {
    const [me, ...others] = await world.users("looker", "p1", "p2", "p3");
    const dataDir = world.dir("openim-users-");
    const first = await clientWithLookups(me!, dataDir);
    const users = await first.client.sdk.getUsersInfo([others[0]!, "nobody-here", others[1]!, others[0]!, others[2]!]);
    expect(users.map((u) => [u.userID, u.nickname])).toEqual(others.map((o) => [o, o.toUpperCase()]));
    expect(first.asked.slice(1)).toEqual([[others[0], "nobody-here", others[1], others[2]]]);
    await first.client.sdk.getUsersInfo(others);
    expect(first.asked).toHaveLength(2);
    await expect(first.client.sdk.getUsersInfo(Array.from({ length: 1001 }, (_, i) => `u${i}`))).rejects.toMatchObject({ errCode: 10002, errMsg: expect.stringMatching(/at most 1000/) });
    await first.client.sdk.logout();
    await expect(first.client.sdk.getUsersInfo(others)).rejects.toMatchObject({ errCode: 10009 });

    const second = await clientWithLookups(me!, dataDir);
    try {
      expect((await second.client.sdk.getUsersInfo(others)).map((u) => u.nickname)).toEqual(others.map((o) => o.toUpperCase()));
      expect(second.asked).toEqual([[me]]); // only the self sync
    } finally {
      await second.client.sdk.logout();
    }
  });

  it("single chats this user started get the peer's name; the names are stored and cost no lookup after a restart", async () => {
    const [me, ...peers] = await world.users("starter", "q1", "q2", "q3");
    const dataDir = world.dir("openim-peers-");
    const first = await clientWithLookups(me!, dataDir);
    for (const p of peers) await first.client.sdk.sendMessage({ recvID: p, groupID: "", message: await first.client.sdk.createTextMessage(`hi ${p}`) });
    await first.client.until("named", async () => (await first.client.sdk.getAllConversationList()).every((c) => c.showName === c.userID.toUpperCase()));
    // Announced with the name (looked up before OnNewConversation), and never told otherwise since.
    const told = first.client.seen.filter((r) => r.event === CbEvents.OnNewConversation || r.event === CbEvents.OnConversationChanged).flatMap((r) => r.payload as ConversationItem[]);
    for (const p of peers) {
      const about = told.filter((c) => c.userID === p);
      expect(about.length).toBeGreaterThan(0);
      for (const c of about) expect(c.showName).toBe(p.toUpperCase());
    }
    // Each peer was asked for once at most (never the same user twice).
    const askedPeers = first.asked.flat().filter((id) => id !== me);
    expect([...askedPeers].sort()).toEqual([...new Set(askedPeers)].sort());
    await first.client.sdk.logout();

    const second = await clientWithLookups(me!, dataDir);
    try {
      expect((await second.client.sdk.getAllConversationList()).map((c) => c.showName).sort()).toEqual(peers.map((p) => p.toUpperCase()).sort());
      expect(second.asked.flat().filter((id) => id !== me)).toEqual([]);
    } finally {
      await second.client.sdk.logout();
    }
  });
});

