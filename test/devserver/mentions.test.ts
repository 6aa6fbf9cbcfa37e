// @ messages in a group (contentType 106) record groupAtType on the mentioned members' sg_ conversations,
// as OpenIM's msg service does: AtMe 1, AtAll 2 (everyone but the sender), AtAllAtMe 3, each change one
// version and a 1300 to that member; an unchanged value is left alone; a missing row is created.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DevServer } from "../../devserver/index.js";
import { api, apiOk, detailOf, pushedMessages, RawClient, sendText, startTestServer, withUsers } from "./support.js";

const USERS = ["owner", "adm", "mem", "quiet", "outsider"] as const;
const MEMBERS = ["owner", "adm", "mem", "quiet"] as const;
const SG = "sg_g1";

let server: DevServer;
let tokens: Record<string, string>;
const clients: Record<string, RawClient> = {};

beforeEach(async () => {
  server = await startTestServer();
  ({ tokens } = await withUsers(server, ...USERS));
  for (const id of USERS) clients[id] = await RawClient.connect(server, { userID: id, token: tokens[id]! });
  await apiOk(server, "/group/create_group", { ownerUserID: "owner", adminUserIDs: ["adm"], memberUserIDs: ["mem", "quiet"], groupInfo: { groupID: "g1", groupType: 2 } }, tokens.owner);
});
afterEach(async () => {
  Object.values(clients).forEach((c) => c.close());
  await server.close();
});

async function mention(atUserIDList: string[], over: Record<string, unknown> = {}): Promise<void> {
  const { resp } = await sendText(clients.owner!, "", "hey", { sessionType: 3, groupID: "g1", contentType: 106, atUserIDList, ...over });
  expect(resp.errCode).toBe(0);
}

async function groupAtType(userID: string): Promise<number | undefined> {
  const all = await apiOk(server, "/conversation/get_all_conversations", { ownerUserID: userID }, tokens[userID]);
  return ((all.conversations ?? []) as { conversationID: string; groupAtType: number }[]).find((c) => c.conversationID === SG)?.groupAtType;
}

const groupAtTypes = async () => Object.fromEntries(await Promise.all(MEMBERS.map(async (id) => [id, await groupAtType(id)])));

interface Version {
  versionID: string;
  version: number;
}
const versionOf = (userID: string): Promise<Version> => apiOk(server, "/conversation/get_incremental_conversations", { userID, versionID: "", version: 0 }, tokens[userID]);
const changesSince = (userID: string, v: Version) => apiOk(server, "/conversation/get_incremental_conversations", { userID, versionID: v.versionID, version: v.version }, tokens[userID]);

/** The 1300 ConversationChange notifications a client has been pushed so far. */
const conversationChanges = (c: RawClient) => pushedMessages(c.pushes()).filter((p) => p.msg.contentType === 1300);

describe("group @ messages set groupAtType on the server", () => {
  it("names: AtMe for each named member (the sender too when named), one version and a 1300 each; others and outsiders untouched", async () => {
    const before = Object.fromEntries(await Promise.all(MEMBERS.map(async (id) => [id, await versionOf(id)])));
    await mention(["mem", "owner", "outsider", "ghost", "mem"]);
    expect(await groupAtTypes()).toEqual({ owner: 1, adm: 0, mem: 1, quiet: 0 });
    const memInc = await changesSince("mem", before.mem);
    expect([memInc.full, memInc.version, memInc.insert, memInc.delete]).toEqual([false, before.mem.version + 1, null, null]);
    expect(memInc.update).toEqual([expect.objectContaining({ conversationID: SG, groupAtType: 1, groupID: "g1", conversationType: 3 })]);
    expect((await changesSince("owner", before.owner)).version).toBe(before.owner.version + 1);
    for (const id of ["adm", "quiet"]) {
      const inc = await changesSince(id, before[id]);
      expect([inc.version, inc.update], id).toEqual([before[id].version, null]);
    }
    expect((await api(server, "/conversation/get_all_conversations", { ownerUserID: "outsider" }, tokens.outsider)).data.conversations).toBeNull();
    for (const id of ["mem", "owner"]) {
      const tip = await clients[id]!.until(`${id}'s 1300`, () => conversationChanges(clients[id]!)[0]);
      expect([tip.conversationID, tip.msg.seq, tip.msg.sendID, tip.msg.recvID]).toEqual([`n_${id}_${id}`, 0, id, id]);
      expect(detailOf(tip.msg)).toEqual({ userID: id, conversationIDList: [SG] });
    }
  });

  it("an unchanged groupAtType is left alone: no version, no second 1300", async () => {
    await mention(["mem"]);
    await clients.mem!.until("the first 1300", () => conversationChanges(clients.mem!)[0]);
    const after = await versionOf("mem");
    await mention(["mem"]);
    expect((await changesSince("mem", after)).version).toBe(after.version);
    // Pushes to one connection keep their order: once a later message is in, a 1300 from the repeat would be too.
    await sendText(clients.owner!, "", "later", { sessionType: 3, groupID: "g1" });
    await clients.mem!.until("the later message", () => pushedMessages(clients.mem!.pushes()).find((p) => p.msg.contentType === 101 && p.conversationID === SG));
    expect(conversationChanges(clients.mem!)).toHaveLength(1);
    expect(await groupAtType("mem")).toBe(1);
  });

  it("AtAllTag: AtAll for every member but the sender; AtAllAtMe for those also named; the latest mention replaces the earlier value", async () => {
    await mention(["AtAllTag"]);
    expect(await groupAtTypes()).toEqual({ owner: 0, adm: 2, mem: 2, quiet: 2 });
    await mention(["AtAllTag", "mem", "owner", "outsider"]);
    expect(await groupAtTypes()).toEqual({ owner: 0, adm: 2, mem: 3, quiet: 2 });
    await mention(["adm"]);
    expect(await groupAtTypes()).toEqual({ owner: 0, adm: 1, mem: 3, quiet: 2 });
    await mention(["AtAllTag"]);
    expect(await groupAtTypes()).toEqual({ owner: 0, adm: 2, mem: 2, quiet: 2 });
  });

  it("a mentioned member with no conversation row gets one, created with the groupAtType and listed by incremental sync", async () => {
    await apiOk(server, "/conversation/delete_conversations", { ownerUserID: "mem", conversationIDs: [SG] }, tokens.mem);
    const before = await versionOf("mem");
    expect(await groupAtType("mem")).toBeUndefined();
    // conversationUpdate:false keeps the message itself from recreating the row.
    await mention(["mem"], { options: { conversationUpdate: false } });
    expect(await groupAtType("mem")).toBe(1);
    const inc = await changesSince("mem", before);
    expect([inc.full, inc.version, inc.delete]).toEqual([false, before.version + 1, null]);
    expect([...(inc.insert ?? []), ...(inc.update ?? [])]).toEqual([expect.objectContaining({ conversationID: SG, groupAtType: 1, groupID: "g1", conversationType: 3, userID: "" })]);
  });

  it("only @ messages count: a text message with atUserIDList changes nothing", async () => {
    const before = await versionOf("mem");
    const { resp } = await sendText(clients.owner!, "", "plain", { sessionType: 3, groupID: "g1", atUserIDList: ["mem", "AtAllTag"] });
    expect(resp.errCode).toBe(0);
    expect(await groupAtTypes()).toEqual({ owner: 0, adm: 0, mem: 0, quiet: 0 });
    expect((await changesSince("mem", before)).version).toBe(before.version);
  });

  it("set_conversations groupAtType 0 clears a mention (what the SDK does when the conversation is read)", async () => {
    await mention(["mem"]);
    const after = await versionOf("mem");
    await apiOk(server, "/conversation/set_conversations", { userIDs: ["mem"], conversation: { conversationID: SG, conversationType: 3, groupID: "g1", groupAtType: 0 } }, tokens.mem);
    const inc = await changesSince("mem", after);
    expect(inc.update).toEqual([expect.objectContaining({ conversationID: SG, groupAtType: 0 })]);
  });
});
