// The official web client in a group on the devserver: create, @ a member, a fresh login that
// syncs joined groups and their members (get_incremental_group_members_batch), a member who was
// offline throughout, and a reply from the re-logged-in client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../../devserver/index.js";
import { startTestServer, withUsers } from "../devserver/support.js";
import { CbEvents, OfficialClient, serverUnread, textOf, wireLog, wireMark, type MessageItem } from "./support.js";

let server: DevServer;
let tokens: Record<string, string>;
let alice: OfficialClient;
let bob: OfficialClient;
let groupID = "";
const conv = () => `sg_${groupID}`;

beforeAll(async () => {
  server = await startTestServer();
  ({ tokens } = await withUsers(server, "alice", "bob", "carol"));
  alice = await OfficialClient.login(server, "alice", tokens.alice!);
  bob = await OfficialClient.login(server, "bob", tokens.bob!);
});

afterAll(async () => {
  await alice?.logout().catch(() => {});
  await bob?.logout().catch(() => {});
  await server?.close();
});

const httpOf = (userID: string, from: number) => wireLog().slice(from).flatMap((w) => (w.kind === "http" && w.userID === userID ? [w] : []));

describe.sequential("official client in a group", () => {
  it("creates a group; a member gets the GroupCreated chat copy in sg_<groupID> named after the group", async () => {
    const b0 = bob.mark();
    const group = (await alice.sdk.createGroup({ memberUserIDs: ["bob", "carol"], adminUserIDs: [], groupInfo: { groupName: "trio", groupType: 2 } } as never)).data as { groupID: string; memberCount: number };
    groupID = group.groupID;
    expect(group.memberCount).toBe(3);
    const created = await bob.waitFor<MessageItem[]>(CbEvents.OnRecvNewMessages, (ms) => ms.some((m) => m.contentType === 1501), 8000, b0);
    expect(created[0]?.groupID).toBe(groupID);
    const c = await bob.conversation(conv());
    expect(c?.showName).toBe("trio");
    expect(c?.conversationType).toBe(3);
  });

  it("@ a member in the group: it arrives with its user list and counts unread as on the server", async () => {
    const b0 = bob.mark();
    const at = (await alice.sdk.createTextAtMessage({ text: "@bob in the group", atUserIDList: ["bob"], atUsersInfo: [{ atUserID: "bob", groupNickname: "BOB" }] })).data;
    const sent = (await alice.sdk.sendMessage({ recvID: "", groupID, message: at })).data;
    const batch = await bob.waitFor<MessageItem[]>(CbEvents.OnRecvNewMessages, (ms) => ms.some((m) => m.clientMsgID === sent.clientMsgID), 8000, b0);
    const got = batch.find((m) => m.clientMsgID === sent.clientMsgID)!;
    expect(got).toMatchObject({ contentType: 106, sessionType: 3, groupID, sendID: "alice" });
    expect(got.atTextElem?.atUserList).toEqual(["bob"]);
    expect((await bob.conversation(conv()))?.unreadCount).toBe(2);
    expect((await serverUnread(server, "bob", tokens.bob!))[conv()]).toBe(2);
  });

  it("a fresh login syncs the joined group and its members, and can reply in the group", async () => {
    await bob.logout();
    const w0 = wireMark();
    bob = await OfficialClient.login(server, "bob", tokens.bob!);
    const calls = httpOf("bob", w0);
    expect(calls.map((w) => w.path)).toEqual(expect.arrayContaining(["/group/get_full_join_group_ids", "/group/get_incremental_group_members_batch"]));
    expect(calls.filter((w) => w.status !== 200 || w.errCode !== 0)).toEqual([]);
    const c = await bob.conversation(conv());
    expect(c?.unreadCount).toBe(2);
    expect(textOf(JSON.parse(c!.latestMsg) as MessageItem)).toBe("@bob in the group");

    const a0 = alice.mark();
    const reply = (await bob.sdk.sendMessage({ recvID: "", groupID, message: (await bob.sdk.createTextMessage("heard you")).data })).data;
    const batch = await alice.waitFor<MessageItem[]>(CbEvents.OnRecvNewMessages, (ms) => ms.some((m) => m.clientMsgID === reply.clientMsgID), 8000, a0);
    expect(batch.find((m) => m.clientMsgID === reply.clientMsgID)?.seq).toBe(3);
  });

  it("a member offline throughout logs in to the whole conversation", async () => {
    const carol = await OfficialClient.login(server, "carol", tokens.carol!);
    const c = await carol.conversation(conv());
    expect(c?.showName).toBe("trio");
    expect(c?.unreadCount).toBe(3);
    expect((await serverUnread(server, "carol", tokens.carol!))[conv()]).toBe(3);
    expect((await carol.history(conv())).map((m) => m.contentType)).toEqual([1501, 106, 101]);
    await carol.logout();
  });
});
