// Friends and profile-change notifications: admin import_friend (both directions, versioned), the
// friend reads answering real rows, and update_user_info_ex telling the user's devices (1303) and
// each friend (1209) online only, while non-friends hear nothing.
import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DevServer } from "../../devserver/index.js";
import { api, apiOk, detailOf, pushedMessages, RawClient, registerUsers, sendText, startTestServer, withUsers } from "./support.js";

let server: DevServer;
let admin: string;
let tokens: Record<string, string>;
const open: RawClient[] = [];

beforeEach(async () => {
  server = await startTestServer();
  ({ admin, tokens } = await withUsers(server, "alice", "bob", "carol"));
});
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  await server.close();
});

async function connect(userID: string): Promise<RawClient> {
  const c = await RawClient.connect(server, { userID, token: tokens[userID]! });
  open.push(c);
  return c;
}

const friendIDs = async (userID: string) => (await apiOk(server, "/friend/get_full_friend_user_ids", { userID, idHash: 0 }, tokens[userID])).userIDs;

describe("/friend/import_friend", () => {
  it("refuses user tokens and bad lists with the OpenIM codes", async () => {
    const ok = { ownerUserID: "alice", friendUserIDs: ["bob"] };
    expect((await api(server, "/friend/import_friend", ok, tokens.alice)).errCode).toBe(1002);
    expect((await api(server, "/friend/import_friend", { ownerUserID: "alice", friendUserIDs: [] }, admin)).errCode).toBe(1001);
    expect((await api(server, "/friend/import_friend", { ownerUserID: "alice", friendUserIDs: ["bob", "bob"] }, admin)).errCode).toBe(1001);
    const self = await api(server, "/friend/import_friend", { ownerUserID: "alice", friendUserIDs: ["bob", "alice"] }, admin);
    expect([self.errCode, self.errMsg]).toEqual([1301, "CanNotAddYourself"]);
    expect((await api(server, "/friend/import_friend", { ownerUserID: "alice", friendUserIDs: ["nobody"] }, admin)).errCode).toBe(1101);
    expect((await api(server, "/friend/import_friend", { ownerUserID: "nobody", friendUserIDs: ["bob"] }, admin)).errCode).toBe(1101);
    // Nothing was stored by the refused requests.
    expect(await friendIDs("alice")).toBeNull();
  });

  it("makes friends both ways, readable through designated, full-ID and incremental sync", async () => {
    await apiOk(server, "/friend/import_friend", { ownerUserID: "alice", friendUserIDs: ["bob"] }, admin);
    // Version 0 asks for a full sync; later versions get the changes since.
    const base = await apiOk(server, "/friend/get_incremental_friends", { userID: "alice", versionID: "", version: 0 }, tokens.alice);
    expect([base.full, base.version]).toEqual([true, 1]);
    const carolBase = await apiOk(server, "/friend/get_incremental_friends", { userID: "carol", versionID: "", version: 0 }, tokens.carol);
    expect(await apiOk(server, "/friend/import_friend", { ownerUserID: "alice", friendUserIDs: ["bob", "carol"] }, admin)).toBeUndefined();

    expect(await friendIDs("alice")).toEqual(["bob", "carol"]);
    expect(await friendIDs("bob")).toEqual(["alice"]);
    expect(await friendIDs("carol")).toEqual(["alice"]);
    const designated = await apiOk(server, "/friend/get_designated_friends", { ownerUserID: "alice", friendUserIDs: ["carol", "nobody"] }, tokens.alice);
    expect(designated.friendsInfo).toHaveLength(1);
    expect(designated.friendsInfo[0]).toMatchObject({ ownerUserID: "alice", remark: "", addSource: 1, operatorUserID: "imAdmin", ex: "", isPinned: false, friendUser: { userID: "carol", nickname: "CAROL" } });
    expect(designated.friendsInfo[0].createTime).toBeGreaterThan(0);
    expect((await api(server, "/friend/get_designated_friends", { ownerUserID: "bob", friendUserIDs: ["alice"] }, tokens.alice)).errCode).toBe(1002);

    const inc = await apiOk(server, "/friend/get_incremental_friends", { userID: "alice", versionID: base.versionID, version: base.version }, tokens.alice);
    expect([inc.full, inc.version, inc.delete, inc.update]).toEqual([false, base.version + 1, null, null]);
    expect(inc.insert.map((f: { friendUser: { userID: string } }) => f.friendUser.userID)).toEqual(["carol"]);
    const carolInc = await apiOk(server, "/friend/get_incremental_friends", { userID: "carol", versionID: carolBase.versionID, version: carolBase.version }, tokens.carol);
    expect([carolInc.full, carolInc.version]).toEqual([true, 1]);
    const carolFull = await apiOk(server, "/friend/get_designated_friends", { ownerUserID: "carol", friendUserIDs: ["alice"] }, tokens.carol);
    expect(carolFull.friendsInfo.map((f: { ownerUserID: string; friendUser: { userID: string } }) => [f.ownerUserID, f.friendUser.userID])).toEqual([["carol", "alice"]]);

    // Importing existing friends again changes nothing, not even the version.
    await apiOk(server, "/friend/import_friend", { ownerUserID: "bob", friendUserIDs: ["alice"] }, admin);
    const again = await apiOk(server, "/friend/get_incremental_friends", { userID: "alice", versionID: inc.versionID, version: inc.version }, tokens.alice);
    expect([again.full, again.version, again.insert]).toEqual([false, inc.version, null]);
    expect(await friendIDs("bob")).toEqual(["alice"]);
  });

  it("the full-ID list is left out when the client's idHash matches it", async () => {
    // A friend whose one-element list hashes below 2^53, so the hash survives a JSON number.
    const hashOf = (id: string) => createHash("md5").update(JSON.stringify([id])).digest().readBigUInt64BE(0);
    let n = 0;
    while (hashOf(`f${n}`) > BigInt(Number.MAX_SAFE_INTEGER)) n++;
    const friend = `f${n}`;
    await registerUsers(server, admin, friend);
    await apiOk(server, "/friend/import_friend", { ownerUserID: "alice", friendUserIDs: [friend] }, admin);
    const full = await apiOk(server, "/friend/get_full_friend_user_ids", { userID: "alice", idHash: 0 }, tokens.alice);
    expect([full.equal, full.userIDs]).toEqual([false, [friend]]);
    const same = await apiOk(server, "/friend/get_full_friend_user_ids", { userID: "alice", idHash: Number(hashOf(friend)) }, tokens.alice);
    expect([same.equal, same.userIDs, same.version]).toEqual([true, null, full.version]);
  });
});

describe("update_user_info_ex tells others", () => {
  it("1303 to the user's own devices, 1209 to each friend, online only; non-friends get nothing; friends' lists version the change", async () => {
    await apiOk(server, "/friend/import_friend", { ownerUserID: "bob", friendUserIDs: ["alice"] }, admin);
    const aliceBase = await apiOk(server, "/friend/get_incremental_friends", { userID: "alice", versionID: "", version: 0 }, tokens.alice);
    const alice = await connect("alice");
    const bob = await connect("bob");
    const carol = await connect("carol");

    await apiOk(server, "/user/update_user_info_ex", { userInfo: { userID: "bob", nickname: "Robert", faceURL: "http://f/b.png" } }, tokens.bob);

    const [own] = pushedMessages(await bob.waitPushes(1));
    expect(own!.notification).toBe(true);
    expect(own!.conversationID).toBe("n_bob_bob");
    expect(own!.msg).toMatchObject({ sendID: "bob", recvID: "bob", sessionType: 1, msgFrom: 200, contentType: 1303, seq: 0 });
    expect(own!.msg.options).toMatchObject({ history: false, persistent: false, isNotNotification: false });
    expect(detailOf(own!.msg)).toEqual({ userID: "bob" });

    const [told] = pushedMessages(await alice.waitPushes(1));
    expect(told!.conversationID).toBe("n_alice_bob");
    expect(told!.msg).toMatchObject({ sendID: "bob", recvID: "alice", sessionType: 1, msgFrom: 200, contentType: 1209, seq: 0 });
    expect(detailOf(told!.msg)).toEqual({ userID: "bob" });

    // Carol's first push is a later message: nothing about bob's profile came before it.
    await sendText(bob, "carol", "after the rename");
    const carolPushes = pushedMessages(await carol.waitPushes(1));
    expect(carolPushes.map((p) => p.msg.contentType)).toEqual([101]);

    const inc = await apiOk(server, "/friend/get_incremental_friends", { userID: "alice", versionID: aliceBase.versionID, version: aliceBase.version }, tokens.alice);
    expect(inc.insert).toBeNull();
    expect(inc.update.map((f: { friendUser: { userID: string; nickname: string; faceURL: string } }) => f.friendUser)).toEqual([
      expect.objectContaining({ userID: "bob", nickname: "Robert", faceURL: "http://f/b.png" }),
    ]);
  });

  it("an admin update is sent from the admin; a user with no friends gets only 1303", async () => {
    const carol = await connect("carol");
    await apiOk(server, "/user/update_user_info_ex", { userInfo: { userID: "carol", ex: "x" } }, admin);
    await sendText(await connect("alice"), "carol", "marker");
    const pushes = pushedMessages(await carol.waitPushes(2));
    expect(pushes.map((p) => p.msg.contentType)).toEqual([1303, 101]);
    expect(pushes[0]!.msg).toMatchObject({ sendID: "imAdmin", recvID: "carol" });
    expect(detailOf(pushes[0]!.msg)).toEqual({ userID: "carol" });
  });
});
