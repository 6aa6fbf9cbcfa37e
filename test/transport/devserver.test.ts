// The transport against the devserver: real tokens, real handshake verdicts, real pushes.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignJWT } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { startDevServer, type DevServer, type DevServerOptions } from "../../devserver/index.js";
import { sdkws } from "../../generated/protocol/index.js";
import { routes } from "../../generated/protocol/routes.js";
import { ReqIdentifier } from "../../generated/protocol/ws.js";
import { HttpClient } from "../../runtime/http/client.js";
import { AuthFailureGate, type AuthFailure } from "../../runtime/transport/auth-failures.js";
import { Connection } from "../../runtime/transport/connection.js";
import { GatewayClient } from "../../runtime/transport/gateway-client.js";
import { systemTimers } from "../../runtime/transport/timers.js";
import { nodeSockets, recordingLogger, sleep, until } from "./helpers.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function devserver(options: DevServerOptions = {}): Promise<{ server: DevServer; admin: HttpClient<typeof routes> }> {
  const server = await startDevServer({ wsPort: 0, apiPort: 0, memory: true, log: null, ...options });
  cleanups.push(() => server.close());
  const { token } = await new HttpClient({ apiAddr: server.apiAddr, routes }).call("/auth/get_admin_token", { secret: "openIM123", userID: "imAdmin" });
  return { server, admin: new HttpClient({ apiAddr: server.apiAddr, routes, adminToken: token }) };
}

async function register(admin: HttpClient<typeof routes>, ...userIDs: string[]): Promise<Record<string, string>> {
  await admin.call("/user/user_register", { users: userIDs.map((userID) => sdkws.UserInfo.create({ userID, nickname: userID })) });
  const tokens: Record<string, string> = {};
  for (const userID of userIDs) tokens[userID] = (await admin.call("/auth/get_user_token", { userID, platformID: 5 })).token;
  return tokens;
}

function connect(wsAddr: string, userID: string, token: string) {
  const logger = recordingLogger();
  const gate = new AuthFailureGate(logger);
  const failures: AuthFailure[] = [];
  for (const kind of ["userTokenExpired", "userTokenInvalid", "kickedOffline"] as const) gate.events.on(kind, (f) => void failures.push(f));
  const connection = new Connection({
    wsAddr,
    userID,
    token,
    platformID: 5,
    socketFactory: nodeSockets,
    authGate: gate,
    logger,
    timers: systemTimers,
    backoff: { baseMs: 30, maxMs: 120 },
  });
  const client = new GatewayClient(connection, { userID, platformID: 5 }, logger);
  const connects: string[] = [];
  connection.events.on("connectSuccess", () => void connects.push("ok"));
  cleanups.push(() => connection.stop("test over"));
  connection.start();
  return { connection, client, failures, connects, logger };
}

const text = (s: string) => new TextEncoder().encode(JSON.stringify({ content: s }));

describe("transport ↔ devserver", () => {
  it("connects with gzip, asks 1001, and 200 concurrent sends all get their own ack and push", async () => {
    const { server, admin } = await devserver();
    const tokens = await register(admin, "alice", "bob");
    const alice = connect(server.wsAddr, "alice", tokens["alice"]!);
    const bob = connect(server.wsAddr, "bob", tokens["bob"]!);
    const bobSeqs: number[] = [];
    bob.client.events.on("pushMessages", (p) => {
      for (const pulled of Object.values(p.msgs)) for (const m of pulled.Msgs) bobSeqs.push(m.seq);
    });
    await until(() => alice.connection.state === "connected" && bob.connection.state === "connected", "both connected");

    const acks = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        alice.client.request(ReqIdentifier.SendMsg, sdkws.MsgData.create({
          sendID: "alice",
          recvID: "bob",
          clientMsgID: `c-${i}`,
          senderPlatformID: 5,
          sessionType: 1,
          msgFrom: 100,
          contentType: 101,
          content: text(`m${i}`),
          createTime: Date.now(),
        })),
      ),
    );
    expect(acks.map((a) => a.clientMsgID)).toEqual(Array.from({ length: 200 }, (_, i) => `c-${i}`));
    expect(new Set(acks.map((a) => a.serverMsgID)).size).toBe(200);
    await until(() => bobSeqs.length === 200, "bob got 200 pushes");
    expect([...bobSeqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));

    const newest = await bob.client.request(ReqIdentifier.GetNewestSeq, { userID: "bob" });
    expect(Object.values(newest.maxSeqs)).toContain(200);
  });

  const expiredToken = (): Promise<string> =>
    new SignJWT({ UserID: "alice", PlatformID: 5 })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt(Math.floor(Date.now() / 1000) - 100)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(new TextEncoder().encode("openIM123"));
  const cases: [string, AuthFailure["kind"], number, () => Promise<string>][] = [
    ["a malformed token", "userTokenInvalid", 1503, () => Promise.resolve("not-a-jwt")],
    ["an expired token", "userTokenExpired", 1501, expiredToken],
  ];
  it.each(cases)("%s at connect fires %s once and makes no further attempt", async (_what, kind, code, makeToken) => {
    const { server, admin } = await devserver();
    await register(admin, "alice");
    const alice = connect(server.wsAddr, "alice", await makeToken());
    await until(() => alice.connection.state === "stopped", "stopped");
    await sleep(600); // five back-off windows
    expect(alice.failures.map((f) => [f.kind, f.errCode])).toEqual([[kind, code]]);
    expect(alice.connection.connectAttempts).toBe(1);
  });

  it("a token replaced by a newer login is refused with 1506: kickedOffline once, no retry", async () => {
    const { server, admin } = await devserver();
    const old = (await register(admin, "alice"))["alice"]!;
    await admin.call("/auth/get_user_token", { userID: "alice", platformID: 5 });
    const alice = connect(server.wsAddr, "alice", old);
    await until(() => alice.connection.state === "stopped", "stopped");
    await sleep(600);
    expect(alice.failures.map((f) => [f.kind, f.errCode, f.source])).toEqual([["kickedOffline", 1506, "ws-connect"]]);
    expect(alice.connection.connectAttempts).toBe(1);
  });

  it("force_logout kicks a live connection (2002): kickedOffline once, 0 reconnect attempts", async () => {
    const { server, admin } = await devserver();
    const tokens = await register(admin, "alice");
    const alice = connect(server.wsAddr, "alice", tokens["alice"]!);
    await until(() => alice.connection.state === "connected", "connected");
    await admin.call("/auth/force_logout", { userID: "alice", platformID: 5 });
    await until(() => alice.connection.state === "stopped", "stopped by the kick");
    await sleep(600);
    expect(alice.failures.map((f) => [f.kind, f.source])).toEqual([["kickedOffline", "ws-kick"]]);
    expect(alice.connection.connectAttempts).toBe(1);
    expect(server.connectionCount()).toBe(0);
  });

  it("online-status subscription: current platforms in the reply, later changes pushed (2005)", async () => {
    const { server, admin } = await devserver();
    const tokens = await register(admin, "alice", "bob");
    const alice = connect(server.wsAddr, "alice", tokens["alice"]!);
    const changes: string[] = [];
    alice.client.events.on("userStatusChanged", (tips) => {
      for (const s of tips.subscribers) changes.push(`${s.userID}:${s.onlinePlatformIDs.join(",")}`);
    });
    await until(() => alice.connection.state === "connected", "alice connected");
    const now = await alice.client.subscribeUsersStatus(["bob"]);
    expect(now.subscribers.flatMap((s) => s.onlinePlatformIDs)).toEqual([]);
    const bob = connect(server.wsAddr, "bob", tokens["bob"]!);
    await until(() => changes.includes("bob:5"), "bob's login pushed to alice");
    await bob.client.logout();
    await until(() => changes.includes("bob:"), "bob's logout pushed to alice");
  });

  it("logout sends 2003; the server closes and the SDK stays closed", async () => {
    const { server, admin } = await devserver();
    const tokens = await register(admin, "alice");
    const alice = connect(server.wsAddr, "alice", tokens["alice"]!);
    await until(() => server.connectionCount() === 1 && alice.connection.state === "connected", "connected");
    await alice.client.logout();
    await until(() => server.connectionCount() === 0, "server side closed");
    await sleep(300);
    expect(alice.connection.state).toBe("stopped");
    expect(alice.connection.connectAttempts).toBe(1);
    expect(alice.failures).toEqual([]);
  });

  it("a devserver restart is survived: the connection comes back and requests work again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "transport-restart-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const first = await devserver({ memory: false, dataFile: join(dir, "dev.sqlite") });
    const tokens = await register(first.admin, "alice");
    const alice = connect(first.server.wsAddr, "alice", tokens["alice"]!);
    await until(() => alice.connects.length === 1, "connected");
    await first.server.close();
    await until(() => alice.connection.state !== "connected", "noticed the restart");
    const second = await startDevServer({
      wsPort: first.server.wsPort,
      apiPort: first.server.apiPort,
      dataFile: join(dir, "dev.sqlite"),
      log: null,
    });
    cleanups.push(() => second.close());
    await until(() => alice.connects.length === 2, "reconnected to the restarted server");
    const newest = await alice.client.request(ReqIdentifier.GetNewestSeq, { userID: "alice" });
    expect(newest.maxSeqs).toEqual({});
    expect(alice.failures).toEqual([]);
  });
});
