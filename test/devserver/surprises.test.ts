// The server-side items of the protocol sheet's §8 "things an implementer will get wrong" that
// other files do not already pin down.
import { afterEach, beforeEach, expect, it } from "vitest";
import { sdkws } from "../../generated/protocol/index.js";
import type { DevServer } from "../../devserver/index.js";
import { apiOk, pushedMessages, RawClient, sendText, startTestServer, userToken, withUsers } from "./support.js";

let server: DevServer;
let tokens: Record<string, string>;
let admin: string;
const open: RawClient[] = [];
const connect = async (userID: string, platformID = 5, gzip = false, token = tokens[userID]!) => {
  const c = await RawClient.connect(server, { userID, token, platformID, gzip });
  open.push(c);
  return c;
};

beforeEach(async () => {
  server = await startTestServer({ webPingIntervalMs: 100 });
  ({ admin, tokens } = await withUsers(server, "alice", "bob", "Zed", "\uFF21", "\u{1F600}"));
});
afterEach(async () => {
  open.splice(0).forEach((c) => c.close());
  await server.close();
});

it("§8.6 a control pong from the client does not extend the read deadline", async () => {
  const short = await startTestServer({ readDeadlineMs: 800 });
  const { tokens: t } = await withUsers(short, "alice");
  const a = await RawClient.connect(short, { userID: "alice", token: t.alice!, platformID: 5 });
  const timer = setInterval(() => a.ws.pong(), 100);
  try {
    expect((await a.waitClosed(4000)).code).toBe(1006);
  } finally {
    clearInterval(timer);
    await short.close();
  }
});

it("§1.5 the server sends control pings to Web (platform 5) connections only", async () => {
  const web = await connect("alice", 5);
  const pc = await connect("bob", 3, false, await userToken(server, admin, "bob", 3));
  let webPings = 0;
  let pcPings = 0;
  web.ws.on("ping", () => webPings++);
  pc.ws.on("ping", () => pcPings++);
  await new Promise((r) => setTimeout(r, 350));
  expect(webPings).toBeGreaterThanOrEqual(2);
  expect(pcPings).toBe(0);
});

it("§8.7 the 51 200-byte limit applies to the gzip frame on the wire, not to the inflated envelope", async () => {
  const zipped = await connect("alice", 5, true);
  const big = "a".repeat(80_000);
  const { resp } = await sendText(zipped, "bob", big);
  expect(resp.errCode).toBe(0);
  const plain = await connect("bob", 5, false);
  plain.sendFrame(plain.envelope(1003, sdkws.MsgData.encode({ sendID: "bob", recvID: "alice", clientMsgID: "x", contentType: 101, sessionType: 1, content: new TextEncoder().encode(big) })).frame);
  expect((await plain.waitClosed()).code).toBe(1009);
});

it("§8.11 options.isNotNotification:false routes a message to the n_ stream (notificationMsgs)", async () => {
  const a = await connect("alice");
  await sendText(a, "bob", "as notification", { options: { isNotNotification: false } });
  const [p] = pushedMessages(await a.waitPushes(1));
  expect([p!.conversationID, p!.notification, p!.msg.seq]).toEqual(["n_alice_bob", true, 1]);
});

it("§8.13 single-chat IDs sort user IDs byte-wise (UTF-8), not by locale or UTF-16", async () => {
  const z = await connect("Zed");
  await sendText(z, "alice", "hi");
  expect(pushedMessages(await z.waitPushes(1))[0]!.conversationID).toBe("si_Zed_alice"); // "Z" (0x5A) < "a" (0x61)
  const fw = await connect("\uFF21");
  await sendText(fw, "\u{1F600}", "hi");
  // UTF-16 would put the emoji (D83D…) first; UTF-8 puts U+FF21 (EF BC A1) before it (F0 9F …).
  expect(pushedMessages(await fw.waitPushes(1))[0]!.conversationID).toBe("si_\uFF21_\u{1F600}");
});

it("§8.27 WS responses carry errCode/errMsg but no errDlt; §8.30 one message per 2001 frame", async () => {
  const a = await connect("alice");
  const { resp } = await sendText(a, "bob", "x");
  expect(Object.keys(resp).sort()).toEqual(["data", "errCode", "errMsg", "msgIncr", "operationID", "reqIdentifier"]);
  await sendText(a, "bob", "y");
  for (const f of await a.waitPushes(2)) expect(pushedMessages([f])).toHaveLength(1);
});

it("§1.6 an iOS connection in background gets no online push until it returns to foreground", async () => {
  const iosToken = await userToken(server, admin, "bob", 1);
  const ios = await connect("bob", 1, false, iosToken);
  const a = await connect("alice");
  await ios.request(2004, sdkws.SetAppBackgroundStatusReq.encode({ userID: "bob", isBackground: true }));
  await sendText(a, "bob", "while away");
  await a.waitPushes(1);
  await new Promise((r) => setTimeout(r, 50));
  expect(ios.pushes()).toHaveLength(0);
  await ios.request(2004, sdkws.SetAppBackgroundStatusReq.encode({ userID: "bob", isBackground: false }));
  await sendText(a, "bob", "back");
  expect(pushedMessages(await ios.waitPushes(1))[0]!.msg.seq).toBe(2);
});

it("§5.1 OA notifications (admin send_msg, sessionType 4, 1400) land in sn_<sorted pair> with a seq", async () => {
  const b = await connect("bob");
  await apiOk(server, "/msg/send_msg", { sendID: "bob", recvID: "alice", content: { notificationName: "n", text: "hello" }, contentType: 1400, sessionType: 4 }, admin);
  const a = await connect("alice");
  const [p] = pushedMessages(await b.waitPushes(1));
  expect([p!.conversationID, p!.msg.seq, p!.msg.msgFrom]).toEqual(["sn_alice_bob", 1, 200]);
  expect(JSON.parse(JSON.parse(new TextDecoder().decode(p!.msg.content)).detail)).toEqual({ notificationName: "n", text: "hello" });
  expect(a.closed).toBeNull();
});
