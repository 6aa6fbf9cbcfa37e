// Message semantics (§3.3, §5): 1005 placeholders and bounds, 1006, 1007, notifications as
// OpenIM sends them (2101 revoke, 2200 read, 1300, 1703, 2102), recvMsgOpt drop, typing, n_ pulls,
// admin send_msg, and pulls in conversations one is not part of.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { msg, sdkws } from "../../generated/protocol/index.js";
import type { DevServer } from "../../devserver/index.js";
import { api, apiOk, b64, detailOf, pushedMessages, RawClient, sendText, singleID, startTestServer, textOf, withUsers } from "./support.js";

let server: DevServer;
let tokens: Record<string, string>;
let admin: string;
let alice: RawClient;
let bob: RawClient;
const AB = singleID("alice", "bob");
const nAB = AB.replace(/^si_/, "n_");

beforeEach(async () => {
  server = await startTestServer();
  ({ admin, tokens } = await withUsers(server, "alice", "bob", "carol"));
  alice = await RawClient.connect(server, { userID: "alice", token: tokens.alice! });
  bob = await RawClient.connect(server, { userID: "bob", token: tokens.bob! });
});
afterEach(async () => {
  alice.close();
  bob.close();
  await server.close();
});

async function chat(n: number): Promise<void> {
  for (let i = 1; i <= n; i++) await sendText(alice, "bob", `m${i}`);
  await bob.waitPushes(n);
}


async function seqPull(c: RawClient, userID: string, conversationID: string, seqs: number[], order = 0) {
  const r = await c.request(1005, msg.GetSeqMessageReq.encode({ userID, conversations: [{ conversationID, seqs }], order }));
  return { errCode: r.errCode, resp: r.errCode === 0 ? msg.GetSeqMessageResp.decode(b64(r.data)) : undefined };
}

describe("pulls", () => {
  it("1005 returns explicit seqs, status-4 placeholders for deleted ones, and isEnd/endSeq past the window", async () => {
    await chat(4);
    await apiOk(server, "/msg/delete_msgs", { userID: "bob", conversationID: AB, seqs: [2], deleteSyncOpt: { IsSyncSelf: false, IsSyncOther: false } }, tokens.bob);
    const { resp } = await seqPull(bob, "bob", AB, [1, 2, 3, 9]);
    const got = resp!.msgs[AB]!;
    expect(got.Msgs.map((m) => [m.seq, m.status])).toEqual([[1, 2], [2, 4], [3, 2]]);
    expect(got.Msgs[1]!.content).toHaveLength(0);
    expect(got.isEnd).toBe(true);
    expect(got.endSeq).toBe(4);
    // alice did not delete seq 2 for herself.
    expect((await seqPull(alice, "alice", AB, [2])).resp!.msgs[AB]!.Msgs[0]!.status).toBe(2);
  });

  it("1006 gives maxSeq/hasReadSeq/maxSeqTime; the sender's hasReadSeq follows its own sends", async () => {
    await chat(3);
    const ask = async (c: RawClient, userID: string) =>
      msg.GetConversationsHasReadAndMaxSeqResp.decode(b64((await c.request(1006, msg.GetConversationsHasReadAndMaxSeqReq.encode({ userID }))).data)).seqs[AB]!;
    const a = await ask(alice, "alice");
    expect(a).toMatchObject({ maxSeq: 3, hasReadSeq: 3 });
    expect(a.maxSeqTime).toBeGreaterThan(0);
    expect(await ask(bob, "bob")).toMatchObject({ maxSeq: 3, hasReadSeq: 0 });
    const http = await apiOk(server, "/msg/get_conversations_has_read_and_max_seq", { userID: "bob", conversationIDs: [AB] }, tokens.bob);
    expect(http.seqs[AB]).toMatchObject({ maxSeq: 3, hasReadSeq: 0 });
  });

  it("1007 returns each conversation's last message", async () => {
    await chat(2);
    const r = await bob.request(1007, msg.GetLastMessageReq.encode({ userID: "bob", conversationIDs: [AB] }));
    const last = msg.GetLastMessageResp.decode(b64(r.data)).msgs[AB]!;
    expect([last.seq, textOf(last)]).toEqual([2, "m2"]);
  });

  it("a user cannot pull in a conversation they are not in (1002), by any pull", async () => {
    await chat(1);
    const carol = await RawClient.connect(server, { userID: "carol", token: tokens.carol! });
    const range = await carol.request(1002, sdkws.PullMessageBySeqsReq.encode({ userID: "carol", seqRanges: [{ conversationID: AB, begin: 1, end: 1, num: 1 }] }));
    expect(range.errCode).toBe(1002);
    expect((await seqPull(carol, "carol", AB, [1])).errCode).toBe(1002);
    expect((await carol.request(1006, msg.GetConversationsHasReadAndMaxSeqReq.encode({ userID: "carol", conversationIDs: [AB] }))).errCode).toBe(1002);
    expect((await carol.request(1007, msg.GetLastMessageReq.encode({ userID: "carol", conversationIDs: [AB] }))).errCode).toBe(1002);
    expect((await api(server, "/msg/mark_msgs_as_read", { userID: "carol", conversationID: AB, seqs: [1] }, tokens.carol)).errCode).toBe(1002);
    expect((await api(server, "/msg/revoke_msg", { userID: "carol", conversationID: AB, seq: 1 }, tokens.carol)).errCode).toBe(1002);
    carol.close();
  });
});

describe("notifications", () => {
  it("revoke: stored 2101 in n_<pair> with RevokeMsgTips (sesstionType sic); the message becomes MessageRevokedContent; twice → 1404", async () => {
    const { ack } = await sendText(alice, "bob", "oops");
    await bob.waitPushes(1);
    expect((await api(server, "/msg/revoke_msg", { userID: "bob", conversationID: AB, seq: 1 }, tokens.bob)).errCode).toBe(1002);
    await apiOk(server, "/msg/revoke_msg", { userID: "alice", conversationID: AB, seq: 1 }, tokens.alice);
    const [n] = pushedMessages([(await bob.waitPushes(2))[1]!]);
    expect(n!.conversationID).toBe(nAB);
    expect(n!.notification).toBe(true);
    expect(n!.msg).toMatchObject({ contentType: 2101, msgFrom: 200, seq: 1, sessionType: 1, sendID: "alice" });
    expect(n!.msg.options.isNotNotification).toBe(false);
    const tips = detailOf(n!.msg);
    expect(tips).toMatchObject({ revokerUserID: "alice", clientMsgID: expect.any(String), sesstionType: 1, seq: 1, conversationID: AB, isAdminRevoke: false });
    expect(typeof tips.revokeTime).toBe("number");
    const original = (await seqPull(bob, "bob", AB, [1])).resp!.msgs[AB]!.Msgs[0]!;
    expect(original.contentType).toBe(2101);
    expect(detailOf(original)).toMatchObject({ revokerID: "alice", sourceMessageSendID: "alice", seq: 1, clientMsgID: original.clientMsgID });
    expect(original.serverMsgID).toBe(ack.serverMsgID);
    expect((await api(server, "/msg/revoke_msg", { userID: "alice", conversationID: AB, seq: 1 }, tokens.alice)).errCode).toBe(1404);
    // The n_ stream is pulled whole: num is ignored for notification conversations.
    const pull = await bob.request(1002, sdkws.PullMessageBySeqsReq.encode({ userID: "bob", seqRanges: [{ conversationID: nAB, begin: 1, end: 5, num: 0 }] }));
    expect(sdkws.PullMessageBySeqsResp.decode(b64(pull.data)).notificationMsgs[nAB]!.Msgs.map((m) => m.seq)).toEqual([1]);
    const max = sdkws.GetMaxSeqResp.decode(b64((await bob.request(1001, sdkws.GetMaxSeqReq.encode({ userID: "bob" }))).data));
    expect(max.maxSeqs).toEqual({ [AB]: 1, [nAB]: 1 });
  });

  it("mark_msgs_as_read: 2200 to the peer (stored, MarkAsReadTips), isRead set, hasReadSeq raised", async () => {
    await chat(2);
    await apiOk(server, "/msg/mark_msgs_as_read", { userID: "bob", conversationID: AB, seqs: [1, 2] }, tokens.bob);
    const receipt = pushedMessages(await alice.waitPushes(3)).find((p) => p.msg.contentType === 2200)!;
    expect(receipt.conversationID).toBe(nAB);
    expect(receipt.msg.seq).toBe(1);
    expect(detailOf(receipt.msg)).toEqual({ markAsReadUserID: "bob", conversationID: AB, seqs: [1, 2], hasReadSeq: 2 });
    const m = (await seqPull(bob, "bob", AB, [1])).resp!.msgs[AB]!.Msgs[0]!;
    expect(m.isRead).toBe(true);
    const seqs = await apiOk(server, "/msg/get_conversations_has_read_and_max_seq", { userID: "bob" }, tokens.bob);
    expect(seqs.seqs[AB].hasReadSeq).toBe(2);
    expect((await api(server, "/msg/mark_msgs_as_read", { userID: "bob", conversationID: AB, seqs: [9] }, tokens.bob)).errCode).toBe(1001);
    expect((await api(server, "/msg/mark_msgs_as_read", { userID: "bob", conversationID: AB, seqs: [] }, tokens.bob)).errCode).toBe(1001);
  });

  it("set_conversation_has_read_seq: > maxSeq → 1001; otherwise 2200 to self only, online (seq 0)", async () => {
    await chat(2);
    expect((await api(server, "/msg/set_conversation_has_read_seq", { userID: "bob", conversationID: AB, hasReadSeq: 3 }, tokens.bob)).errCode).toBe(1001);
    await apiOk(server, "/msg/set_conversation_has_read_seq", { userID: "bob", conversationID: AB, hasReadSeq: 1 }, tokens.bob);
    const self = pushedMessages(await bob.waitPushes(3)).find((p) => p.msg.contentType === 2200)!;
    expect(self.msg.seq).toBe(0);
    expect(self.conversationID).toBe("n_bob_bob");
    await new Promise((r) => setTimeout(r, 50));
    expect(pushedMessages(alice.pushes()).some((p) => p.msg.contentType === 2200)).toBe(false);
  });

  it("clear_conversation_msg hides history for the user (minSeq = maxSeq+1) and sends 1703 to self", async () => {
    await chat(3);
    await apiOk(server, "/msg/clear_conversation_msg", { userID: "bob", conversationIDs: [AB], deleteSyncOpt: { IsSyncSelf: true, IsSyncOther: false } }, tokens.bob);
    const tip = pushedMessages(await bob.waitPushes(4)).find((p) => p.msg.contentType === 1703)!;
    expect(tip.msg.seq).toBe(0);
    expect(detailOf(tip.msg)).toEqual({ userID: "bob", conversationIDs: [AB] });
    const pull = await bob.request(1002, sdkws.PullMessageBySeqsReq.encode({ userID: "bob", seqRanges: [{ conversationID: AB, begin: 1, end: 3, num: 10 }] }));
    expect(sdkws.PullMessageBySeqsResp.decode(b64(pull.data)).msgs[AB]).toBeUndefined();
    const conv = (await apiOk(server, "/conversation/get_conversations", { ownerUserID: "bob", conversationIDs: [AB] }, tokens.bob)).conversations[0];
    expect(conv.minSeq).toBe(4);
    // alice still sees everything; new messages show for bob again.
    expect((await seqPull(alice, "alice", AB, [1, 2, 3])).resp!.msgs[AB]!.Msgs.map((m) => m.status)).toEqual([2, 2, 2]);
    await sendText(alice, "bob", "after");
    const after = (await seqPull(bob, "bob", AB, [3, 4])).resp!.msgs[AB]!.Msgs;
    expect(after.map((m) => m.seq)).toEqual([4]);
  });

  it("delete_msgs IsSyncOther deletes physically and sends a stored 2102 to the peer", async () => {
    await chat(2);
    await apiOk(server, "/msg/delete_msgs", { userID: "alice", conversationID: AB, seqs: [1], deleteSyncOpt: { IsSyncSelf: true, IsSyncOther: true } }, tokens.alice);
    const n = pushedMessages(await bob.waitPushes(3)).find((p) => p.msg.contentType === 2102)!;
    expect(n.msg.seq).toBeGreaterThan(0);
    expect(detailOf(n.msg)).toEqual({ userID: "alice", conversationID: AB, seqs: [1] });
    expect((await seqPull(bob, "bob", AB, [1])).resp!.msgs[AB]!.Msgs[0]!.status).toBe(4);
  });

  it("set_conversations updates settings, bumps the version and sends 1300 online to the owner", async () => {
    await chat(1);
    const before = await apiOk(server, "/conversation/get_incremental_conversations", { userID: "bob", versionID: "", version: 0 }, tokens.bob);
    expect(before.full).toBe(true);
    expect(before.insert).toBeNull();
    await apiOk(server, "/conversation/set_conversations", { userIDs: ["bob"], conversation: { conversationID: AB, conversationType: 1, isPinned: true, ex: "x" } }, tokens.bob);
    const tip = pushedMessages(await bob.waitPushes(2)).find((p) => p.msg.contentType === 1300)!;
    expect(tip.msg.seq).toBe(0);
    expect(detailOf(tip.msg)).toEqual({ userID: "bob", conversationIDList: [AB] });
    const inc = await apiOk(server, "/conversation/get_incremental_conversations", { userID: "bob", versionID: before.versionID, version: before.version }, tokens.bob);
    expect(inc.full).toBe(false);
    expect(inc.version).toBe(before.version + 1);
    expect(inc.update).toHaveLength(1);
    expect(inc.update[0]).toMatchObject({ conversationID: AB, isPinned: true, ex: "x", recvMsgOpt: 0 });
    const same = await apiOk(server, "/conversation/get_incremental_conversations", { userID: "bob", versionID: inc.versionID, version: inc.version }, tokens.bob);
    expect([same.full, same.update, same.insert]).toEqual([false, null, null]);
    expect((await apiOk(server, "/conversation/get_incremental_conversations", { userID: "bob", versionID: "0".repeat(24), version: 1 }, tokens.bob)).full).toBe(true);
    // Someone else's conversation settings are off limits.
    expect((await api(server, "/conversation/set_conversations", { userIDs: ["alice"], conversation: { conversationID: AB, conversationType: 1, isPinned: true } }, tokens.bob)).errCode).toBe(1002);
  });

  it("get_full_conversation_ids: equal when idHash matches Go's md5(json) prefix", async () => {
    await chat(1);
    const full = await apiOk(server, "/conversation/get_full_conversation_ids", { userID: "bob", idHash: 0 }, tokens.bob);
    expect(full.conversationIDs).toEqual([AB]);
    const { createHash } = await import("node:crypto");
    const hash = createHash("md5").update(JSON.stringify([AB])).digest().readBigUInt64BE(0);
    // Only hashes within 2^53 survive a JS number; test with one that happens to fit, else expect not-equal.
    const body = `{"userID":"bob","idHash":${hash.toString()}}`;
    const env = await api(server, "/conversation/get_full_conversation_ids", body, tokens.bob);
    expect(env.errCode).toBe(0);
    expect(env.data.equal).toBe(hash <= BigInt(Number.MAX_SAFE_INTEGER));
  });
});

describe("delivery rules", () => {
  it("recipient with recvMsgOpt=1 → errCode 0, empty ack, nothing stored or pushed", async () => {
    await chat(1);
    await apiOk(server, "/conversation/set_conversations", { userIDs: ["bob"], conversation: { conversationID: AB, conversationType: 1, recvMsgOpt: 1 } }, tokens.bob);
    const { resp, ack } = await sendText(alice, "bob", "dropped");
    expect(resp.errCode).toBe(0);
    expect(ack).toMatchObject({ serverMsgID: "", sendTime: 0 });
    await new Promise((r) => setTimeout(r, 50));
    expect(pushedMessages(bob.pushes()).filter((p) => p.msg.contentType === 101)).toHaveLength(1);
    const max = sdkws.GetMaxSeqResp.decode(b64((await alice.request(1001, sdkws.GetMaxSeqReq.encode({ userID: "alice" }))).data));
    expect(max.maxSeqs[AB]).toBe(1);
  });

  it("global recvMsgOpt=1 drops too", async () => {
    await apiOk(server, "/user/update_user_info_ex", { userInfo: { userID: "bob", globalRecvMsgOpt: 1 } }, tokens.bob);
    const { ack } = await sendText(alice, "bob", "dropped");
    expect(ack.serverMsgID).toBe("");
  });

  it("typing (113) with explicit options is online-only (seq 0, not stored, not echoed to the sender); without options it is stored", async () => {
    const typing = { contentType: 113, content: new TextEncoder().encode(JSON.stringify({ msgTips: "yes" })), options: { history: false } };
    const { resp } = await sendText(alice, "bob", "", typing);
    expect(resp.errCode).toBe(0);
    const [p] = pushedMessages(await bob.waitPushes(1));
    expect([p!.msg.contentType, p!.msg.seq]).toEqual([113, 0]);
    await new Promise((r) => setTimeout(r, 50));
    expect(alice.pushes()).toHaveLength(0);
    await sendText(alice, "bob", "", { ...typing, options: {} });
    expect(pushedMessages(await bob.waitPushes(2))[1]!.msg.seq).toBe(1);
  });

  it("bad MsgData: empty content, unknown sessionType, 1400 outside sessionType 4, unknown recvID", async () => {
    expect((await sendText(alice, "bob", "x", { content: new Uint8Array(0) })).resp.errCode).toBe(1001);
    expect((await sendText(alice, "bob", "x", { sessionType: 2 })).resp.errCode).toBe(1001);
    expect((await sendText(alice, "bob", "x", { contentType: 1400 })).resp.errCode).toBe(1001);
    expect((await sendText(alice, "ghost", "x")).resp.errCode).toBe(1101);
    expect((await sendText(alice, "bob", "x", { sessionType: 3, groupID: "g1", recvID: "" })).resp.errCode).toBe(1201);
  });

  it("admin /msg/send_msg stores and pushes like a user send; only the listed content types", async () => {
    const data = await apiOk(server, "/msg/send_msg", { sendID: "alice", recvID: "bob", senderPlatformID: 10, content: { content: "from admin" }, contentType: 101, sessionType: 1 }, admin);
    expect(data.serverMsgID).toMatch(/^[0-9a-f]{32}$/);
    const [p] = pushedMessages(await bob.waitPushes(1));
    expect(textOf(p!.msg)).toBe("from admin");
    expect(p!.msg.seq).toBe(1);
    expect((await api(server, "/msg/send_msg", { sendID: "alice", recvID: "bob", content: {}, contentType: 113, sessionType: 1 }, admin)).errCode).toBe(1001);
    expect((await api(server, "/msg/send_msg", { sendID: "alice", recvID: "bob", content: { content: "x" }, contentType: 101, sessionType: 1 }, tokens.alice)).errCode).toBe(1002);
  });
});
