// The /group reads the official web client makes (group infos, member incremental sync in batch,
// full member IDs) and /jssdk/get_conversations: Go-JSON shapes, version semantics, bad input.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jssdk } from "../../generated/protocol/index.js";
import type { DevServer } from "../../devserver/index.js";
import { api, apiOk, RawClient, sendText, startTestServer, withUsers } from "./support.js";

let server: DevServer;
let tokens: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  ({ tokens } = await withUsers(server, "owner", "mem", "outsider"));
  await apiOk(server, "/group/create_group", { ownerUserID: "owner", adminUserIDs: [], memberUserIDs: ["mem"], groupInfo: { groupID: "g1", groupName: "G", groupType: 2 } }, tokens.owner);
});
afterAll(async () => server?.close());

describe("/group/get_groups_info", () => {
  it("answers the groups that exist, leaves unknown IDs out, refuses an empty list", async () => {
    const data = await apiOk(server, "/group/get_groups_info", { groupIDs: ["g1", "nope"] }, tokens.outsider);
    expect(data.groupInfos.map((g: { groupID: string; memberCount: number }) => [g.groupID, g.memberCount])).toEqual([["g1", 2]]);
    const empty = await api(server, "/group/get_groups_info", { groupIDs: [] }, tokens.owner);
    expect([empty.errCode, empty.errDlt]).toEqual([1001, "groupIDs is empty"]);
  });
});

describe("/group/get_incremental_group_members_batch", () => {
  it("version 0 → full with the group and no changes (nulls, as Go JSON); the current version → nothing", async () => {
    const data = await apiOk(server, "/group/get_incremental_group_members_batch", { userID: "mem", reqList: [{ groupID: "g1", versionID: "", version: 0 }] }, tokens.mem);
    const g1 = data.respList.g1;
    expect(g1).toMatchObject({ full: true, insert: null, update: null, delete: null, sortVersion: 0 });
    expect(g1.group.groupID).toBe("g1");
    expect(g1.versionID).toMatch(/^[0-9a-f]{24}$/);
    expect(g1.version).toBeGreaterThan(0);
    const again = await apiOk(server, "/group/get_incremental_group_members_batch", { userID: "mem", reqList: [{ groupID: "g1", versionID: g1.versionID, version: g1.version }] }, tokens.mem);
    expect(again.respList.g1).toMatchObject({ full: false, insert: null, update: null, delete: null, group: null, version: g1.version });
  });

  it("refuses another user's userID, a group the caller is not in, an unknown group and an empty list", async () => {
    const cases: [string, object, number][] = [
      ["owner", { userID: "mem", reqList: [{ groupID: "g1", versionID: "", version: 0 }] }, 1002],
      ["outsider", { userID: "outsider", reqList: [{ groupID: "g1", versionID: "", version: 0 }] }, 1203],
      ["mem", { userID: "mem", reqList: [{ groupID: "nope", versionID: "", version: 0 }] }, 1201],
      ["mem", { userID: "mem", reqList: [] }, 1001],
    ];
    for (const [who, body, code] of cases) expect((await api(server, "/group/get_incremental_group_members_batch", body, tokens[who])).errCode, JSON.stringify(body)).toBe(code);
  });
});

describe("/group/get_full_group_member_user_ids", () => {
  it("lists members for members only; a matching idHash answers equal with no IDs", async () => {
    const data = await apiOk(server, "/group/get_full_group_member_user_ids", { groupID: "g1", idHash: 0 }, tokens.mem);
    expect(data).toMatchObject({ equal: false, userIDs: ["owner", "mem"] });
    expect((await api(server, "/group/get_full_group_member_user_ids", { groupID: "g1", idHash: 0 }, tokens.outsider)).errCode).toBe(1203);
  });
});

describe("/jssdk/get_conversations", () => {
  it("answers the caller's named conversations with last message and seqs (JSON and protobuf); others are left out", async () => {
    const c = await RawClient.connect(server, { userID: "owner", token: tokens.owner! });
    await sendText(c, "mem", "hello");
    c.close();
    const data = await apiOk(server, "/jssdk/get_conversations", { ownerUserID: "mem", conversationIDs: ["si_mem_owner", "si_mem_outsider", "sg_g1"] }, tokens.mem);
    const byID = Object.fromEntries(data.conversations.map((x: { conversation: { conversationID: string } }) => [x.conversation.conversationID, x]));
    expect(Object.keys(byID).sort()).toEqual(["sg_g1", "si_mem_owner"]);
    expect(byID.si_mem_owner).toMatchObject({ maxSeq: 1, readSeq: 0, user: { userID: "owner" }, group: null });
    expect(byID.sg_g1.group.groupID).toBe("g1");
    expect(data.unreadCount).toBe(2);

    const res = await fetch(`${server.apiAddr}/jssdk/get_conversations`, {
      method: "POST",
      headers: { "Content-Type": "application/x-protobuf", operationID: "pb1", token: tokens.mem! },
      body: Buffer.from(jssdk.GetConversationsReq.encode({ ownerUserID: "mem", conversationIDs: ["si_mem_owner"] })),
    });
    const env = (await res.json()) as { errCode: number; data: string };
    const decoded = jssdk.GetConversationsResp.decode(new Uint8Array(Buffer.from(env.data, "base64")));
    expect(decoded.conversations[0]?.lastMsg?.clientMsgID).toBeTruthy();
    expect(decoded.unreadCount).toBe(1);
    expect((await api(server, "/jssdk/get_conversations", { ownerUserID: "owner", conversationIDs: [] }, tokens.mem)).errCode).toBe(1002);
  });
});
