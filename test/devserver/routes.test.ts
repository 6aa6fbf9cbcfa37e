// The remaining HTTP routes: conversation reads, not-notify IDs, user_clear_all_msg,
// mark_conversation_as_read on a single chat, friends (empty but versioned before an import), jssdk active conversations.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jssdk } from "../../generated/protocol/index.js";
import type { DevServer } from "../../devserver/index.js";
import { api, apiOk, pushedMessages, RawClient, sendText, singleID, startTestServer, withUsers } from "./support.js";

let server: DevServer;
let tokens: Record<string, string>;
let alice: RawClient;
let bob: RawClient;
const AB = singleID("alice", "bob");
const AC = singleID("alice", "carol");

beforeAll(async () => {
  server = await startTestServer();
  ({ tokens } = await withUsers(server, "alice", "bob", "carol"));
  alice = await RawClient.connect(server, { userID: "alice", token: tokens.alice! });
  bob = await RawClient.connect(server, { userID: "bob", token: tokens.bob! });
  await sendText(alice, "bob", "one");
  await sendText(alice, "bob", "two");
  await sendText(alice, "carol", "three");
  await alice.waitPushes(3);
});
afterAll(async () => {
  alice.close();
  bob.close();
  await server.close();
});

describe("conversation reads", () => {
  it("get_conversations returns only the asked, existing IDs; get_owner_conversation pages 1-based", async () => {
    const some = await apiOk(server, "/conversation/get_conversations", { ownerUserID: "alice", conversationIDs: [AC, "si_x_y"] }, tokens.alice);
    expect(some.conversations.map((c: { conversationID: string }) => c.conversationID)).toEqual([AC]);
    expect(some.conversations[0]).toMatchObject({ ownerUserID: "alice", conversationType: 1, userID: "carol", minSeq: 0, maxSeq: 0, isPinned: false });
    const p1 = await apiOk(server, "/conversation/get_owner_conversation", { userID: "alice", pagination: { pageNumber: 1, showNumber: 1 } }, tokens.alice);
    const p2 = await apiOk(server, "/conversation/get_owner_conversation", { userID: "alice", pagination: { pageNumber: 2, showNumber: 1 } }, tokens.alice);
    expect(p1.total).toBe(2);
    expect([p1.conversations[0].conversationID, p2.conversations[0].conversationID]).toEqual([AB, AC]);
    expect((await api(server, "/conversation/get_owner_conversation", { userID: "alice", pagination: { pageNumber: 0, showNumber: 1 } }, tokens.alice)).errCode).toBe(1001);
  });

  it("get_full_conversation_ids lists the owner's IDs in creation order with the current version", async () => {
    const full = await apiOk(server, "/conversation/get_full_conversation_ids", { userID: "alice", idHash: 0 }, tokens.alice);
    expect(full.conversationIDs).toEqual([AB, AC]);
    expect(full.equal).toBe(false);
    expect(full.versionID).toMatch(/^[0-9a-f]{24}$/);
    expect(full.version).toBe(2);
  });

  it("get_not_notify_conversation_ids lists recvMsgOpt=2 conversations", async () => {
    await apiOk(server, "/conversation/set_conversations", { userIDs: ["alice"], conversation: { conversationID: AC, conversationType: 1, recvMsgOpt: 2 } }, tokens.alice);
    expect(await apiOk(server, "/conversation/get_not_notify_conversation_ids", { userID: "alice" }, tokens.alice)).toEqual({ conversationIDs: [AC] });
    expect((await api(server, "/conversation/set_conversations", { userIDs: ["alice"], conversation: { conversationID: AC, conversationType: 1, recvMsgOpt: 7 } }, tokens.alice)).errCode).toBe(1001);
  });

  it("jssdk get_active_conversations: newest first with last message, peer, seqs and total unread", async () => {
    const data = await apiOk(server, "/jssdk/get_active_conversations", { ownerUserID: "bob", count: 10 }, tokens.bob);
    expect(data.unreadCount).toBe(2);
    expect(data.conversations).toHaveLength(1);
    expect(data.conversations[0]).toMatchObject({ maxSeq: 2, readSeq: 0, conversation: { conversationID: AB }, user: { userID: "alice" }, group: null });
    expect(Buffer.from(data.conversations[0].lastMsg.content, "base64").toString()).toBe('{"content":"two"}');
  });
});

describe("jssdk protobuf mode", () => {
  it("Content-Type application/x-protobuf: binary request, data = base64 protobuf response; JSON-only routes refuse it", async () => {
    const post = (path: string, body: Uint8Array) =>
      fetch(server.apiAddr + path, { method: "POST", headers: { "Content-Type": "application/x-protobuf", operationID: "x", token: tokens.bob! }, body: new Uint8Array(body) });
    const env = await (await post("/jssdk/get_active_conversations", jssdk.GetActiveConversationsReq.encode({ ownerUserID: "bob", count: 5 }))).json();
    expect(env.errCode).toBe(0);
    const resp = jssdk.GetActiveConversationsResp.decode(new Uint8Array(Buffer.from(env.data, "base64")));
    expect(resp.conversations.map((c) => c.conversation?.conversationID)).toEqual([AB]);
    expect(resp.conversations[0]!.lastMsg?.seq).toBe(2);
    const truncated = await (await post("/jssdk/get_active_conversations", new Uint8Array([0x0a, 0x05, 0x62]))).json();
    expect(truncated.errCode).toBe(1001);
    const elsewhere = await (await post("/msg/get_server_time", new Uint8Array(0))).json();
    expect(elsewhere.errCode).toBe(1001);
  });
});

describe("read and clear", () => {
  it("mark_conversation_as_read on a single chat: hasReadSeq moves, the peer gets a stored 2200", async () => {
    const before = alice.pushes().length;
    await apiOk(server, "/msg/mark_conversation_as_read", { userID: "bob", conversationID: AB, hasReadSeq: 2, seqs: [1, 2, 2] }, tokens.bob);
    const frames = await alice.waitPushes(before + 1);
    const receipt = pushedMessages(frames.slice(before))[0]!;
    expect(receipt.msg.contentType).toBe(2200);
    expect(receipt.msg.seq).toBeGreaterThan(0);
    expect(JSON.parse(JSON.parse(new TextDecoder().decode(receipt.msg.content)).detail).seqs).toEqual([1, 2]);
    expect((await apiOk(server, "/msg/get_conversations_has_read_and_max_seq", { userID: "bob", conversationIDs: [AB] }, tokens.bob)).seqs[AB].hasReadSeq).toBe(2);
    expect((await api(server, "/msg/mark_conversation_as_read", { userID: "bob", conversationID: AB, hasReadSeq: 0 }, tokens.bob)).errCode).toBe(1001);
    expect((await api(server, "/msg/mark_conversation_as_read", { userID: "carol", conversationID: AC, hasReadSeq: 9 }, tokens.carol)).errCode).toBe(1001);
  });

  it("user_clear_all_msg clears every conversation of the user", async () => {
    await apiOk(server, "/msg/user_clear_all_msg", { userID: "alice", deleteSyncOpt: { IsSyncSelf: false, IsSyncOther: false } }, tokens.alice);
    const convs = (await apiOk(server, "/conversation/get_all_conversations", { ownerUserID: "alice" }, tokens.alice)).conversations;
    expect(convs.map((c: { minSeq: number }) => c.minSeq)).toEqual([3, 2]);
    expect((await apiOk(server, "/msg/get_conversations_has_read_and_max_seq", { userID: "bob", conversationIDs: [AB] }, tokens.bob)).seqs[AB].maxSeq).toBe(2);
  });
});

describe("friends before any import", () => {
  it("answers empty lists with real versions", async () => {
    const inc = await apiOk(server, "/friend/get_incremental_friends", { userID: "alice", versionID: "", version: 0 }, tokens.alice);
    expect(inc).toMatchObject({ full: true, insert: null, update: null, delete: null });
    expect(inc.versionID).toMatch(/^[0-9a-f]{24}$/);
    expect(await apiOk(server, "/friend/get_designated_friends", { ownerUserID: "alice", friendUserIDs: ["bob"] }, tokens.alice)).toEqual({ friendsInfo: null });
    const ids = await apiOk(server, "/friend/get_full_friend_user_ids", { userID: "alice", idHash: 0 }, tokens.alice);
    expect([ids.equal, ids.userIDs]).toEqual([true, null]);
    expect((await api(server, "/friend/get_incremental_friends", { userID: "bob", versionID: "", version: 0 }, tokens.alice)).errCode).toBe(1002);
  });
});

describe("conversation creation (runs last: it adds conversations)", () => {
  it("a first message creates the conversation for both sides, reported as an insert by incremental sync", async () => {
    const base = await apiOk(server, "/conversation/get_incremental_conversations", { userID: "carol", versionID: "", version: 0 }, tokens.carol);
    expect(base.full).toBe(true);
    const carol = await RawClient.connect(server, { userID: "carol", token: tokens.carol! });
    await sendText(carol, "bob", "hi bob");
    await carol.waitPushes(1);
    carol.close();
    const inc = await apiOk(server, "/conversation/get_incremental_conversations", { userID: "carol", versionID: base.versionID, version: base.version }, tokens.carol);
    expect(inc.full).toBe(false);
    expect(inc.insert.map((c: { conversationID: string }) => c.conversationID)).toEqual([singleID("bob", "carol")]);
    expect(inc.update).toBeNull();
    const bobs = await apiOk(server, "/conversation/get_all_conversations", { ownerUserID: "bob" }, tokens.bob);
    expect(bobs.conversations.map((c: { conversationID: string }) => c.conversationID)).toContain(singleID("bob", "carol"));
  });
});
