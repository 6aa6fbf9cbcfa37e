// The HTTP client against a real node:http server that scripts OpenIM envelopes.

import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { HttpClient, type HttpClientOptions } from "../../runtime/http/client.js";
import { ApiError } from "../../runtime/http/errors.js";
import type { RouteSpec } from "../../runtime/http/route-table.js";
import { AuthFailureGate, type AuthFailure } from "../../runtime/transport/auth-failures.js";
import { recordingLogger } from "../transport/helpers.js";

// Codecs that keep JSON as is: these tests are about the client, not about the generated codecs.
const passThrough = <Req extends object, Resp>(path: string, token: RouteSpec<Req, Resp>["token"]): RouteSpec<Req, Resp> => ({
  path,
  token,
  req: { toGoJSON: (msg) => ({ ...msg }) },
  resp: { fromGoJSON: (json) => (json ?? {}) as Resp },
});

const routes = {
  "/auth/get_admin_token": passThrough<{ secret: string; userID: string }, { token: string; expireTimeSeconds: number }>("/auth/get_admin_token", "none"),
  "/user/get_users_info": passThrough<{ userIDs: string[] }, { users: { userID: string }[] | null }>("/user/get_users_info", "user"),
  "/user/user_register": passThrough<{ users: { userID: string }[] }, Record<string, never>>("/user/user_register", "admin"),
};

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

type Handler = (seen: Seen) => { status?: number; body: string } | "hang";

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function api(handler: Handler): Promise<{ addr: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      const s = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      seen.push(s);
      const out = handler(s);
      if (out === "hang") return;
      res.writeHead(out.status ?? 200, { "Content-Type": "application/json" });
      res.end(out.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { addr: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

function client(addr: string, extra: Partial<HttpClientOptions<typeof routes>> = {}) {
  return new HttpClient({ apiAddr: addr, routes, userToken: "user-tok", adminToken: () => "admin-tok", ...extra });
}

const envelope = (errCode: number, data?: unknown, errMsg = "", errDlt = "") => JSON.stringify({ errCode, errMsg, errDlt, ...(data === undefined ? {} : { data }) });

describe("HttpClient", () => {
  it("POSTs the Go-JSON body with operationID and token headers and decodes data", async () => {
    const { addr, seen } = await api(() => ({ body: envelope(0, { users: [{ userID: "u2" }] }) }));
    const result = await client(`${addr}/`).call("/user/get_users_info", { userIDs: ["u2"] }, { operationID: "op-1" });
    expect(result).toEqual({ users: [{ userID: "u2" }] });
    expect(seen[0]).toMatchObject({ method: "POST", url: "/user/get_users_info", body: '{"userIDs":["u2"]}' });
    expect(seen[0]!.headers["operationid"]).toBe("op-1");
    expect(seen[0]!.headers["token"]).toBe("user-tok");
    expect(seen[0]!.headers["content-type"]).toBe("application/json");
  });

  it("sends no token to 'none' routes, the admin token to 'admin' routes, a fresh operationID each call", async () => {
    const { addr, seen } = await api(() => ({ body: envelope(0, { token: "t", expireTimeSeconds: 7776000 }) }));
    const http = client(addr);
    await http.call("/auth/get_admin_token", { secret: "s", userID: "imAdmin" });
    await http.call("/user/user_register", { users: [{ userID: "u1" }] });
    expect(seen[0]!.headers["token"]).toBeUndefined();
    expect(seen[1]!.headers["token"]).toBe("admin-tok");
    expect(seen[0]!.headers["operationid"]).toMatch(/.+/);
    expect(seen[0]!.headers["operationid"]).not.toBe(seen[1]!.headers["operationid"]);
  });

  it("a non-zero errCode becomes an ApiError with errCode, errMsg, errDlt, operationID and path", async () => {
    const { addr } = await api(() => ({ body: envelope(1004, undefined, "RecordNotFoundError", "user u9 not found") }));
    const err = await client(addr).call("/user/get_users_info", { userIDs: ["u9"] }, { operationID: "op-9" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ errCode: 1004, errMsg: "RecordNotFoundError", errDlt: "user u9 not found", operationID: "op-9", path: "/user/get_users_info" });
  });

  it("token errors go to the shared gate: one event however many calls fail", async () => {
    const { addr } = await api(() => ({ body: envelope(1506, undefined, "TokenKickedError") }));
    const logger = recordingLogger();
    const gate = new AuthFailureGate(logger);
    const fired: AuthFailure[] = [];
    gate.events.on("kickedOffline", (f) => void fired.push(f));
    gate.events.on("userTokenInvalid", (f) => void fired.push(f));
    const http = client(addr, { authGate: gate, logger });
    const errors = await Promise.all([1, 2, 3].map(() => http.call("/user/get_users_info", { userIDs: [] }).catch((e: ApiError) => e.errCode)));
    expect(errors).toEqual([1506, 1506, 1506]);
    expect(fired.map((f) => [f.kind, f.source])).toEqual([["kickedOffline", "http:/user/get_users_info"]]);
  });

  it("times out with errCode 10001 when the server does not answer", async () => {
    const { addr } = await api(() => "hang");
    const err = await client(addr, { timeoutMs: 150 }).call("/user/get_users_info", { userIDs: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ errCode: 10001, errMsg: "no reply within 150 ms" });
  });

  it("a caller's AbortSignal cancels the call with the signal's reason", async () => {
    const { addr, seen } = await api(() => "hang");
    const controller = new AbortController();
    const call = client(addr).call("/user/get_users_info", { userIDs: [] }, { signal: controller.signal }).catch((e: unknown) => e);
    while (seen.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort(new Error("user left the page"));
    expect(String(await call)).toMatch(/user left the page/);
  });

  it("HTTP-level failures and undecodable replies are ApiErrors that say what happened", async () => {
    const { addr } = await api((s) =>
      s.url === "/user/get_users_info" ? { status: 404, body: "404 page not found" } : { body: "<html>proxy error</html>" },
    );
    const http = client(addr);
    const notFound = await http.call("/user/get_users_info", { userIDs: [] }).catch((e: unknown) => e);
    expect(notFound).toMatchObject({ errCode: 10000, httpStatus: 404, errDlt: "404 page not found" });
    const garbage = await http.call("/auth/get_admin_token", { secret: "s", userID: "a" }).catch((e: unknown) => e);
    expect(garbage).toMatchObject({ errCode: 10202, errMsg: "undecodable reply: not JSON" });
  });

  it("a refused connection is a network error", async () => {
    const { addr, server } = await api(() => ({ body: envelope(0) }));
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const err = await client(addr).call("/user/get_users_info", { userIDs: [] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ errCode: 10000 });
    expect((err as ApiError).errMsg).toMatch(/request failed/);
  });

  it("rejects bad configuration and missing tokens before touching the network", async () => {
    expect(() => client("127.0.0.1:10002")).toThrow(/apiAddr .* is not a URL|must start with http/);
    expect(() => client("ftp://x")).toThrow(/must start with http:\/\/ or https:\/\//);
    const { addr, seen } = await api(() => ({ body: envelope(0) }));
    const noToken = new HttpClient({ apiAddr: addr, routes });
    await expect(noToken.call("/user/get_users_info", { userIDs: [] })).rejects.toMatchObject({ errCode: 10002, errMsg: "route needs a user token but none is set" });
    await expect(noToken.call("/nope" as "/user/get_users_info", { userIDs: [] })).rejects.toMatchObject({ errCode: 10002 });
    expect(seen).toHaveLength(0);
  });
});
