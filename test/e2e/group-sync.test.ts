// The joined-group version sync across logins: the first login fetches the whole list (full), a
// later one asks only for what changed since its stored version; groups created while a member was
// away arrive with their conversations named.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { CbEvents } from "../../bindings/node/index.js";
import { createRuntime } from "../../runtime/create-sdk.js";
import { silentLogger } from "../../runtime/events/logger.js";
import type { FetchLike } from "../../runtime/http/client.js";
import { nodeFilePersistence } from "../../runtime/storage/persistence/node-file-store.js";
import { socketFactoryFrom } from "../../runtime/transport/socket.js";
import { userToken } from "../devserver/support.js";
import { E2eWorld, TestClient } from "../support/sdk-clients.js";

let world: E2eWorld;
beforeAll(async () => (world = await E2eWorld.start()));
afterEach(async () => world.afterEach());
afterAll(async () => world.close());

/** A client that keeps its database in `dataDir` and records the path and body of every HTTP call. */
async function recordingClient(userID: string, dataDir: string) {
  const calls: { path: string; body: Record<string, unknown> }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ path: new URL(url).pathname, body: JSON.parse(init.body) as Record<string, unknown> });
    return globalThis.fetch(url, init);
  };
  const rt = createRuntime({ socketFactory: socketFactoryFrom(WebSocket), logger: silentLogger, fetch, storage: (_c, id) => ({ persistence: nodeFilePersistence(dataDir, id) }) });
  const client = new TestClient(rt, userID);
  await rt.sdk.initSDK({ apiAddr: world.server.apiAddr, wsAddr: world.server.wsAddr, platformID: 5, dataDir });
  await rt.sdk.login({ userID, token: await userToken(world.server, world.admin, userID) });
  await client.until("first sync", () => client.events(CbEvents.OnSyncServerFinish).length === 1);
  return { client, calls, paths: () => calls.map((c) => c.path) };
}

describe("joined-group sync", () => {
  it("first login: full list; next login: only the change since the stored version, and the new group's conversation is named", async () => {
    const [owner, member] = await world.users("founder", "joiner");
    const co = await world.client(owner!);
    const g1 = await co.sdk.createGroup({ memberUserIDs: [member!], groupInfo: { groupName: "First" } });
    const g2 = await co.sdk.createGroup({ memberUserIDs: [member!], groupInfo: { groupName: "Second" } });
    const dataDir = world.dir("openim-groups-");

    const first = await recordingClient(member!, dataDir);
    expect(first.calls.find((c) => c.path === "/group/get_incremental_join_groups")?.body).toMatchObject({ userID: member, versionID: "", version: 0 });
    expect(first.paths()).toContain("/group/get_joined_group_list"); // the server answered `full`
    expect((await first.client.sdk.getJoinedGroupList()).map((g) => g.groupName)).toEqual(["First", "Second"]);
    expect((await first.client.sdk.getAllConversationList()).map((c) => c.showName).sort()).toEqual(["First", "Second"]);
    await first.client.sdk.logout();

    // While the member is away: a third group.
    const g3 = await co.sdk.createGroup({ memberUserIDs: [member!], groupInfo: { groupName: "Third", faceURL: "http://f/3.png" } });

    const second = await recordingClient(member!, dataDir);
    try {
      const asked = second.calls.find((c) => c.path === "/group/get_incremental_join_groups")!.body;
      expect(asked.version).toBeGreaterThan(0);
      expect(asked.versionID).not.toBe("");
      expect(second.paths()).not.toContain("/group/get_joined_group_list"); // incremental, no refetch
      expect((await second.client.sdk.getJoinedGroupList()).map((g) => g.groupID)).toEqual([g1.groupID, g2.groupID, g3.groupID]);
      const conv = (await second.client.sdk.getAllConversationList()).find((c) => c.groupID === g3.groupID);
      expect(conv).toMatchObject({ conversationID: `sg_${g3.groupID}`, showName: "Third", faceURL: "http://f/3.png", conversationType: 3 });
      expect(second.client.events(CbEvents.OnNewConversation).flat().find((c) => c.groupID === g3.groupID)).toMatchObject({ showName: "Third" });
    } finally {
      await second.client.sdk.logout();
    }
  });

  it("a group created while the member is online is synced from its notification and its conversation named", async () => {
    const [owner, member] = await world.users("maker", "watcher");
    const cm = await world.client(member!);
    await cm.until("first sync", () => cm.events(CbEvents.OnSyncServerFinish).length === 1);
    const co = await world.client(owner!);
    const g = await co.sdk.createGroup({ memberUserIDs: [member!], groupInfo: { groupName: "Live" } });
    await cm.until("group and its named conversation", async () => {
      const announced = cm.events(CbEvents.OnNewConversation).flat().some((c) => c.groupID === g.groupID);
      const [conv] = await cm.sdk.getMultipleConversation([`sg_${g.groupID}`]);
      return announced && conv?.showName === "Live" && (await cm.sdk.getSpecifiedGroupsInfo([g.groupID])).length === 1;
    });
    // The app heard of the name: the last event about that conversation carries it.
    const about = [...cm.events(CbEvents.OnNewConversation), ...cm.events(CbEvents.OnConversationChanged)].flat().filter((c) => c.groupID === g.groupID);
    expect(about.at(-1)).toMatchObject({ showName: "Live" });
    expect(cm.events(CbEvents.OnSyncServerStart)).toHaveLength(1); // no reconnect was needed
  });
});
