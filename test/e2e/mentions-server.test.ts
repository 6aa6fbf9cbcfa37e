// A mention recorded by the server (groupAtType on the member's sg_ conversation, as OpenIM's msg
// service sets it) end to end: a member mentioned while offline sees it after reconnecting, a later
// settings sync (1300 from another device's change) keeps it instead of bringing back 0, and reading
// the conversation clears it on the server and the client.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CbEvents } from "../../bindings/node/index.js";
import type { ConversationItem } from "../../generated/types/index.js";
import { apiOk } from "../devserver/support.js";
import { E2eWorld, type TestClient } from "../support/sdk-clients.js";

let world: E2eWorld;
beforeAll(async () => (world = await E2eWorld.start()));
afterEach(async () => world.afterEach());
afterAll(async () => world.close());

const syncs = (c: TestClient) => c.events(CbEvents.OnSyncServerFinish).length;

async function serverConversation(userID: string, conversationID: string): Promise<{ groupAtType: number; isPinned: boolean }> {
  const resp = await apiOk(world.server, "/conversation/get_conversations", { ownerUserID: userID, conversationIDs: [conversationID] }, world.admin);
  return resp.conversations[0];
}

async function loggedIn(userID: string, dataDir: string): Promise<TestClient> {
  const c = await world.client(userID, { dataDir });
  await c.until("connect sync", () => syncs(c) === 1);
  return c;
}

describe("server-recorded mentions", () => {
  it("mentioned while offline: AtMe after reconnect, kept through a settings sync, cleared on server and client by reading", async () => {
    const [a, b, c] = await world.users("speaker", "away", "other");
    const dataDir = world.dir("openim-mention-");
    const ca = await world.client(a!);
    let cb = await loggedIn(b!, dataDir);
    const group = await ca.sdk.createGroup({ memberUserIDs: [b!, c!], groupInfo: { groupName: "Standup" } });
    const cid = `sg_${group.groupID}`;
    const one = (x: TestClient): Promise<ConversationItem> => x.sdk.getOneConversation({ sourceID: group.groupID, sessionType: 3 });
    await cb.until("the group's conversation", async () => (await cb.sdk.getMultipleConversation([cid])).length === 1);
    await cb.sdk.logout();

    await ca.sdk.sendMessage({ recvID: "", groupID: group.groupID, message: await ca.sdk.createTextAtMessage({ text: "@away ping", atUserIDList: [b!] }) });
    expect(await serverConversation(b!, cid)).toMatchObject({ groupAtType: 1 });
    expect(await serverConversation(c!, cid)).toMatchObject({ groupAtType: 0 });

    cb = await loggedIn(b!, dataDir);
    // Unread: the group's creation notice and the mention.
    expect(await one(cb)).toMatchObject({ conversationID: cid, groupAtType: 1, unreadCount: 2 });

    // Another device pins the conversation: its 1300 makes this client re-read the server's settings,
    // which must still carry the mention.
    await apiOk(world.server, "/conversation/set_conversations", { userIDs: [b], conversation: { conversationID: cid, conversationType: 3, groupID: group.groupID, isPinned: true } }, world.admin);
    await cb.until("the pin synced", async () => (await one(cb)).isPinned);
    expect(await one(cb)).toMatchObject({ groupAtType: 1, unreadCount: 2 });

    await cb.sdk.markConversationMessageAsRead(cid);
    expect(await one(cb)).toMatchObject({ groupAtType: 0, unreadCount: 0 });
    expect(await serverConversation(b!, cid)).toMatchObject({ groupAtType: 0, isPinned: true });

    await cb.sdk.logout();
    cb = await loggedIn(b!, dataDir);
    expect(await one(cb)).toMatchObject({ groupAtType: 0, unreadCount: 0, isPinned: true });
  });

  it("@everyone plus a name while offline: AtAllAtMe for the named member, AtAll for the rest, nothing for the sender", async () => {
    const [a, b, c] = await world.users("host", "named", "crowd");
    const [dirB, dirC] = [world.dir("openim-mention-b-"), world.dir("openim-mention-c-")];
    const ca = await world.client(a!);
    const group = await ca.sdk.createGroup({ memberUserIDs: [b!, c!], groupInfo: { groupName: "All hands" } });
    const cid = `sg_${group.groupID}`;
    await ca.sdk.sendMessage({ recvID: "", groupID: group.groupID, message: await ca.sdk.createTextAtMessage({ text: "@all and @named", atUserIDList: ["AtAllTag", b!] }) });

    // First logins on fresh devices: the settings sync and the message sync agree.
    const [cb, cc] = [await loggedIn(b!, dirB), await loggedIn(c!, dirC)];
    expect(await cb.sdk.getOneConversation({ sourceID: group.groupID, sessionType: 3 })).toMatchObject({ groupAtType: 3 });
    expect(await cc.sdk.getOneConversation({ sourceID: group.groupID, sessionType: 3 })).toMatchObject({ groupAtType: 2 });
    expect(await ca.sdk.getOneConversation({ sourceID: group.groupID, sessionType: 3 })).toMatchObject({ groupAtType: 0 });
    expect([(await serverConversation(b!, cid)).groupAtType, (await serverConversation(c!, cid)).groupAtType, (await serverConversation(a!, cid)).groupAtType]).toEqual([3, 2, 0]);

    await cc.sdk.markConversationMessageAsRead(cid);
    expect((await serverConversation(c!, cid)).groupAtType).toBe(0);
    expect((await serverConversation(b!, cid)).groupAtType).toBe(3);
  });
});
