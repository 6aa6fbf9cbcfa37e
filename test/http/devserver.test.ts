// The HTTP client with the generated route table against the devserver.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startDevServer, type DevServer } from "../../devserver/index.js";
import { routes } from "../../generated/protocol/routes.js";
import { HttpClient } from "../../runtime/http/client.js";
import { ApiError } from "../../runtime/http/errors.js";
import { AuthFailureGate, type AuthFailure } from "../../runtime/transport/auth-failures.js";
import { recordingLogger } from "../transport/helpers.js";

const user = (userID: string, nickname: string) => ({ userID, nickname });

let server: DevServer;
beforeEach(async () => {
  server = await startDevServer({ wsPort: 0, apiPort: 0, memory: true, log: null });
});
afterEach(async () => {
  await server.close();
});

async function adminClient(): Promise<HttpClient<typeof routes>> {
  const anonymous = new HttpClient({ apiAddr: server.apiAddr, routes });
  const { token } = await anonymous.call("/auth/get_admin_token", { secret: "openIM123", userID: server.adminUserID });
  return new HttpClient({ apiAddr: server.apiAddr, routes, adminToken: token });
}

describe("HttpClient against the devserver", () => {
  it("admin token → register → user token → a user call, all decoded through the generated codecs", async () => {
    const admin = await adminClient();
    await admin.call("/user/user_register", { users: [user("alice", "Alice")] });
    const { token, expireTimeSeconds } = await admin.call("/auth/get_user_token", { userID: "alice", platformID: 5 });
    expect(expireTimeSeconds).toBe(90 * 24 * 3600);
    const alice = new HttpClient({ apiAddr: server.apiAddr, routes, userToken: token });
    const info = await alice.call("/user/get_users_info", { userIDs: ["alice"] });
    expect(info.usersInfo.map((u) => [u.userID, u.nickname])).toEqual([["alice", "Alice"]]);
  });

  it("server errors become ApiErrors with the server's errCode and the call's operationID", async () => {
    const admin = await adminClient();
    await admin.call("/user/user_register", { users: [user("bob", "Bob")] });
    const err = await admin
      .call("/user/user_register", { users: [user("bob", "Bob")] }, { operationID: "dup-1" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ errCode: 1102, operationID: "dup-1", path: "/user/user_register" });
  });

  it("a kicked token seen over HTTP reaches the gate once", async () => {
    const admin = await adminClient();
    await admin.call("/user/user_register", { users: [user("carol", "C")] });
    const first = await admin.call("/auth/get_user_token", { userID: "carol", platformID: 5 });
    await admin.call("/auth/get_user_token", { userID: "carol", platformID: 5 }); // kicks the first (policy 1)
    const logger = recordingLogger();
    const gate = new AuthFailureGate(logger);
    const fired: AuthFailure[] = [];
    gate.events.on("kickedOffline", (f) => void fired.push(f));
    const carol = new HttpClient({ apiAddr: server.apiAddr, routes, userToken: first.token, authGate: gate, logger });
    const codes = await Promise.all([1, 2].map(() => carol.call("/user/get_users_info", { userIDs: ["carol"] }).catch((e: ApiError) => e.errCode)));
    expect(codes).toEqual([1506, 1506]);
    expect(fired.map((f) => [f.kind, f.source])).toEqual([["kickedOffline", "http:/user/get_users_info"]]);
  });
});
