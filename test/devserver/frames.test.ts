// Frame rules of §1.3–§1.5: heartbeat, read deadline, frame limit, gzip, and every
// connection-closing violation — each also checked not to disturb another user's connection.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { gzipSync } from "node:zlib";
import { push, sdkws } from "../../generated/protocol/index.js";
import type { DevServer } from "../../devserver/index.js";
import { b64, pushedMessages, RawClient, sendText, startTestServer, withUsers } from "./support.js";

let server: DevServer;
let tokens: Record<string, string>;
const open: RawClient[] = [];
const connect = async (userID: string, gzip = false) => {
  const c = await RawClient.connect(server, { userID, token: tokens[userID]!, gzip });
  open.push(c);
  return c;
};

beforeEach(async () => {
  server = await startTestServer({ readDeadlineMs: 1000 });
  ({ tokens } = await withUsers(server, "alice", "bob"));
});
afterEach(async () => {
  open.splice(0).forEach((c) => c.close());
  await server.close();
});

/** bob still sends and receives after alice's connection misbehaved. */
async function bobStillWorks(bob: RawClient): Promise<void> {
  const r = await bob.request(1001, sdkws.GetMaxSeqReq.encode({ userID: "bob" }));
  expect(r.errCode).toBe(0);
}

describe("heartbeat and deadline", () => {
  it("text ping → text pong with the body echoed; a missing body becomes null", async () => {
    const a = await connect("alice");
    a.sendFrame(JSON.stringify({ type: "ping", body: { t: 1, s: "x" } }), false);
    a.sendFrame(JSON.stringify({ type: "ping" }), false);
    await a.until("two pongs", () => (a.text.length >= 3 ? true : undefined));
    expect(JSON.parse(a.text[1]!)).toEqual({ type: "pong", body: { t: 1, s: "x" } });
    expect(JSON.parse(a.text[2]!)).toEqual({ type: "pong", body: null });
    expect(a.closed).toBeNull();
  });

  it("a silent connection is closed after the read deadline; pings keep it open", async () => {
    const quiet = await connect("alice");
    const chatty = await connect("bob");
    const timer = setInterval(() => chatty.sendFrame(JSON.stringify({ type: "ping" }), false), 150);
    try {
      expect((await quiet.waitClosed(3000)).code).toBe(1006);
      expect(chatty.closed).toBeNull();
      await bobStillWorks(chatty);
    } finally {
      clearInterval(timer);
    }
  });

  it("a control ping re-arms the deadline too", async () => {
    const a = await connect("alice");
    const timer = setInterval(() => a.ws.ping(), 150);
    await new Promise((r) => setTimeout(r, 1800));
    clearInterval(timer);
    expect(a.closed).toBeNull();
  });
});

describe("closing violations (§1.3): the socket closes, others are unaffected", () => {
  const cases: [string, (a: RawClient) => void][] = [
    ["non-ping text", (a) => a.sendFrame("hello", false)],
    ["text JSON of another type", (a) => a.sendFrame(JSON.stringify({ type: "chat" }), false)],
    ["malformed envelope JSON", (a) => a.sendFrame(Buffer.from("{not json"))],
    ["bad base64 in data", (a) => a.sendFrame(Buffer.from(JSON.stringify({ reqIdentifier: 1001, sendID: "alice", msgIncr: "1", operationID: "o", data: "@@@" })))],
    ["wrong envelope sendID", (a) => a.sendFrame(a.envelope(1001, sdkws.GetMaxSeqReq.encode({ userID: "alice" }), { sendID: "bob" }).frame)],
    ["unknown reqIdentifier", (a) => a.sendFrame(a.envelope(1999, new Uint8Array(0)).frame)],
    ["oversize frame (> 51200 bytes)", (a) => a.sendFrame(Buffer.alloc(51_201, 0x20))],
    ["2003 logout (after the reply)", (a) => a.sendFrame(a.envelope(2003, push.DelUserPushTokenReq.encode({ userID: "alice", platformID: 5 })).frame)],
  ];
  it.each(cases)("%s", async (_name, act) => {
    const a = await connect("alice");
    const bob = await connect("bob");
    act(a);
    const end = await a.waitClosed();
    expect([1006, 1009]).toContain(end.code);
    expect(bob.closed).toBeNull();
    await bobStillWorks(bob);
  });

  it("2003 replies before closing", async () => {
    const a = await connect("alice");
    const r = await a.request(2003, push.DelUserPushTokenReq.encode({ userID: "alice", platformID: 5 }));
    expect(r.errCode).toBe(0);
    expect(r.data).toBe("");
    await a.waitClosed();
  });

  it("2003 closes after the reply even when the request is refused; empty data means self", async () => {
    const a = await connect("alice");
    const r = await a.request(2003, push.DelUserPushTokenReq.encode({ userID: "bob", platformID: 5 }));
    expect(r.errCode).toBe(1002);
    await a.waitClosed();
    const b = await connect("bob");
    expect((await b.request(2003, new Uint8Array(0))).errCode).toBe(0);
    await b.waitClosed();
  });

  it("a gzip connection that sends non-gzip bytes is closed", async () => {
    const a = await connect("alice", true);
    a.sendFrame(Buffer.from(JSON.stringify({ reqIdentifier: 1001 })));
    await a.waitClosed();
  });
});

describe("request-level errors keep the connection open", () => {
  it("truncated protobuf → 1001 ArgsError; the next request still works", async () => {
    const a = await connect("alice");
    const bytes = sdkws.MsgData.encode({ sendID: "alice", recvID: "bob", clientMsgID: "c1", content: new Uint8Array([1, 2, 3]) });
    const r = await a.request(1003, bytes.subarray(0, bytes.length - 2));
    expect(r.errCode).toBe(1001);
    expect(r.errMsg).toMatch(/MsgData/);
    expect(r.data).toBeNull();
    expect(a.closed).toBeNull();
    await bobStillWorks(await connect("bob"));
    expect((await a.request(1001, sdkws.GetMaxSeqReq.encode({ userID: "alice" }))).errCode).toBe(0);
  });

  it("1002/1005/1006/2004 without msgIncr or operationID → errCode 500", async () => {
    const a = await connect("alice");
    for (const id of [1002, 1005, 1006, 2004]) {
      const { frame } = a.envelope(id, new Uint8Array(0), { operationID: "", msgIncr: `m${id}` });
      a.sendFrame(frame);
      const r = await a.until(`resp ${id}`, () => a.binary.find((f) => f.msgIncr === `m${id}`));
      expect(r.errCode).toBe(500);
    }
    expect(a.closed).toBeNull();
  });

  it("MsgData.sendID of another user → 1002 (the envelope sendID was right)", async () => {
    const a = await connect("alice");
    const r = await sendText(a, "bob", "spoof", { sendID: "bob" });
    expect(r.resp.errCode).toBe(1002);
    expect(a.closed).toBeNull();
  });

  it("1004 (SendSignalMsg, broken in OpenIM) answers an error and keeps the connection", async () => {
    const a = await connect("alice");
    const r = await a.request(1004, new Uint8Array(0));
    expect(r.errCode).toBe(1001);
    expect(a.closed).toBeNull();
  });

  it("1001 for another user → 1002", async () => {
    const a = await connect("alice");
    expect((await a.request(1001, sdkws.GetMaxSeqReq.encode({ userID: "bob" }))).errCode).toBe(1002);
  });
});

describe("gzip", () => {
  it("negotiated gzip wraps every frame both ways", async () => {
    const a = await connect("alice", true);
    const b = await connect("bob");
    const { resp } = await sendText(a, "bob", "zipped");
    expect(resp.errCode).toBe(0); // the client decoded a gzip response
    const pushed = pushedMessages(await a.waitPushes(1));
    expect(pushed[0]!.msg.seq).toBe(1);
    expect(pushedMessages(await b.waitPushes(1))[0]!.msg.seq).toBe(1);
    // A frame within the limit only once compressed is accepted: the limit applies on the wire.
    const big = gzipSync(Buffer.from(JSON.stringify({ type: "x", pad: "a".repeat(100_000) })));
    expect(big.length).toBeLessThan(51_200);
  });

  it("a small gzip frame that inflates past 4 MiB (a zip bomb) closes that connection; others keep working", async () => {
    const a = await connect("alice", true);
    const bomb = gzipSync(Buffer.concat([Buffer.from('{"reqIdentifier":1001,"pad":"'), Buffer.alloc(50 * 1024 * 1024, 0x61), Buffer.from('"}')]), { level: 9 });
    expect(bomb.length).toBeLessThan(51_200);
    a.sendFrame(bomb);
    await a.waitClosed();
    await bobStillWorks(await connect("bob"));
  });
});

describe("2004 and 2005", () => {
  it("2004 answers data:null; 2005 lists current platforms and pushes later changes", async () => {
    const a = await connect("alice");
    const bg = await a.request(2004, sdkws.SetAppBackgroundStatusReq.encode({ userID: "alice", isBackground: true }));
    expect(bg.errCode).toBe(0);
    expect(bg.data).toBeNull();
    const sub = await a.request(2005, sdkws.SubUserOnlineStatus.encode({ subscribeUserID: ["bob"] }));
    expect(sdkws.SubUserOnlineStatusTips.decode(b64(sub.data)).subscribers).toEqual([{ userID: "bob", onlinePlatformIDs: [] }]);
    const bob = await connect("bob");
    const [online] = await a.waitPushes(1, 2005);
    expect(sdkws.SubUserOnlineStatusTips.decode(b64(online!.data)).subscribers).toEqual([{ userID: "bob", onlinePlatformIDs: [5] }]);
    bob.close();
    const frames = await a.waitPushes(2, 2005);
    expect(sdkws.SubUserOnlineStatusTips.decode(b64(frames[1]!.data)).subscribers).toEqual([{ userID: "bob", onlinePlatformIDs: [] }]);
    // Unsubscribed: no more frames.
    await a.request(2005, sdkws.SubUserOnlineStatus.encode({ unsubscribeUserID: ["bob"] }));
    await connect("bob");
    await new Promise((r) => setTimeout(r, 100));
    expect(a.pushes(2005)).toHaveLength(2);
  });
});
