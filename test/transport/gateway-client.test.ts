// The typed layer over the connection, with the generated codecs on both sides of a real socket.

import { afterEach, describe, expect, it } from "vitest";
import { msg, push, sdkws } from "../../generated/protocol/index.js";
import { AuthFailureGate } from "../../runtime/transport/auth-failures.js";
import { Connection } from "../../runtime/transport/connection.js";
import { GatewayClient } from "../../runtime/transport/gateway-client.js";
import { ReqIdentifier } from "../../generated/protocol/ws.js";
import { systemTimers } from "../../runtime/transport/timers.js";
import { startGateway, type GatewayOptions, type ReceivedRequest } from "./fixture-gateway.js";
import { nodeSockets, recordingLogger, sleep, until } from "./helpers.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function setup(options: GatewayOptions = {}) {
  const gw = await startGateway(options);
  cleanups.push(() => gw.close());
  const logger = recordingLogger();
  const connection = new Connection({
    wsAddr: gw.url,
    userID: "u1",
    token: "t",
    platformID: 1,
    socketFactory: nodeSockets,
    authGate: new AuthFailureGate(logger),
    logger,
    timers: systemTimers,
    backoff: { baseMs: 20, maxMs: 50 },
  });
  cleanups.push(() => connection.stop("test over"));
  const client = new GatewayClient(connection, { userID: "u1", platformID: 1 }, logger);
  connection.start();
  await until(() => connection.state === "connected", "connected");
  return { gw, connection, client, logger };
}


describe("GatewayClient", () => {
  it("encodes the request and decodes the response with the generated codecs", async () => {
    const { client } = await setup({
      onRequest: (req) => {
        const m = sdkws.MsgData.decode(req.data);
        return { data: msg.SendMsgResp.encode({ clientMsgID: m.clientMsgID, serverMsgID: "srv-1", sendTime: 1_700_000_000_123 }) };
      },
    });
    const resp = await client.request(ReqIdentifier.SendMsg, { sendID: "u1", recvID: "u2", clientMsgID: "c-1", sessionType: 1, contentType: 101, content: new TextEncoder().encode('{"content":"hi"}') });
    expect(resp).toMatchObject({ clientMsgID: "c-1", serverMsgID: "srv-1", sendTime: 1_700_000_000_123 });
  });

  it("a response that does not decode rejects that call with a FrameError", async () => {
    const { client, connection } = await setup({ onRequest: () => ({ data: Uint8Array.of(0x0a, 0x05, 0x41) }) });
    await expect(client.call({ reqIdentifier: 1003, req: sdkws.MsgData, resp: msg.SendMsgResp }, { sendID: "u1" })).rejects.toMatchObject({ name: "FrameError", errCode: 10202 });
    expect(connection.state).toBe("connected");
  });

  it("logout sends 2003 with userID and platformID, then stops for good", async () => {
    const seen: ReceivedRequest[] = [];
    const { gw, client, connection } = await setup({
      onRequest: (req, conn) => {
        seen.push(req);
        conn.reply(req, { data: null });
        conn.ws.close(); // as the gateway does after a logout
        return "hold";
      },
    });
    await client.logout();
    expect(seen.map((r) => r.reqIdentifier)).toEqual([2003]);
    expect(push.DelUserPushTokenReq.decode(seen[0]!.data)).toEqual({ userID: "u1", platformID: 1 });
    expect(connection.state).toBe("stopped");
    await sleep(200);
    expect(gw.conns).toHaveLength(1);
  });

  it("a server that closes on 2003 before replying still ends in a clean stop, not a reconnect", async () => {
    const { gw, client, connection } = await setup({
      onRequest: (_req, conn) => {
        conn.ws.terminate();
        return "hold";
      },
    });
    const seen: string[] = [];
    connection.events.on("disconnected", () => void seen.push("disconnected"));
    connection.events.on("stateChanged", (state) => void seen.push(state));
    await client.logout();
    expect(connection.stoppedBecause).toBe("logout");
    await sleep(200);
    expect(seen).toEqual(["stopped"]);
    expect(gw.conns).toHaveLength(1);
  });

  it("setBackground sends 2004 and restores it after a reconnect", async () => {
    const seen: [number, ReceivedRequest][] = [];
    const { gw, client, connection } = await setup({ onRequest: (req, conn) => (seen.push([conn.index, req]), { data: null }) });
    await client.setBackground(true);
    gw.conns[0]!.ws.terminate();
    await until(() => seen.length === 2, "2004 re-sent on the new socket");
    expect(seen.map(([i, r]) => [i, r.reqIdentifier, sdkws.SetAppBackgroundStatusReq.decode(r.data)])).toEqual([
      [0, 2004, { userID: "u1", isBackground: true }],
      [1, 2004, { userID: "u1", isBackground: true }],
    ]);
    expect(gw.conns[1]!.query.get("isBackground")).toBe("true");
    expect(connection.generation).toBe(2);
  });

  it("status subscriptions are re-sent on every new socket", async () => {
    const seen: [number, sdkws.SubUserOnlineStatus][] = [];
    const { gw, client } = await setup({
      onRequest: (req, conn) => {
        if (req.reqIdentifier === 2005) seen.push([conn.index, sdkws.SubUserOnlineStatus.decode(req.data)]);
        return { data: sdkws.SubUserOnlineStatusTips.encode({ subscribers: [] }) };
      },
    });
    await client.subscribeUsersStatus(["u2", "u3"]);
    await client.unsubscribeUsersStatus(["u3"]);
    gw.conns[0]!.ws.terminate();
    await until(() => seen.length === 3, "re-subscribed on socket 2");
    expect(seen).toEqual([
      [0, { subscribeUserID: ["u2", "u3"], unsubscribeUserID: [] }],
      [0, { subscribeUserID: [], unsubscribeUserID: ["u3"] }],
      [1, { subscribeUserID: ["u2"], unsubscribeUserID: [] }],
    ]);
    expect(() => client.subscribeUsersStatus([])).toThrow(/non-empty array/);
  });

  it("decodes 2001 and 2005 pushes; an undecodable push is logged and the next still arrives", async () => {
    const { gw, client, logger } = await setup();
    const got: string[] = [];
    client.events.on("pushMessages", (p) => void got.push(Object.keys(p.msgs).join(",")));
    client.events.on("userStatusChanged", (t) => void got.push(`status:${t.subscribers[0]?.userID}`));
    const server = gw.conns[0]!;
    const message = sdkws.MsgData.create({ sendID: "u2", recvID: "u1", clientMsgID: "c9", seq: 4 });
    server.push(2001, Uint8Array.of(0x0a, 0xff));
    server.push(2001, sdkws.PushMessages.encode({ msgs: { si_u1_u2: { Msgs: [message], isEnd: false, endSeq: 0 } } }));
    server.push(2005, sdkws.SubUserOnlineStatusTips.encode({ subscribers: [{ userID: "u3", onlinePlatformIDs: [5] }] }));
    await until(() => got.length === 2, "two decoded pushes");
    expect(got).toEqual(["si_u1_u2", "status:u3"]);
    expect(logger.lines.filter((l) => l.level === "error").map((l) => l.msg)).toEqual([
      "gateway: push frame does not decode; its seqs will be pulled by sync",
    ]);
  });
});
