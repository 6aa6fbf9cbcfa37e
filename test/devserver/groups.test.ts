// Groups: create_group (1501 online + stored chat copy), sg_ chat fan-out to every member
// including the sender, membership rules (1203 send, 1002 pull), roles for revoke, joined-group sync.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sdkws } from "../../generated/protocol/index.js";
import type { DevServer } from "../../devserver/index.js";
import { api, apiOk, b64, pushedMessages, RawClient, sendText, startTestServer, textOf, withUsers } from "./support.js";

let server: DevServer;
let tokens: Record<string, string>;
const clients: Record<string, RawClient> = {};

beforeEach(async () => {
  server = await startTestServer();
  ({ tokens } = await withUsers(server, "owner", "adm", "mem", "outsider"));
  for (const id of ["owner", "adm", "mem", "outsider"]) clients[id] = await RawClient.connect(server, { userID: id, token: tokens[id]! });
});
afterEach(async () => {
  Object.values(clients).forEach((c) => c.close());
  await server.close();
});

const create = (body: Record<string, unknown> = {}) =>
  api(server, "/group/create_group", { ownerUserID: "owner", adminUserIDs: ["adm"], memberUserIDs: ["mem"], groupInfo: { groupID: "g1", groupName: "G", groupType: 2 }, ...body }, tokens.owner);

describe("create_group", () => {
  it("creates members with roles, conversations, and sends 1501 online (n_g1) plus a stored chat copy (sg_g1)", async () => {
    const env = await create();
    expect(env.errCode).toBe(0);
    expect(env.data.groupInfo).toMatchObject({ groupID: "g1", groupName: "G", ownerUserID: "owner", creatorUserID: "owner", memberCount: 3, groupType: 2, status: 0 });
    for (const id of ["owner", "adm", "mem"]) {
      const pushed = pushedMessages(await clients[id]!.waitPushes(2));
      const online = pushed.find((p) => p.conversationID === "n_g1")!;
      const copy = pushed.find((p) => p.conversationID === "sg_g1")!;
      expect([online.msg.contentType, online.msg.seq, online.notification]).toEqual([1501, 0, true]);
      expect([copy.msg.contentType, copy.msg.seq, copy.notification]).toEqual([1501, 1, false]);
      expect(copy.msg.clientMsgID).toBe(online.msg.clientMsgID);
      expect(copy.msg.serverMsgID).toBe(online.msg.serverMsgID);
      const tips = JSON.parse(JSON.parse(new TextDecoder().decode(online.msg.content)).detail);
      expect(tips.group.groupID).toBe("g1");
      expect(tips.memberList.map((m: { userID: string; roleLevel: number }) => [m.userID, m.roleLevel])).toEqual([["owner", 100], ["adm", 60], ["mem", 20]]);
      expect(tips.groupMemberVersion).toBeGreaterThan(0);
      expect(tips.groupMemberVersionID).toMatch(/^[0-9a-f]{24}$/);
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(clients.outsider!.pushes()).toHaveLength(0);
    const convs = await apiOk(server, "/conversation/get_all_conversations", { ownerUserID: "mem" }, tokens.mem);
    expect(convs.conversations).toEqual([expect.objectContaining({ conversationID: "sg_g1", conversationType: 3, groupID: "g1" })]);
  });

  it("refuses groupType ≠ 2, an owner other than self, unknown users and an existing groupID", async () => {
    expect((await create({ groupInfo: { groupID: "g1", groupType: 1 } })).errCode).toBe(1001);
    expect((await create({ ownerUserID: "mem", adminUserIDs: [], memberUserIDs: ["owner"] })).errCode).toBe(1002);
    expect((await create({ memberUserIDs: ["ghost"] })).errCode).toBe(1101);
    expect((await create()).errCode).toBe(0);
    expect((await create()).errCode).toBe(1202);
  });
});

describe("group chat", () => {
  beforeEach(async () => {
    await create();
    for (const id of ["owner", "adm", "mem"]) await clients[id]!.waitPushes(2);
  });

  it("a member's message is pushed to every member including the sender; outsiders get 1203 and 1002", async () => {
    const { resp } = await sendText(clients.mem!, "", "hi group", { sessionType: 3, groupID: "g1" });
    expect(resp.errCode).toBe(0);
    for (const id of ["owner", "adm", "mem"]) {
      const p = pushedMessages(await clients[id]!.waitPushes(3))[2]!;
      expect([p.conversationID, p.msg.seq, textOf(p.msg)]).toEqual(["sg_g1", 2, "hi group"]);
    }
    expect((await sendText(clients.outsider!, "", "let me in", { sessionType: 3, groupID: "g1" })).resp.errCode).toBe(1203);
    const pull = await clients.outsider!.request(1002, sdkws.PullMessageBySeqsReq.encode({ userID: "outsider", seqRanges: [{ conversationID: "sg_g1", begin: 1, end: 2, num: 2 }] }));
    expect(pull.errCode).toBe(1002);
    const ok = await clients.adm!.request(1002, sdkws.PullMessageBySeqsReq.encode({ userID: "adm", seqRanges: [{ conversationID: "sg_g1", begin: 1, end: 2, num: 2 }] }));
    expect(sdkws.PullMessageBySeqsResp.decode(b64(ok.data)).msgs.sg_g1!.Msgs.map((m) => m.seq)).toEqual([1, 2]);
  });

  it("revoke roles: a member cannot revoke the owner's message; the owner can revoke a member's; an admin a member's", async () => {
    await sendText(clients.owner!, "", "from owner", { sessionType: 3, groupID: "g1" });
    await sendText(clients.mem!, "", "from mem", { sessionType: 3, groupID: "g1" });
    await sendText(clients.mem!, "", "again", { sessionType: 3, groupID: "g1" });
    await clients.owner!.waitPushes(5);
    expect((await api(server, "/msg/revoke_msg", { userID: "mem", conversationID: "sg_g1", seq: 2 }, tokens.mem)).errCode).toBe(1002);
    await apiOk(server, "/msg/revoke_msg", { userID: "owner", conversationID: "sg_g1", seq: 3 }, tokens.owner);
    await apiOk(server, "/msg/revoke_msg", { userID: "adm", conversationID: "sg_g1", seq: 4 }, tokens.adm);
    const revokes = pushedMessages(await clients.mem!.waitPushes(7)).filter((p) => p.msg.contentType === 2101);
    expect(revokes.map((p) => [p.conversationID, p.msg.seq])).toEqual([["n_g1", 1], ["n_g1", 2]]);
    const tips = JSON.parse(JSON.parse(new TextDecoder().decode(revokes[0]!.msg.content)).detail);
    expect(tips).toMatchObject({ revokerUserID: "owner", isAdminRevoke: true, sesstionType: 3, conversationID: "sg_g1", seq: 3 });
  });

  it("joined groups: list, incremental sync and full IDs", async () => {
    const list = await apiOk(server, "/group/get_joined_group_list", { fromUserID: "mem", pagination: { pageNumber: 1, showNumber: 10 } }, tokens.mem);
    expect(list.total).toBe(1);
    expect(list.groups[0].groupID).toBe("g1");
    const first = await apiOk(server, "/group/get_incremental_join_groups", { userID: "mem", versionID: "", version: 0 }, tokens.mem);
    expect(first.full).toBe(true);
    expect(first.version).toBe(1);
    const none = await apiOk(server, "/group/get_incremental_join_groups", { userID: "mem", versionID: first.versionID, version: first.version }, tokens.mem);
    expect([none.full, none.insert]).toEqual([false, null]);
    await apiOk(server, "/group/create_group", { ownerUserID: "owner", memberUserIDs: ["mem"], adminUserIDs: [], groupInfo: { groupID: "g2", groupType: 2 } }, tokens.owner);
    const next = await apiOk(server, "/group/get_incremental_join_groups", { userID: "mem", versionID: first.versionID, version: first.version }, tokens.mem);
    expect(next.insert.map((g: { groupID: string }) => g.groupID)).toEqual(["g2"]);
    const ids = await apiOk(server, "/group/get_full_join_group_ids", { userID: "mem", idHash: 0 }, tokens.mem);
    expect(ids.groupIDs).toEqual(["g1", "g2"]);
    expect((await api(server, "/group/get_joined_group_list", { fromUserID: "mem" }, tokens.owner)).errCode).toBe(1002);
  });

  it("get_group_members_info: members only", async () => {
    const info = await apiOk(server, "/group/get_group_members_info", { groupID: "g1", userIDs: ["adm", "outsider"] }, tokens.mem);
    expect(info.members).toEqual([expect.objectContaining({ userID: "adm", roleLevel: 60, groupID: "g1", inviterUserID: "owner" })]);
    expect((await api(server, "/group/get_group_members_info", { groupID: "g1", userIDs: ["adm"] }, tokens.outsider)).errCode).toBe(1002);
    expect((await api(server, "/group/get_group_members_info", { groupID: "nope", userIDs: ["adm"] }, tokens.mem)).errCode).toBe(1201);
  });

  it("reading in a group sends 2200 to self only, online", async () => {
    await sendText(clients.owner!, "", "read me", { sessionType: 3, groupID: "g1" });
    await clients.mem!.waitPushes(3);
    await apiOk(server, "/msg/mark_conversation_as_read", { userID: "mem", conversationID: "sg_g1", hasReadSeq: 2, seqs: [2] }, tokens.mem);
    const receipt = pushedMessages(await clients.mem!.waitPushes(4)).find((p) => p.msg.contentType === 2200)!;
    expect([receipt.conversationID, receipt.msg.seq]).toEqual(["n_mem_mem", 0]);
    await new Promise((r) => setTimeout(r, 50));
    expect(pushedMessages(clients.owner!.pushes()).some((p) => p.msg.contentType === 2200)).toBe(false);
  });
});
