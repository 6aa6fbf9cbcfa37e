// The fault proxy against real sockets: a `ws` echo server, and the devserver with the SDK's
// transport Connection (which must notice and recover from each fault).
import { afterEach, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import type { AddressInfo } from "node:net";
import { seededRandom } from "../../bench/lib/seeded-random.js";
import { openTarget, provisionUsers, type Target } from "../../bench/lib/im/server-target.js";
import { WireClient } from "../../bench/lib/im/wire-client.js";
import { silentLogger } from "../../runtime/events/logger.js";
import { AuthFailureGate } from "../../runtime/transport/auth-failures.js";
import { Connection } from "../../runtime/transport/connection.js";
import { socketFactoryFrom } from "../../runtime/transport/socket.js";
import { chaosSchedule, FaultProxy } from "./proxy.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function echoServer(): Promise<{ port: number; serverCloses: number[]; receivedAt: number[] }> {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise((r) => wss.once("listening", r));
  const state = { port: (wss.address() as AddressInfo).port, serverCloses: [] as number[], receivedAt: [] as number[] };
  wss.on("connection", (ws) => {
    ws.on("message", (data, isBinary) => {
      state.receivedAt.push(Date.now());
      ws.send(data, { binary: isBinary });
    });
    ws.on("close", (code) => state.serverCloses.push(code));
  });
  cleanups.push(() => new Promise<void>((r) => wss.close(() => r())));
  return state;
}

async function startProxy(targetPort: number, seed = 42): Promise<{ proxy: FaultProxy; log: string[] }> {
  const log: string[] = [];
  const proxy = await FaultProxy.start({ targetPort, seed, log: (l) => log.push(l) });
  cleanups.push(() => proxy.close());
  return { proxy, log };
}

async function openClient(url: string): Promise<{ ws: WebSocket; messages: { text: string; at: number }[]; closed: Promise<number> }> {
  const ws = new WebSocket(url);
  const messages: { text: string; at: number }[] = [];
  ws.on("message", (d) => messages.push({ text: d.toString(), at: Date.now() }));
  ws.on("error", () => {});
  const closed = new Promise<number>((r) => ws.on("close", (code) => r(code)));
  await new Promise((r, j) => {
    ws.once("open", r);
    ws.once("error", j);
  });
  cleanups.push(() => ws.terminate());
  return { ws, messages, closed };
}

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("fault proxy", () => {
  it("refuses a non-loopback target and a bad port with a clear error", async () => {
    await expect(FaultProxy.start({ targetHost: "10.0.0.1", targetPort: 80, log: () => {} })).rejects.toThrow(/not loopback/);
    await expect(FaultProxy.start({ targetPort: 0, log: () => {} })).rejects.toThrow(/targetPort must be a port/);
  });

  it("prints its seed and forwards bytes unchanged both ways", async () => {
    const echo = await echoServer();
    const { proxy, log } = await startProxy(echo.port, 7);
    expect(log[0]).toContain("seed 7");
    const c = await openClient(proxy.wsAddr);
    const big = "x".repeat(200_000) + "end";
    c.ws.send("hello");
    c.ws.send(big);
    await until(() => c.messages.length === 2, "two echoes");
    expect(c.messages.map((m) => m.text)).toEqual(["hello", big]);
    expect(proxy.connections).toHaveLength(1);
  });

  it("kill resets the connection: both ends see an abnormal close (1006), no close frame", async () => {
    const echo = await echoServer();
    const { proxy } = await startProxy(echo.port);
    const c = await openClient(proxy.wsAddr);
    c.ws.send("before");
    await until(() => c.messages.length === 1, "first echo");
    proxy.kill(proxy.connections[0]!);
    expect(await c.closed).toBe(1006);
    await until(() => echo.serverCloses.length === 1, "server-side close");
    expect(echo.serverCloses).toEqual([1006]);
    expect(proxy.connections).toHaveLength(0);
    expect(proxy.events.map((e) => e.kind)).toEqual(["kill"]);
  });

  it("stall holds every byte in both directions until resume, then delivers them in order", async () => {
    const echo = await echoServer();
    const { proxy } = await startProxy(echo.port);
    const c = await openClient(proxy.wsAddr);
    const conn = proxy.connections[0]!;
    proxy.stall(conn);
    c.ws.send("a");
    c.ws.send("b");
    await sleep(200);
    expect(echo.receivedAt).toHaveLength(0); // client→server held
    expect(c.messages).toHaveLength(0);
    proxy.resume(conn);
    await until(() => c.messages.length === 2, "echoes after resume");
    expect(c.messages.map((m) => m.text)).toEqual(["a", "b"]);
  });

  it("a timed stall resumes by itself", async () => {
    const echo = await echoServer();
    const { proxy } = await startProxy(echo.port);
    const c = await openClient(proxy.wsAddr);
    const stalledAt = Date.now();
    proxy.stall(proxy.connections[0]!, 150);
    c.ws.send("late");
    await until(() => c.messages.length === 1, "echo after the stall");
    expect(c.messages[0]!.at - stalledAt).toBeGreaterThanOrEqual(150);
  });

  it("delay holds server→client bytes at least that long, client→server untouched, order kept", async () => {
    const echo = await echoServer();
    const { proxy } = await startProxy(echo.port);
    const c = await openClient(proxy.wsAddr);
    proxy.setDelay(150);
    for (const t of ["1", "2", "3"]) c.ws.send(t);
    await until(() => c.messages.length === 3, "delayed echoes");
    expect(c.messages.map((m) => m.text)).toEqual(["1", "2", "3"]);
    for (let i = 0; i < 3; i++) expect(c.messages[i]!.at - echo.receivedAt[i]!).toBeGreaterThanOrEqual(150);
  });

  it("retarget sends new connections to another server while live ones stay", async () => {
    const first = await echoServer();
    const second = await echoServer();
    const { proxy } = await startProxy(first.port);
    const old = await openClient(proxy.wsAddr);
    proxy.retarget(second.port);
    const fresh = await openClient(proxy.wsAddr);
    old.ws.send("to first");
    fresh.ws.send("to second");
    await until(() => old.messages.length === 1 && fresh.messages.length === 1, "both echoes");
    expect([first.receivedAt.length, second.receivedAt.length]).toEqual([1, 1]);
    expect(() => proxy.retarget(0)).toThrow(/port 1..65535/);
  });

  it("the chaos schedule is a function of the seed", () => {
    const o = { kill: 0.2, stall: 0.3, maxStallMs: 1000 };
    const run = (seed: number) => {
      const next = chaosSchedule(seededRandom(seed), o);
      return Array.from({ length: 50 }, next);
    };
    expect(run(123)).toEqual(run(123));
    expect(run(123)).not.toEqual(run(124));
    const kinds = run(5).map((s) => s.kind);
    expect(kinds).toContain("kill");
    expect(kinds).toContain("stall");
    expect(() => chaosSchedule(seededRandom(1), { kill: 0.8, stall: 0.5, maxStallMs: 1 })).toThrow(/add up to at most 1/);
  });

  describe("with the devserver and the SDK transport", () => {
    let target: Target;
    async function client(proxy: FaultProxy, userID: string, tokens: Map<string, string>): Promise<WireClient> {
      const c = await WireClient.connect({ wsAddr: proxy.wsAddr, userID, token: tokens.get(userID)!, requestTimeoutMs: 5000 });
      cleanups.push(() => c.close());
      return c;
    }

    it("after a kill the connection reconnects through the proxy and messages flow again", async () => {
      target = await openTarget();
      cleanups.push(() => target.close());
      const tokens = await provisionUsers(target, ["fa", "fb"]);
      const { proxy } = await startProxy(target.devserver!.wsPort);
      const a = await client(proxy, "fa", tokens);
      const b = await client(proxy, "fb", tokens);
      const got: string[] = [];
      b.onMessage((r) => got.push(r.message.clientMsgID));
      const first = await a.sendText("fb", "one");
      await until(() => got.includes(first.clientMsgID), "first message at fb");
      proxy.killAll();
      await until(() => a.connection.connectAttempts >= 2 && a.connection.state === "connected", "fa reconnected");
      await until(() => b.connection.connectAttempts >= 2 && b.connection.state === "connected", "fb reconnected");
      const second = await a.sendText("fb", "two");
      await until(() => got.includes(second.clientMsgID), "second message at fb");
    });

    it("a stalled connection is declared dead by the heartbeat watchdog and replaced", async () => {
      target = await openTarget();
      cleanups.push(() => target.close());
      const tokens = await provisionUsers(target, ["fs"]);
      const { proxy } = await startProxy(target.devserver!.wsPort);
      const conn = new Connection({
        wsAddr: proxy.wsAddr,
        userID: "fs",
        token: tokens.get("fs")!,
        platformID: 5,
        socketFactory: socketFactoryFrom(WebSocket),
        authGate: new AuthFailureGate(silentLogger),
        heartbeat: { intervalMs: 100, pongTimeoutMs: 200 },
        backoff: { baseMs: 20, maxMs: 50 },
        watchOnline: false,
      });
      cleanups.push(() => conn.stop("test over"));
      const reasons: string[] = [];
      conn.events.on("disconnected", (why) => reasons.push(why));
      conn.start();
      await until(() => conn.state === "connected", "first connect");
      proxy.stall(proxy.connections[0]!); // half-open: the socket stays up, nothing moves
      await until(() => reasons.length > 0, "watchdog disconnect");
      expect(reasons[0]).toMatch(/heartbeat/);
      await until(() => conn.state === "connected" && conn.connectAttempts >= 2, "reconnect on a fresh proxied connection");
    });
  });
});
