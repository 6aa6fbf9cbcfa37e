// Where @openim/client-sdk 0.0.14 asks for something the real server (v3.8.3) refuses or answers
// in a way the protocol doc does not expect, the devserver answers as the real server does; each
// case also checks how the official client copes. See README.md in this folder for the list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { msg, sdkws } from "../../generated/protocol/index.js";
import type { DevServer } from "../../devserver/index.js";
import { api, b64, RawClient, sendText, startTestServer, withUsers } from "../devserver/support.js";
import { CbEvents, OfficialClient, wireLog, wireMark } from "./support.js";

let server: DevServer;
let admin: string;
let tokens: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, tokens } = await withUsers(server, "alice", "zed", "raw1", "raw2"));
});
afterAll(async () => server?.close());

describe("answers as OpenIM v3.8.3 gives them to the official client", () => {
  it("/conversation/get_conversations_has_read_and_max_seq does not exist: gin's plain-text 404; the client uses WS 1006 instead", async () => {
    const res = await fetch(`${server.apiAddr}/conversation/get_conversations_has_read_and_max_seq`, {
      method: "POST",
      headers: { "Content-Type": "application/json", operationID: "op404", token: tokens.alice! },
      body: JSON.stringify({ userID: "alice", conversationIDs: [] }),
    });
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("404 page not found");
    // The real route lives under /msg.
    expect((await api(server, "/msg/get_conversations_has_read_and_max_seq", { userID: "alice", conversationIDs: [] }, tokens.alice)).errCode).toBe(0);

    const mark = wireMark();
    const alice = await OfficialClient.login(server, "alice", tokens.alice!);
    await alice.sendText("zed", "hi");
    await alice.logout();
    const mine = wireLog().slice(mark).filter((w) => w.userID === "alice");
    expect(mine.some((w) => w.kind === "http" && w.path.endsWith("get_conversations_has_read_and_max_seq"))).toBe(false);
    expect(mine.some((w) => w.kind === "ws-in" && w.reqIdentifier === 1006 && w.errCode === 0)).toBe(true);
    expect(mine.filter((w) => w.kind === "http" && w.status !== 200)).toEqual([]);
  });

  it("sn_ IDs: the server files an OA notification under the sorted pair; the client's own unsorted sn_ ID is a local ghost the server does not know", async () => {
    // zed sorts after alice, so the client's `sn_<sourceID>_<self>` is unsorted.
    const alice = await OfficialClient.login(server, "alice", tokens.alice!);
    const from = alice.mark();
    const sent = await api(server, "/msg/send_msg", { sendID: "zed", recvID: "alice", senderPlatformID: 10, contentType: 1400, sessionType: 4, content: { notificationName: "ops", notificationType: 1, text: "maintenance at 22:00", mixType: 0, notificationFaceURL: "", url: "", ex: "" } }, admin);
    expect(sent.errCode).toBe(0);
    const got = await alice.waitFor<{ clientMsgID: string; sessionType: number }[]>(CbEvents.OnRecvNewMessages, (ms) => ms.some((m) => m.clientMsgID === sent.data.clientMsgID), 8000, from);
    expect(got[0]?.sessionType).toBe(4);
    expect((await alice.conversation("sn_alice_zed"))?.unreadCount).toBe(1);

    const ghost = (await alice.sdk.getOneConversation({ sourceID: "zed", sessionType: 4 })).data;
    expect(ghost.conversationID).toBe("sn_zed_alice");
    const w0 = wireMark();
    await expect(alice.sdk.markConversationMessageAsRead("sn_zed_alice")).rejects.toMatchObject({ errCode: 10002, errMsg: "conversation not exist" });
    expect(wireLog().slice(w0).filter((w) => w.kind === "http" && w.path === "/msg/mark_conversation_as_read")).toEqual([]);
    // As OpenIM: a conversation the owner does not have is left out, not an error.
    const jssdk = await api(server, "/jssdk/get_conversations", { ownerUserID: "alice", conversationIDs: ["sn_zed_alice", "sn_alice_zed"] }, tokens.alice);
    expect(jssdk.errCode).toBe(0);
    expect(jssdk.data.conversations.map((c: { conversation: { conversationID: string } }) => c.conversation.conversationID)).toEqual(["sn_alice_zed"]);
    // The real conversation still works through the client.
    await alice.sdk.markConversationMessageAsRead("sn_alice_zed");
    expect((await alice.conversation("sn_alice_zed"))?.unreadCount).toBe(0);
    await alice.logout();
  });

  it("1005 with seq 0 (the client asks for its hasReadSeq, which starts at 0): seq 0 is skipped and the conversation still gets an entry", async () => {
    const c1 = await RawClient.connect(server, { userID: "raw1", token: tokens.raw1! });
    await sendText(c1, "raw2", "one");
    const conversationID = "si_raw1_raw2";
    const resp = await c1.request(1005, msg.GetSeqMessageReq.encode({ userID: "raw1", conversations: [{ conversationID, seqs: [0] }] }));
    expect(resp.errCode).toBe(0);
    const decoded = msg.GetSeqMessageResp.decode(b64(resp.data));
    expect(Object.keys(decoded.msgs)).toEqual([conversationID]);
    expect(decoded.msgs[conversationID]!.Msgs).toEqual([]);
    c1.ws.close();
  });

  it("pushes carry the operationID of the request that caused them (WS send, HTTP revoke), as OpenIM's context does", async () => {
    const c1 = await RawClient.connect(server, { userID: "raw1", token: tokens.raw1! });
    const c2 = await RawClient.connect(server, { userID: "raw2", token: tokens.raw2! });
    const { message } = await sendText(c1, "raw2", "traced");
    const [push] = (await c2.waitPushes(1)).slice(-1);
    const sendOp = c1.binary.find((f) => f.reqIdentifier === 1003)!.operationID;
    expect(push!.operationID).toBe(sendOp);
    const pushed = sdkws.PushMessages.decode(b64(push!.data));
    expect(Object.values(pushed.msgs)[0]!.Msgs[0]!.clientMsgID).toBe(message.clientMsgID);

    const seq = Object.values(pushed.msgs)[0]!.Msgs[0]!.seq;
    const pushesBefore = c2.pushes().length;
    const res = await fetch(`${server.apiAddr}/msg/revoke_msg`, {
      method: "POST",
      headers: { "Content-Type": "application/json", operationID: "revoke-op-7", token: tokens.raw1! },
      body: JSON.stringify({ conversationID: "si_raw1_raw2", seq, userID: "raw1" }),
    });
    expect(((await res.json()) as { errCode: number }).errCode).toBe(0);
    const pushes = await c2.waitPushes(pushesBefore + 1);
    expect(pushes[pushesBefore]!.operationID).toBe("revoke-op-7");
    expect(Object.keys(sdkws.PushMessages.decode(b64(pushes[pushesBefore]!.data)).notificationMsgs)).toEqual(["n_raw1_raw2"]);
    c1.ws.close();
    c2.ws.close();
  });
});
