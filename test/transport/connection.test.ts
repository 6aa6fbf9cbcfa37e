// The transport against a real `ws` gateway fixture speaking the v3.8 handshake and envelope.

import zlib from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { AuthFailureGate, type AuthFailure } from "../../runtime/transport/auth-failures.js";
import { Connection, type ConnectionOptions, type PushFrame } from "../../runtime/transport/connection.js";
import {
  ConnectionLostError,
  HandshakeError,
  RequestTimeoutError,
  ServerResponseError,
  TransportStoppedError,
} from "../../runtime/transport/errors.js";
import { systemTimers } from "../../runtime/transport/timers.js";
import { startGateway, type Gateway, type GatewayOptions, type ReceivedRequest } from "./fixture-gateway.js";
import { browserShapedSockets, bytes, nodeSockets, recordingLogger, sleep, text, until } from "./helpers.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function gateway(options?: GatewayOptions): Promise<Gateway> {
  const gw = await startGateway(options);
  cleanups.push(() => gw.close());
  return gw;
}

function open(gw: Gateway, overrides: Partial<ConnectionOptions> = {}) {
  const logger = recordingLogger();
  const gate = overrides.authGate ?? new AuthFailureGate(logger);
  const conn = new Connection({
    wsAddr: gw.url,
    userID: "u1",
    token: "tok-u1",
    platformID: 5,
    socketFactory: nodeSockets,
    authGate: gate,
    logger,
    timers: systemTimers,
    backoff: { baseMs: 20, maxMs: 80 },
    ...overrides,
  });
  const seen: string[] = [];
  const failures: AuthFailure[] = [];
  const pushes: PushFrame[] = [];
  conn.events.on("connecting", () => void seen.push("connecting"));
  conn.events.on("connectSuccess", () => void seen.push("connectSuccess"));
  conn.events.on("connectFailed", (code) => void seen.push(`connectFailed:${code}`));
  conn.events.on("disconnected", () => void seen.push("disconnected"));
  conn.events.on("push", (frame) => void pushes.push(frame));
  for (const kind of ["userTokenExpired", "userTokenInvalid", "kickedOffline"] as const) {
    gate.events.on(kind, (failure) => void failures.push(failure));
  }
  cleanups.push(() => conn.stop("test over"));
  conn.start();
  return { conn, gate, logger, seen, failures, pushes };
}

describe("connect and handshake", () => {
  it("sends the exact v3.8 connect query and reports success", async () => {
    const gw = await gateway();
    const { conn, seen } = open(gw);
    const server = await gw.connection(0);
    await until(() => conn.state === "connected", "connected");
    const q = server.query;
    expect(q.get("sendID")).toBe("u1");
    expect(q.get("token")).toBe("tok-u1");
    expect(q.get("platformID")).toBe("5");
    expect(q.get("operationID")).toMatch(/.+/);
    expect(q.get("isBackground")).toBe("false");
    expect(q.get("isMsgResp")).toBe("true");
    expect(q.get("sdkType")).toBe("js");
    expect(q.get("compression")).toBe("gzip");
    expect(seen).toEqual(["connecting", "connectSuccess"]);
  });

  it("a non-token refusal reports connectFailed with the server's code and retries", async () => {
    const gw = await gateway({ refuse: (_q, i) => (i < 2 ? { errCode: 1602, errMsg: "args err" } : undefined) });
    const { conn, seen, failures } = open(gw);
    const errors: unknown[] = [];
    conn.events.on("connectFailed", (_code, _msg, error) => void errors.push(error));
    await until(() => conn.state === "connected", "connected on the third attempt");
    expect(errors[0]).toBeInstanceOf(HandshakeError);
    expect(errors[0]).toMatchObject({ errCode: 1602, errDlt: "fixture refusal" });
    expect(conn.connectAttempts).toBe(3);
    expect(seen.filter((s) => s === "connectFailed:1602")).toHaveLength(2);
    expect(failures).toEqual([]);
  });

  it.each([
    [1501, "userTokenExpired"],
    [1502, "userTokenInvalid"],
    [1503, "userTokenInvalid"],
    [1504, "userTokenInvalid"],
    [1505, "userTokenInvalid"],
    [1507, "userTokenInvalid"],
    [1506, "kickedOffline"],
  ] as const)("token error %i at connect fires %s once and stops reconnecting", async (code, kind) => {
    const gw = await gateway({ refuse: () => ({ errCode: code, errMsg: "token error" }) });
    const { conn, failures } = open(gw);
    await until(() => conn.state === "stopped", "stopped");
    // Ten back-off windows (max 80 ms) pass: a reconnect would have happened by now.
    await sleep(800);
    expect(failures.map((f) => [f.kind, f.errCode, f.source])).toEqual([[kind, code, "ws-connect"]]);
    expect(conn.connectAttempts).toBe(1);
    expect(gw.conns).toHaveLength(1);
    await expect(conn.request(1001, bytes("x"))).rejects.toBeInstanceOf(TransportStoppedError);
  });

  it("a socket dropped before its handshake frame is a failed connect, retried", async () => {
    const gw = await gateway({ beforeHandshake: (i) => (i === 0 ? "drop" : undefined) });
    const { conn, seen } = open(gw);
    await until(() => conn.state === "connected", "connected");
    expect(seen).toEqual(["connecting", "connectFailed:10000", "connecting", "connectSuccess"]);
  });

  it("a gateway that never sends the handshake frame times out and is retried", async () => {
    const gw = await gateway({ beforeHandshake: (i) => (i === 0 ? "mute" : undefined) });
    const { conn, logger } = open(gw, { handshakeTimeoutMs: 150 });
    await until(() => conn.state === "connected", "connected");
    expect(conn.connectAttempts).toBe(2);
    expect(logger.lines.some((l) => String(l.fields?.["why"]).includes("no handshake frame within 150 ms"))).toBe(true);
  });
});

describe("requests", () => {
  it("200 requests issued at once are all in flight together and all complete", async () => {
    const held: ReceivedRequest[] = [];
    const gw = await gateway({
      onRequest: (req, c) => {
        held.push(req);
        // Answer only once every request has arrived, newest first: proves they were all in flight.
        if (held.length === 200) for (const r of held.reverse()) c.reply(r, {});
        return "hold";
      },
    });
    const { conn } = open(gw);
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => conn.request(1003, bytes(`m${i}`))));
    expect(results.map(text)).toEqual(Array.from({ length: 200 }, (_, i) => `m${i}`));
    expect(new Set(held.map((r) => r.msgIncr)).size).toBe(200);
    expect(conn.inFlight).toBe(0);
  });

  it("one slow request does not delay the others", async () => {
    let slow: ReceivedRequest | undefined;
    const gw = await gateway({
      onRequest: (req) => {
        if (text(req.data) === "slow") {
          slow = req;
          return "hold";
        }
        return {};
      },
    });
    const { conn } = open(gw);
    let slowDone = false;
    const slowResult = conn.request(1002, bytes("slow")).then((d) => ((slowDone = true), text(d)));
    const fast = await Promise.all(Array.from({ length: 50 }, (_, i) => conn.request(1003, bytes(`f${i}`))));
    expect(fast).toHaveLength(50);
    expect(slowDone).toBe(false);
    (await gw.connection(0)).reply(slow!, {});
    expect(await slowResult).toBe("slow");
  });

  it("requests issued before the connection is up are sent once it is", async () => {
    const gw = await gateway();
    const { conn } = open(gw);
    expect(conn.state).toBe("connecting");
    const answers = await Promise.all([conn.request(1001, bytes("a")), conn.request(1001, bytes("b"))]);
    expect(answers.map(text)).toEqual(["a", "b"]);
  });

  it("a request times out on its own; the socket stays usable and the late reply is dropped", async () => {
    let held: ReceivedRequest | undefined;
    const gw = await gateway({ onRequest: (req) => (text(req.data) === "never" ? ((held = req), "hold") : {}) });
    const { conn, logger } = open(gw);
    const err = await conn.request(1005, bytes("never"), { timeoutMs: 150 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestTimeoutError);
    expect((err as RequestTimeoutError).errCode).toBe(10001);
    expect((err as RequestTimeoutError).reqIdentifier).toBe(1005);
    (await gw.connection(0)).reply(held!, {});
    expect(text(await conn.request(1005, bytes("after")))).toBe("after");
    expect(logger.lines.some((l) => l.msg.includes("response for no pending request"))).toBe(true);
    expect(conn.state).toBe("connected");
  });

  it("a server errCode rejects that request with ServerResponseError and keeps the socket", async () => {
    const gw = await gateway({ onRequest: (req) => (text(req.data) === "muted" ? { errCode: 1402, errMsg: "MutedInGroup", data: null } : {}) });
    const { conn } = open(gw);
    const err = await conn.request(1003, bytes("muted")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerResponseError);
    expect((err as ServerResponseError).errCode).toBe(1402);
    expect(text(await conn.request(1003, bytes("ok")))).toBe("ok");
    expect(conn.connectAttempts).toBe(1);
  });

  it("a request over the gateway's frame limit is rejected alone, before it can kill the socket", async () => {
    const gw = await gateway();
    const { conn } = open(gw, { compression: "none" });
    const big = conn.request(1003, new Uint8Array(60_000)).catch((e: unknown) => e);
    const small = conn.request(1003, bytes("small"));
    const err = await big;
    expect(err).toMatchObject({ errCode: 10002 });
    expect(String((err as Error).message)).toMatch(/over the gateway's 51200-byte limit/);
    expect(text(await small)).toBe("small");
    expect((await gw.connection(0)).framesIn).toBe(1);
    expect(conn.connectAttempts).toBe(1);
  });

  it("every envelope carries sendID, operationID and a unique msgIncr", async () => {
    const seen: ReceivedRequest[] = [];
    const gw = await gateway({ onRequest: (req) => (seen.push(req), {}) });
    const { conn } = open(gw);
    await conn.request(1001, bytes("1"), { operationID: "op-fixed" });
    await conn.request(1001, bytes("2"));
    expect(seen[0]).toMatchObject({ reqIdentifier: 1001, sendID: "u1", operationID: "op-fixed" });
    expect(seen[1]!.operationID).not.toBe("");
    expect(seen[0]!.msgIncr).not.toBe(seen[1]!.msgIncr);
  });

  it("rejects bad arguments with a clear TypeError", async () => {
    const gw = await gateway();
    const { conn } = open(gw);
    await expect(conn.request(0, bytes("x"))).rejects.toThrow(/reqIdentifier must be a positive integer/);
    await expect(conn.request(1001, "x" as unknown as Uint8Array)).rejects.toThrow(/data must be a Uint8Array/);
    await expect(conn.request(1001, bytes("x"), { timeoutMs: -1 })).rejects.toThrow(/timeoutMs must be a positive number/);
    expect(() => new Connection({ ...conn["options"], platformID: 0 })).toThrow(/platformID must be a positive integer/);
    expect(() => new Connection({ ...conn["options"], wsAddr: "http://127.0.0.1:10001" })).toThrow(/must start with ws:\/\/ or wss:\/\//);
    expect(() => new Connection({ ...conn["options"], userID: "" })).toThrow(/userID is required/);
  });
});

describe("compression", () => {
  it("gzip is negotiated and used in both directions by default", async () => {
    const gw = await gateway();
    const { conn } = open(gw);
    expect(text(await conn.request(1001, bytes("zip me")))).toBe("zip me");
    const server = await gw.connection(0);
    expect(server.gzip).toBe(true);
    expect(server.framesIn).toBe(1);
    expect(server.gzipFramesIn).toBe(1);
  });

  it("an injected compressor (node:zlib here) is used for both directions", async () => {
    const gw = await gateway();
    let gzipped = 0;
    let gunzipped = 0;
    const compressor = {
      gzip: (data: Uint8Array) => (gzipped++, new Uint8Array(zlib.gzipSync(data))),
      gunzip: (data: Uint8Array) => (gunzipped++, new Uint8Array(zlib.gunzipSync(data))),
    };
    const { conn } = open(gw, { compressor });
    expect(text(await conn.request(1001, bytes("native")))).toBe("native");
    expect([gzipped, gunzipped]).toEqual([1, 1]);
    expect((await gw.connection(0)).gzipFramesIn).toBe(1);
  });

  it("compression none sends plain JSON frames and omits the query parameter", async () => {
    const gw = await gateway();
    const { conn } = open(gw, { compression: "none" });
    expect(text(await conn.request(1001, bytes("plain")))).toBe("plain");
    const server = await gw.connection(0);
    expect(server.query.has("compression")).toBe(false);
    expect(server.gzipFramesIn).toBe(0);
  });
});

describe("pushes and kicks", () => {
  it("2001 and unsolicited 2005 frames reach push listeners in order", async () => {
    const gw = await gateway();
    const { conn, pushes } = open(gw);
    await until(() => conn.state === "connected", "connected");
    const server = await gw.connection(0);
    server.push(2001, bytes("m1"));
    server.push(2005, bytes("status"));
    server.push(2001, bytes("m2"));
    await until(() => pushes.length === 3, "three pushes");
    expect(pushes.map((p) => [p.reqIdentifier, text(p.data)])).toEqual([
      [2001, "m1"],
      [2005, "status"],
      [2001, "m2"],
    ]);
  });

  it("2002 KickOnline fires kickedOffline once, fails pending requests and never reconnects", async () => {
    const gw = await gateway({ onRequest: () => "hold" });
    const { conn, failures } = open(gw);
    const pending = conn.request(1003, bytes("in flight")).catch((e: unknown) => e);
    await until(() => gw.conns[0]?.framesIn === 1, "request reached the server");
    const server = gw.conns[0]!;
    server.send({ reqIdentifier: 2002, msgIncr: "", operationID: "kick", errCode: 0, errMsg: "", data: null });
    server.send({ reqIdentifier: 2002, msgIncr: "", operationID: "kick", errCode: 0, errMsg: "", data: null });
    expect(await pending).toBeInstanceOf(TransportStoppedError);
    await sleep(500);
    expect(failures.map((f) => [f.kind, f.source])).toEqual([["kickedOffline", "ws-kick"]]);
    expect(conn.state).toBe("stopped");
    expect(conn.connectAttempts).toBe(1);
    expect(gw.conns).toHaveLength(1);
  });

  it("a token error reported by HTTP stops the socket; repeated reports fire no second event", async () => {
    const gw = await gateway();
    const { conn, gate, failures } = open(gw);
    await until(() => conn.state === "connected", "connected");
    expect(gate.report(1501, "TokenExpired", "http:/user/get_users_info")).toBe(true);
    expect(gate.report(1506, "TokenKicked", "http:/friend/get_friend_list")).toBe(true);
    expect(gate.report(1402, "Muted", "http:/msg/send_msg")).toBe(false);
    await sleep(500);
    expect(failures.map((f) => f.kind)).toEqual(["userTokenExpired"]);
    expect(conn.state).toBe("stopped");
    expect(conn.connectAttempts).toBe(1);
  });
});

describe("reconnect", () => {
  it("the server terminating the socket (no close frame) fails in-flight requests and reconnects", async () => {
    const gw = await gateway({ onRequest: (req, c) => (c.index === 0 ? "hold" : {}) });
    const { conn, seen } = open(gw);
    const inFlight = conn.request(1003, bytes("lost")).catch((e: unknown) => e);
    await until(() => gw.conns[0]?.framesIn === 1, "request reached the first socket");
    gw.conns[0]!.ws.terminate();
    const err = await inFlight;
    expect(err).toBeInstanceOf(ConnectionLostError);
    expect((err as ConnectionLostError).errCode).toBe(10000);
    await until(() => conn.state === "connected" && conn.generation === 2, "reconnected on a second socket");
    expect(text(await conn.request(1003, bytes("again")))).toBe("again");
    expect(seen).toEqual(["connecting", "connectSuccess", "disconnected", "connecting", "connectSuccess"]);
  });

  it("a server that stops answering pings is replaced by the watchdog within its bound", async () => {
    const gw = await gateway();
    const { conn, seen } = open(gw, { heartbeat: { intervalMs: 40, pongTimeoutMs: 100 } });
    await until(() => conn.state === "connected", "connected");
    const first = await gw.connection(0);
    await until(() => first.pings >= 2, "pings answered"); // the healthy socket is kept
    expect(conn.generation).toBe(1);
    const pingsBefore = first.pings;
    first.silent = true;
    await gw.connection(1);
    await until(() => conn.state === "connected" && conn.generation === 2, "reconnected");
    // Bound: the watchdog fires pongTimeoutMs after the first unanswered ping, so at most
    // floor(100 / 40) + 1 = 3 pings go unanswered before the client gives up on the socket.
    expect(first.pings - pingsBefore).toBeGreaterThanOrEqual(1);
    expect(first.pings - pingsBefore).toBeLessThanOrEqual(3);
    expect(seen.filter((s) => s === "disconnected")).toHaveLength(1);
  });

  it("frames from a replaced socket are dropped (generation check)", async () => {
    let held: ReceivedRequest | undefined;
    const gw = await gateway({ onRequest: (req, c) => (c.index === 0 ? ((held = req), "hold") : {}) });
    // Browser-shaped sockets: a dead socket is close()d and may still deliver frames while closing.
    const { conn, pushes, logger } = open(gw, { socketFactory: browserShapedSockets, heartbeat: { intervalMs: 40, pongTimeoutMs: 100 } });
    const lost = conn.request(1003, bytes("old")).catch((e: unknown) => e);
    await until(() => held !== undefined, "request held on socket 1");
    const old = gw.conns[0]!;
    old.silent = true;
    // The old server side stops reading, so it never sees the client's close frame and keeps the
    // TCP stream open: its late frames do reach the client.
    (old.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    expect(await lost).toBeInstanceOf(ConnectionLostError);
    await until(() => conn.state === "connected" && conn.generation === 2, "second socket connected");
    old.reply(held!, {});
    old.push(2001, bytes("stale"));
    await until(
      () => logger.lines.filter((l) => l.msg.includes("from stale socket") && /frame (1003|2001)/.test(l.msg)).length === 2,
      "both stale frames seen and dropped",
    );
    (await gw.connection(1)).push(2001, bytes("fresh"));
    await until(() => pushes.length > 0, "fresh push");
    expect(pushes.map((p) => [text(p.data), p.generation])).toEqual([["fresh", 2]]);
  });

  it("networkStatusChanged() retries at once instead of waiting out the back-off", async () => {
    const gw = await gateway({ refuse: (_q, i) => (i === 0 ? { errCode: 500, errMsg: "ServerInternalError" } : undefined) });
    const { conn } = open(gw, { backoff: { baseMs: 60_000, maxMs: 60_000 } });
    await until(() => conn.state === "waiting", "waiting for a one-minute back-off");
    conn.networkStatusChanged();
    await until(() => conn.state === "connected", "connected right away");
    expect(conn.connectAttempts).toBe(2);
  });

  it("an undecodable frame is logged with its cause and the socket is replaced", async () => {
    const gw = await gateway();
    const { conn, logger } = open(gw);
    await until(() => conn.state === "connected", "connected");
    (await gw.connection(0)).ws.send(Buffer.from("this is not json"), { binary: true });
    await until(() => conn.generation === 2 && conn.state === "connected", "reconnected");
    const lost = logger.lines.find((l) => l.msg === "transport: socket lost");
    expect(String(lost?.fields?.["why"])).toMatch(/not JSON/);
  });

  it("stop() closes the socket, fails pending requests and opens no new one", async () => {
    const gw = await gateway({ onRequest: () => "hold" });
    const { conn } = open(gw);
    const pending = conn.request(1003, bytes("x")).catch((e: unknown) => e);
    await until(() => gw.conns[0]?.framesIn === 1, "request sent");
    conn.stop("logout");
    expect(await pending).toBeInstanceOf(TransportStoppedError);
    await sleep(300);
    expect(conn.connectAttempts).toBe(1);
    expect(conn.stoppedBecause).toBe("logout");
  });
});
