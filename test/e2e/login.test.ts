// Login state machine end to end: the Node binding against the devserver over real sockets.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CbEvents, createNodeRuntime, LoginStatus, Platform } from "../../bindings/node/index.js";
import type { DevServer } from "../../devserver/index.js";
import type { EventName } from "../../generated/listeners/events.js";
import type { RuntimeHandles } from "../../runtime/create-sdk.js";
import { silentLogger } from "../../runtime/events/logger.js";
import { consoleLogger } from "../../bindings/node/logger.js";
import { adminToken, registerUsers, startTestServer, userToken } from "../devserver/support.js";

let server: DevServer;
let admin: string;
let dataDir: string;
const open: RuntimeHandles[] = [];

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminToken(server);
  await registerUsers(server, admin, "alice", "bob", "carol");
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "openim-login-"));
});

afterAll(async () => {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

afterEach(async () => {
  for (const rt of open.splice(0)) {
    if ((await rt.sdk.getLoginStatus()) !== LoginStatus.Logout) await rt.sdk.logout().catch(() => {});
  }
});

function runtime(): { rt: RuntimeHandles; seen: EventName[] } {
  const rt = createNodeRuntime({ logger: process.env.DEBUG_SDK ? consoleLogger("debug") : silentLogger, connection: { backoff: { baseMs: 20, maxMs: 100 } } });
  open.push(rt);
  const seen: EventName[] = [];
  for (const name of Object.values(CbEvents)) rt.sdk.on(name, () => seen.push(name));
  return { rt, seen };
}

async function init(rt: RuntimeHandles, platformID: Platform = Platform.Web, dir = dataDir): Promise<void> {
  await rt.sdk.initSDK({ apiAddr: server.apiAddr, wsAddr: server.wsAddr, platformID, dataDir: dir });
}

describe("login state machine", () => {
  it("logs in, connects, logs out and logs in again; the data dir keeps the user's database", async () => {
    const { rt, seen } = runtime();
    await init(rt);
    expect(await rt.sdk.getLoginStatus()).toBe(LoginStatus.Logout);
    const token = await userToken(server, admin, "alice");
    await rt.sdk.login({ userID: "alice", token });
    expect(await rt.sdk.getLoginStatus()).toBe(LoginStatus.Logged);
    expect(await rt.sdk.getLoginUserID()).toBe("alice");
    // Message sync events (OnSyncServer*) follow; this test is about the connection ones.
    expect(seen.filter((e) => e.startsWith("OnConnect"))).toEqual([CbEvents.OnConnecting, CbEvents.OnConnectSuccess]);
    expect(rt.login.current?.connection.state).toBe("connected");

    // A local-only row written in this session must be there after logout + login (snapshot on close).
    rt.login.current!.daos.localAppSdkVersion.upsert({ version: "test-marker", installed: true });
    await rt.sdk.logout();
    expect(await rt.sdk.getLoginStatus()).toBe(LoginStatus.Logout);
    expect(await rt.sdk.getLoginUserID()).toBe("");
    expect(fs.readdirSync(dataDir).some((f) => f.startsWith("alice"))).toBe(true);

    await rt.sdk.login({ userID: "alice", token });
    expect(rt.login.current!.daos.localAppSdkVersion.get("test-marker")?.installed).toBe(true);
    await rt.sdk.logout();

    // Another user in the same SDK object after logout.
    await rt.sdk.login({ userID: "bob", token: await userToken(server, admin, "bob") });
    expect(await rt.sdk.getLoginUserID()).toBe("bob");
    expect(rt.login.current!.daos.localAppSdkVersion.get("test-marker")).toBeUndefined();
  });

  it("runs two users side by side in one process", async () => {
    const a = runtime();
    const b = runtime();
    await init(a.rt, 7);
    await init(b.rt, 7);
    await Promise.all([
      a.rt.sdk.login({ userID: "alice", token: await userToken(server, admin, "alice", 7) }),
      b.rt.sdk.login({ userID: "carol", token: await userToken(server, admin, "carol", 7) }),
    ]);
    expect(await a.rt.sdk.getLoginUserID()).toBe("alice");
    expect(await b.rt.sdk.getLoginUserID()).toBe("carol");
    expect(a.rt.login.current?.connection.state).toBe("connected");
    expect(b.rt.login.current?.connection.state).toBe("connected");
  });

  it("rejects a second login while logged in (10102) and logout while logged out (10009)", async () => {
    const { rt } = runtime();
    await init(rt);
    await expect(rt.sdk.logout()).rejects.toMatchObject({ errCode: 10009 });
    const token = await userToken(server, admin, "carol");
    await rt.sdk.login({ userID: "carol", token });
    await expect(rt.sdk.login({ userID: "carol", token })).rejects.toMatchObject({ errCode: 10102 });
  });

  it("rejects login before initSDK (10008) and bad configs with a clear message (10002)", async () => {
    const { rt } = runtime();
    await expect(rt.sdk.login({ userID: "alice", token: "x" })).rejects.toMatchObject({ errCode: 10008 });
    const base = { apiAddr: server.apiAddr, wsAddr: server.wsAddr, platformID: Platform.Web, dataDir };
    await expect(rt.sdk.initSDK({ ...base, apiAddr: "" })).rejects.toThrow(/apiAddr is missing/);
    await expect(rt.sdk.initSDK({ ...base, apiAddr: "127.0.0.1:10002" })).rejects.toThrow(/must start with http/);
    await expect(rt.sdk.initSDK({ ...base, wsAddr: "http://x" })).rejects.toThrow(/wsAddr must start with ws/);
    await expect(rt.sdk.initSDK({ ...base, platformID: 10 })).rejects.toThrow(/platformID 10 is the server's admin platform/);
    await expect(rt.sdk.initSDK({ ...base, apiAddr: "http://a b" })).rejects.toThrow(/apiAddr is not a valid URL/);
    await expect(rt.sdk.initSDK({ ...base, dataDir: "" })).rejects.toMatchObject({ errCode: 10002, errMsg: expect.stringMatching(/dataDir is empty/) });
    await expect(rt.sdk.initSDK({ ...base, platformID: "5" as never })).rejects.toMatchObject({ errCode: 10002 });
  });

  it("refuses a second SDK instance on the same user's files (it would overwrite the first one's data)", async () => {
    const a = runtime();
    const b = runtime();
    await init(a.rt, 5);
    await init(b.rt, 3);
    await a.rt.sdk.login({ userID: "carol", token: await userToken(server, admin, "carol", 5) });
    const refused = await b.rt.sdk.login({ userID: "carol", token: await userToken(server, admin, "carol", 3) }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ errMsg: expect.stringMatching(/already open by another SDK instance in this process.*log out there first/) });
    expect(await b.rt.sdk.getLoginStatus()).toBe(LoginStatus.Logout);
    await a.rt.sdk.logout();
    await b.rt.sdk.login({ userID: "carol", token: await userToken(server, admin, "carol", 3) });
    expect(await b.rt.sdk.getLoginStatus()).toBe(LoginStatus.Logged);
  });

  it("an invalid token rejects login with the server's code, fires OnUserTokenInvalid once and never reconnects", async () => {
    const { rt, seen } = runtime();
    await init(rt);
    await expect(rt.sdk.login({ userID: "alice", token: "not-a-jwt" })).rejects.toMatchObject({ errCode: 1503 });
    expect(seen.filter((e) => e === CbEvents.OnUserTokenInvalid)).toHaveLength(1);
    expect(await rt.sdk.getLoginStatus()).toBe(LoginStatus.Logout);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.filter((e) => e === CbEvents.OnConnecting)).toHaveLength(1);
  });

  it("a newer login on the same platform kicks this one: OnKickedOffline once, status back to logged out", async () => {
    const first = runtime();
    await init(first.rt, 3);
    await first.rt.sdk.login({ userID: "bob", token: await userToken(server, admin, "bob", 3) });
    const session = first.rt.login.current!;
    const kicked = new Promise<void>((resolve) => first.rt.sdk.on(CbEvents.OnKickedOffline, () => resolve()));

    const second = runtime();
    // Another device of the same user: its own data folder (one SDK instance per user's files).
    await init(second.rt, 3, path.join(dataDir, "second-device"));
    await second.rt.sdk.login({ userID: "bob", token: await userToken(server, admin, "bob", 3) });
    await kicked;
    await new Promise((r) => setTimeout(r, 300));
    expect(first.seen.filter((e) => e === CbEvents.OnKickedOffline)).toHaveLength(1);
    expect(await first.rt.sdk.getLoginStatus()).toBe(LoginStatus.Logout);
    expect(session.connection.state).toBe("stopped");
    const attempts = session.connection.connectAttempts;
    await new Promise((r) => setTimeout(r, 300));
    expect(session.connection.connectAttempts).toBe(attempts);
    expect(await second.rt.sdk.getLoginStatus()).toBe(LoginStatus.Logged);
  });
});
