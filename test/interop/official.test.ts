// The official OpenIM web client (@openim/client-sdk 0.0.14) against the devserver, two users
// chatting: login and sync, text, @, quote, read receipt, revoke, both sides' conversation lists
// and unread counts, reconnects, and a fresh login that rebuilds everything from the server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../../devserver/index.js";
import { startTestServer, withUsers } from "../devserver/support.js";
import { CbEvents, OfficialClient, serverUnread, singleConversationID, textOf, wireLog, wireMark, type MessageItem } from "./support.js";

let server: DevServer;
let tokens: Record<string, string>;
let alice: OfficialClient;
let bob: OfficialClient;
const convID = singleConversationID("alice", "bob");

beforeAll(async () => {
  server = await startTestServer();
  ({ tokens } = await withUsers(server, "alice", "bob"));
});

afterAll(async () => {
  await alice?.logout().catch(() => {});
  await bob?.logout().catch(() => {});
  await server?.close();
});

/** A message the other side got, by clientMsgID. */
async function arrival(c: OfficialClient, clientMsgID: string, from: number): Promise<MessageItem> {
  const batch = await c.waitFor<MessageItem[]>(CbEvents.OnRecvNewMessages, (ms) => ms.some((m) => m.clientMsgID === clientMsgID), 8000, from);
  return batch.find((m) => m.clientMsgID === clientMsgID)!;
}

describe.sequential("official client ↔ official client through the devserver", () => {
  it("logs in, connects and finishes its sync with every login route answered", async () => {
    const mark = wireMark();
    alice = await OfficialClient.login(server, "alice", tokens.alice!);
    bob = await OfficialClient.login(server, "bob", tokens.bob!);
    for (const c of [alice, bob]) {
      const order = c.events.map((e) => e.event).filter((e) => ([CbEvents.OnConnecting, CbEvents.OnConnectSuccess, CbEvents.OnSyncServerStart, CbEvents.OnSyncServerFinish] as string[]).includes(e));
      expect(order).toEqual([CbEvents.OnConnecting, CbEvents.OnConnectSuccess, CbEvents.OnSyncServerStart, CbEvents.OnSyncServerFinish]);
    }
    const aliceHttp = wireLog().slice(mark).filter((w) => w.kind === "http" && w.userID === "alice");
    const paths = new Set(aliceHttp.map((w) => (w.kind === "http" ? w.path : "")));
    for (const p of [
      "/friend/get_incremental_friends",
      "/friend/get_full_friend_user_ids",
      "/group/get_incremental_join_groups",
      "/group/get_full_join_group_ids",
      "/user/get_users_info",
      "/conversation/get_incremental_conversations",
      "/jssdk/get_active_conversations",
      "/conversation/get_not_notify_conversation_ids",
    ]) expect(paths, p).toContain(p);
    for (const w of aliceHttp) if (w.kind === "http") expect({ path: w.path, status: w.status, errCode: w.errCode }).toEqual({ path: w.path, status: 200, errCode: 0 });
    const jssdk = aliceHttp.find((w) => w.kind === "http" && w.path === "/jssdk/get_active_conversations");
    expect(jssdk?.kind === "http" && jssdk.contentType).toBe("application/x-protobuf");
    // WS 1006 (has-read and max seqs) answered without error.
    expect(wireLog().slice(mark).some((w) => w.kind === "ws-in" && w.userID === "alice" && w.reqIdentifier === 1006 && w.errCode === 0)).toBe(true);
    expect(await alice.conversations()).toEqual([]);
    expect(await alice.totalUnread()).toBe(0);
  });

  it("text: the peer gets each message once and counts it unread; the sender does not", async () => {
    const a0 = alice.mark();
    const b0 = bob.mark();
    const hi = await alice.sendText("bob", "hi bob");
    expect(hi.serverMsgID).not.toBe("");
    const got = await arrival(bob, hi.clientMsgID, b0);
    expect(textOf(got)).toBe("hi bob");
    expect(got.sendID).toBe("alice");
    expect(got.seq).toBe(1);
    const second = await alice.sendText("bob", "are you there?");
    await arrival(bob, second.clientMsgID, b0);
    // Own messages are never "received" by their sender (the push echo carries the send's operationID).
    expect(alice.received(a0)).toEqual([]);
    expect(bob.received(b0).map((m) => m.clientMsgID)).toEqual([hi.clientMsgID, second.clientMsgID]);
    expect((await bob.conversation(convID))?.unreadCount).toBe(2);
    expect((await alice.conversation(convID))?.unreadCount).toBe(0);
    expect(await serverUnread(server, "bob", tokens.bob!)).toEqual({ [convID]: 2 });
    expect(await serverUnread(server, "alice", tokens.alice!)).toEqual({ [convID]: 0 });
  });

  it("@: arrives as an AtText with its user list", async () => {
    const b0 = bob.mark();
    const at = (await alice.sdk.createTextAtMessage({ text: "@bob look", atUserIDList: ["bob"], atUsersInfo: [{ atUserID: "bob", groupNickname: "Bob" }] })).data;
    const sentAt = (await alice.sdk.sendMessage({ recvID: "bob", groupID: "", message: at })).data;
    const gotAt = await arrival(bob, sentAt.clientMsgID, b0);
    expect(gotAt.contentType).toBe(106);
    expect(gotAt.atTextElem?.atUserList).toEqual(["bob"]);
    expect(gotAt.atTextElem?.text).toBe("@bob look");
    expect((await bob.conversation(convID))?.unreadCount).toBe(3);
    expect(await serverUnread(server, "bob", tokens.bob!)).toEqual({ [convID]: 3 });
  });

  it("read receipt: the reader's unread drops to 0 and the sender gets OnRecvC2CReadReceipt for those messages", async () => {
    const a0 = alice.mark();
    await bob.sdk.markConversationMessageAsRead(convID);
    const receipts = await alice.waitFor<{ userID: string; msgIDList: string[] }[]>(CbEvents.OnRecvC2CReadReceipt, () => true, 8000, a0);
    expect(receipts[0]?.userID).toBe("bob");
    const aliceOwn = (await alice.history(convID)).filter((m) => m.sendID === "alice").map((m) => m.clientMsgID);
    expect(aliceOwn).toHaveLength(3);
    expect([...receipts[0]!.msgIDList].sort()).toEqual([...aliceOwn].sort());
    expect((await bob.conversation(convID))?.unreadCount).toBe(0);
    expect(await bob.totalUnread()).toBe(0);
    expect(await serverUnread(server, "bob", tokens.bob!)).toEqual({ [convID]: 0 });
  });

  it("quote: arrives with the quoted message; a reply and a read work the other way too", async () => {
    const a0 = alice.mark();
    const quoted = (await bob.history(convID)).find((m) => m.contentType === 106)!;
    const quote = (await bob.sdk.createQuoteMessage({ text: "quoting you", message: JSON.stringify(quoted) })).data;
    const sentQuote = (await bob.sdk.sendMessage({ recvID: "alice", groupID: "", message: quote })).data;
    const gotQuote = await arrival(alice, sentQuote.clientMsgID, a0);
    expect(gotQuote.contentType).toBe(114);
    expect(gotQuote.quoteElem?.text).toBe("quoting you");
    expect(gotQuote.quoteElem?.quoteMessage.clientMsgID).toBe(quoted.clientMsgID);
    const reply = await bob.sendText("alice", "yes, here");
    await arrival(alice, reply.clientMsgID, a0);
    expect((await alice.conversation(convID))?.unreadCount).toBe(2);
    expect(await serverUnread(server, "alice", tokens.alice!)).toEqual({ [convID]: 2 });

    const b0 = bob.mark();
    await alice.sdk.markConversationMessageAsRead(convID);
    const receipts = await bob.waitFor<{ userID: string; msgIDList: string[] }[]>(CbEvents.OnRecvC2CReadReceipt, () => true, 8000, b0);
    expect([...receipts[0]!.msgIDList].sort()).toEqual([sentQuote.clientMsgID, reply.clientMsgID].sort());
    expect((await alice.conversation(convID))?.unreadCount).toBe(0);
    expect(await serverUnread(server, "alice", tokens.alice!)).toEqual({ [convID]: 0 });
  });

  it("revoke: both sides get OnNewRecvMessageRevoked and both histories show the revoke notice", async () => {
    const mine = (await alice.history(convID)).find((m) => textOf(m) === "hi bob")!;
    const a0 = alice.mark();
    const b0 = bob.mark();
    await alice.sdk.revokeMessage({ conversationID: convID, clientMsgID: mine.clientMsgID });
    for (const [c, from] of [[alice, a0], [bob, b0]] as const) {
      const revoked = await c.waitFor<{ clientMsgID: string; revokerID: string; seq: number }>(CbEvents.OnNewRecvMessageRevoked, (r) => r.clientMsgID === mine.clientMsgID, 8000, from);
      expect(revoked.revokerID).toBe("alice");
      expect(revoked.seq).toBe(mine.seq);
      const m = (await c.history(convID)).find((x) => x.clientMsgID === mine.clientMsgID);
      expect(m?.contentType, c.userID).toBe(2101);
    }
    // Once per side: the revoker's echo is recognised by its operationID.
    expect(alice.events.slice(a0).filter((e) => e.event === CbEvents.OnNewRecvMessageRevoked)).toHaveLength(1);
    // A second revoke is refused by the server with 1404; the official client reports any HTTP
    // error as its own 10006 with the server's errMsg.
    const w0 = wireMark();
    await expect(alice.sdk.revokeMessage({ conversationID: convID, clientMsgID: mine.clientMsgID })).rejects.toMatchObject({ errCode: 10006 });
    expect(wireLog().slice(w0).find((w) => w.kind === "http" && w.path === "/msg/revoke_msg")).toMatchObject({ status: 200, errCode: 1404 });
  });

  it("both sides' conversation lists agree with each other and with the server", async () => {
    const [a, b] = [await alice.conversation(convID), await bob.conversation(convID)];
    expect(a && b).toBeTruthy();
    const last = (c: typeof a) => (JSON.parse(c!.latestMsg) as MessageItem).clientMsgID;
    const history = await bob.history(convID);
    expect(last(a)).toBe(history[history.length - 1]!.clientMsgID);
    expect(last(b)).toBe(last(a));
    expect([a!.userID, a!.showName, b!.userID, b!.showName]).toEqual(["bob", "BOB", "alice", "ALICE"]);
    expect((await alice.history(convID)).map((m) => m.clientMsgID)).toEqual(history.map((m) => m.clientMsgID));
    expect(history.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect([a!.unreadCount, b!.unreadCount]).toEqual([0, 0]);
    expect(await serverUnread(server, "alice", tokens.alice!)).toEqual({ [convID]: 0 });
    expect(await serverUnread(server, "bob", tokens.bob!)).toEqual({ [convID]: 0 });
  });

  it("reconnect of either side loses nothing sent meanwhile", async () => {
    for (const [down, up] of [[bob, alice], [alice, bob]] as const) {
      const d0 = down.mark();
      down.dropConnection();
      // Sent while the client is offline (it retries after its fixed 5 s interval).
      const sent: string[] = [];
      for (let i = 0; i < 3; i++) sent.push((await up.sendText(down.userID, `while ${down.userID} was away #${i}`)).clientMsgID);
      expect(down.received(d0)).toEqual([]);
      await down.waitFor(CbEvents.OnConnecting, () => true, 10_000, d0);
      await down.waitFor(CbEvents.OnSyncServerFinish, () => true, 15_000, d0);
      for (const id of sent) await arrival(down, id, d0);
      // Each exactly once.
      const got = down.received(d0).map((m) => m.clientMsgID).filter((id) => sent.includes(id));
      expect(got.sort()).toEqual([...sent].sort());
      const history = (await down.history(convID)).map((m) => m.clientMsgID);
      expect(history.slice(-3)).toEqual(sent);
      expect((await down.conversation(convID))?.unreadCount).toBe(3);
      const token = tokens[down.userID]!;
      expect(await serverUnread(server, down.userID, token)).toEqual({ [convID]: 3 });
      await down.sdk.markConversationMessageAsRead(convID);
    }
  }, 60_000);

  it("a fresh login rebuilds the list, unread count and history from the server", async () => {
    const before = await bob.conversation(convID);
    const beforeHistory = (await bob.history(convID)).map((m) => m.clientMsgID);
    const connections = server.connectionCount();
    await bob.logout();
    // The official client's logout just closes its socket (no 2003); the server lets it go.
    await expect.poll(() => server.connectionCount()).toBe(connections - 1);
    const again = await OfficialClient.login(server, "bob", tokens.bob!);
    bob = again;
    const after = await bob.conversation(convID);
    expect(after?.unreadCount).toBe(before?.unreadCount);
    expect(await bob.totalUnread()).toBe(before?.unreadCount);
    expect(await serverUnread(server, "bob", tokens.bob!)).toEqual({ [convID]: before?.unreadCount });
    expect((JSON.parse(after!.latestMsg) as MessageItem).clientMsgID).toBe((JSON.parse(before!.latestMsg) as MessageItem).clientMsgID);
    expect((await bob.history(convID)).map((m) => m.clientMsgID)).toEqual(beforeHistory);
  }, 30_000);

  it("every HTTP call the official clients made was a declared route answered without error (but the refused second revoke)", () => {
    const calls = wireLog().flatMap((w) => (w.kind === "http" ? [w] : []));
    expect(calls.length).toBeGreaterThan(20);
    const bad = calls.filter((w) => w.status !== 200 || (w.errCode !== 0 && !(w.path === "/msg/revoke_msg" && w.errCode === 1404)));
    expect(bad).toEqual([]);
  });
});
