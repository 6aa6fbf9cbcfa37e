// HTTP API conventions (§6.1) and authorization: envelope, headers, 404, CORS, size limit,
// Go-JSON rules, admin-only routes, userID ≠ token user, kicked tokens, force logout, multi-login.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../../devserver/index.js";
import { api, apiOk, RawClient, startTestServer, userToken, withUsers } from "./support.js";

let server: DevServer;
let admin: string;
let tokens: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer({ maxHttpBodyBytes: 4096 });
  ({ admin, tokens } = await withUsers(server, "alice", "bob", "carol"));
});
afterAll(() => server.close());

const post = (path: string, body: string, headers: Record<string, string>) =>
  fetch(server.apiAddr + path, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body });

describe("front door", () => {
  it("missing operationID → 1001 'header must have operationID'; missing token → 1001", async () => {
    const r1 = await (await post("/msg/get_server_time", "{}", { token: tokens.alice! })).json();
    expect(r1).toEqual({ errCode: 1001, errMsg: "ArgsError", errDlt: "header must have operationID" });
    const r2 = await (await post("/msg/get_server_time", "{}", { operationID: "x" })).json();
    expect(r2).toEqual({ errCode: 1001, errMsg: "ArgsError", errDlt: "header must have token" });
  });

  it("unknown route and GET answer gin's plain-text 404", async () => {
    const r = await post("/msg/nope", "{}", { operationID: "x" });
    expect(r.status).toBe(404);
    expect(await r.text()).toBe("404 page not found");
    const g = await fetch(server.apiAddr + "/msg/get_server_time");
    expect(g.status).toBe(404);
  });

  it("OPTIONS answers 200 with permissive CORS; responses carry allow-origin *", async () => {
    const r = await fetch(server.apiAddr + "/msg/get_server_time", { method: "OPTIONS" });
    expect(r.status).toBe(200);
    expect(r.headers.get("access-control-allow-origin")).toBe("*");
    expect(r.headers.get("access-control-allow-headers")).toBe("*");
  });

  it("malformed JSON → 1001; a quoted number → 1001 naming the field", async () => {
    const bad = await (await post("/auth/get_user_token", "{nope", { operationID: "x", token: admin })).json();
    expect(bad.errCode).toBe(1001);
    const quoted = await api(server, "/auth/get_user_token", { userID: "alice", platformID: "5" }, admin);
    expect(quoted.errCode).toBe(1001);
    expect(quoted.errDlt).toMatch(/platformID/);
  });

  it("a body over the limit is refused (HTTP 200 + 1001, like every handled request) and the server keeps serving", async () => {
    const r = await post("/user/get_users_info", JSON.stringify({ userIDs: ["x".repeat(10_000)] }), { operationID: "x", token: tokens.alice! });
    expect(r.status).toBe(200);
    expect((await r.json()).errCode).toBe(1001);
    expect((await api(server, "/msg/get_server_time", {}, tokens.alice)).errCode).toBe(0);
  });

  it("Go-JSON: keys case-insensitive, unknown keys ignored; responses have null lists and no data when empty", async () => {
    const info = await apiOk(server, "/user/get_users_info", { UserIDs: ["alice", "ghost"], extra: 1 }, tokens.alice);
    expect(info.usersInfo).toHaveLength(1);
    expect(info.usersInfo[0]).toMatchObject({ userID: "alice", nickname: "ALICE", faceURL: "", ex: "", appMangerLevel: 0, globalRecvMsgOpt: 0 });
    const convs = await apiOk(server, "/conversation/get_all_conversations", { ownerUserID: "carol" }, tokens.carol);
    expect(convs).toEqual({ conversations: null });
    const empty = await api(server, "/user/update_user_info_ex", { userInfo: { userID: "carol", nickname: "Caro" } }, tokens.carol);
    expect(empty).toEqual({ errCode: 0, errMsg: "", errDlt: "" });
    const time = await apiOk(server, "/msg/get_server_time", {}, tokens.carol);
    expect(Math.abs(time.serverTime - Date.now())).toBeLessThan(60_000);
  });
});

describe("authorization", () => {
  it("admin routes refuse user tokens (1002)", async () => {
    expect((await api(server, "/user/user_register", { users: [{ userID: "mallory" }] }, tokens.alice)).errCode).toBe(1002);
    expect((await api(server, "/auth/get_user_token", { userID: "bob", platformID: 5 }, tokens.alice)).errCode).toBe(1002);
    expect((await api(server, "/user/get_users_online_status", { userIDs: ["bob"] }, tokens.alice)).errCode).toBe(1002);
  });

  it("a userID that is not the token's user → 1002; an admin may act for anyone", async () => {
    expect((await api(server, "/conversation/get_all_conversations", { ownerUserID: "bob" }, tokens.alice)).errCode).toBe(1002);
    expect((await api(server, "/user/update_user_info_ex", { userInfo: { userID: "bob", nickname: "x" } }, tokens.alice)).errCode).toBe(1002);
    expect((await api(server, "/conversation/get_all_conversations", { ownerUserID: "bob" }, admin)).errCode).toBe(0);
  });

  it("wrong admin secret → 1002; tampered token → 1505; garbage token → 1503", async () => {
    expect((await api(server, "/auth/get_admin_token", { secret: "guess", userID: "imAdmin" })).errCode).toBe(1002);
    expect((await api(server, "/auth/get_admin_token", { secret: "openIM123", userID: "alice" })).errCode).toBe(1002);
    const [h, p] = tokens.alice!.split(".");
    expect((await api(server, "/msg/get_server_time", {}, `${h}.${p}.AAAA`)).errCode).toBe(1505);
    expect((await api(server, "/msg/get_server_time", {}, "garbage")).errCode).toBe(1503);
  });

  it("user_register validates IDs: duplicate → 1102, ':' or repeats → 1001", async () => {
    expect((await api(server, "/user/user_register", { users: [{ userID: "alice" }] }, admin)).errCode).toBe(1102);
    expect((await api(server, "/user/user_register", { users: [{ userID: "a:b" }] }, admin)).errCode).toBe(1001);
    expect((await api(server, "/user/user_register", { users: [{ userID: "d" }, { userID: "d" }] }, admin)).errCode).toBe(1001);
    expect((await api(server, "/auth/get_user_token", { userID: "nobody", platformID: 5 }, admin)).errCode).toBe(1101);
    expect((await api(server, "/auth/get_user_token", { userID: "alice", platformID: 10 }, admin)).errCode).toBe(1001);
  });
});

describe("tokens, kicks and online status", () => {
  it("get_user_token again kicks the older token (1506 on HTTP and on connect)", async () => {
    await apiOk(server, "/user/user_register", { users: [{ userID: "dave" }] }, admin);
    const old = await userToken(server, admin, "dave", 2);
    const fresh = await userToken(server, admin, "dave", 2);
    expect((await api(server, "/msg/get_server_time", {}, old)).errCode).toBe(1506);
    expect((await api(server, "/msg/get_server_time", {}, fresh)).errCode).toBe(0);
    // Other platforms are unaffected.
    const web = await userToken(server, admin, "dave", 5);
    expect((await api(server, "/msg/get_server_time", {}, fresh)).errCode).toBe(0);
    expect((await api(server, "/msg/get_server_time", {}, web)).errCode).toBe(0);
  });

  it("multi-login policy 1: same platform + other token → 2002 and close; same token → no kick", async () => {
    await apiOk(server, "/user/user_register", { users: [{ userID: "erin" }] }, admin);
    const t1 = await userToken(server, admin, "erin", 3);
    const first = await RawClient.connect(server, { userID: "erin", token: t1, platformID: 3 });
    const again = await RawClient.connect(server, { userID: "erin", token: t1, platformID: 3 });
    await new Promise((r) => setTimeout(r, 100));
    expect(first.closed).toBeNull();
    const t2 = await userToken(server, admin, "erin", 3);
    // t1 was kicked at issue time, so a reconnect with it fails — and the new login kicks live sockets.
    const second = await RawClient.connect(server, { userID: "erin", token: t2, platformID: 3 });
    for (const c of [first, again]) {
      const [kick] = await c.waitPushes(1, 2002);
      expect(kick!.data).toBeNull();
      await c.waitClosed();
    }
    expect(second.closed).toBeNull();
    second.close();
  });

  it("force_logout sends 2002 to that platform, closes it, and the token then gets 1506", async () => {
    await apiOk(server, "/user/user_register", { users: [{ userID: "frank" }] }, admin);
    const t = await userToken(server, admin, "frank", 5);
    const tPc = await userToken(server, admin, "frank", 3);
    const web = await RawClient.connect(server, { userID: "frank", token: t });
    const pc = await RawClient.connect(server, { userID: "frank", token: tPc, platformID: 3 });
    expect((await api(server, "/auth/force_logout", { userID: "frank", platformID: 5 }, tokens.alice)).errCode).toBe(1002);
    await apiOk(server, "/auth/force_logout", { userID: "frank", platformID: 5 }, admin);
    await web.waitPushes(1, 2002);
    await web.waitClosed();
    expect((await api(server, "/msg/get_server_time", {}, t)).errCode).toBe(1506);
    expect(pc.closed).toBeNull();
    pc.close();
  });

  it("get_users_online_status (admin) returns an array with per-platform detail", async () => {
    const a = await RawClient.connect(server, { userID: "alice", token: tokens.alice! });
    const env = await api(server, "/user/get_users_online_status", { userIDs: ["alice", "carol"] }, admin);
    expect(env.errCode).toBe(0);
    expect(Array.isArray(env.data)).toBe(true);
    expect(env.data[0]).toMatchObject({ userID: "alice", status: 1, detailPlatformStatus: [{ platformID: 5, isBackground: false, token: tokens.alice }] });
    expect(env.data[1]).toEqual({ userID: "carol", status: 0, detailPlatformStatus: null });
    a.close();
  });

  it("get_user_client_config answers an (empty) config map for self only", async () => {
    expect(await apiOk(server, "/user/get_user_client_config", { userID: "alice" }, tokens.alice)).toEqual({ configs: null });
    expect((await api(server, "/user/get_user_client_config", { userID: "bob" }, tokens.alice)).errCode).toBe(1002);
  });
});
