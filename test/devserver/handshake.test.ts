// Every connect outcome of §1.1/§1.2: query validation codes, token codes, the isMsgResp TEXT
// frame, and the HTTP 200 JSON body when isMsgResp is false.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../../devserver/index.js";
import { apiOk, connectURL, RawClient, startTestServer, userToken, withUsers, type ConnectOptions } from "./support.js";

let server: DevServer;
let admin: string;
let tokens: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer({ maxConnections: 50 });
  ({ admin, tokens } = await withUsers(server, "alice", "bob"));
});
afterAll(() => server.close());

/** Connects with isMsgResp=true and returns the handshake TEXT frame plus how the socket ended. */
async function handshake(o: Partial<ConnectOptions> & { query?: Record<string, string | null> }): Promise<{ result: { errCode: number; errMsg: string; errDlt: string }; closed: boolean }> {
  const c = RawClient.open(connectURL(server, { userID: "alice", token: tokens.alice!, ...o }));
  const text = await c.until("handshake text", () => c.text[0]);
  const result = JSON.parse(text) as { errCode: number; errMsg: string; errDlt: string };
  let closed = false;
  if (result.errCode !== 0) {
    const end = await c.waitClosed();
    closed = true;
    expect(end.code).toBe(1006); // TCP dropped without a close frame, as OpenIM does
  } else c.close();
  return { result, closed };
}

describe("isMsgResp=true: result as the first TEXT frame", () => {
  it("success is {errCode:0,errMsg:'',errDlt:''} with no data key", async () => {
    const c = RawClient.open(connectURL(server, { userID: "alice", token: tokens.alice! }));
    const text = await c.until("handshake", () => c.text[0]);
    expect(JSON.parse(text)).toEqual({ errCode: 0, errMsg: "", errDlt: "" });
    c.close();
  });

  it.each([
    ["sendID empty", { query: { sendID: "" } }, 1602, /sendID is empty/],
    ["token missing", { query: { token: null } }, 1602, /token is empty/],
    ["platformID not int", { query: { platformID: "web" } }, 1602, /platformID is not int/],
    ["platformID invalid", { query: { platformID: "12" } }, 1602, /platformID is invalid/],
    ["operationID empty", { query: { operationID: "" } }, 1602, /operationID/],
    ["isBackground missing", { query: { isBackground: null } }, 500, /strconv.ParseBool: parsing "": invalid syntax/],
    ["sdkType bad", { query: { sdkType: "rust" } }, 1602, /sdkType/],
    ["sdkType go (gob) unsupported", { query: { sdkType: "go" } }, 1602, /gob.*not supported/],
    ["sdkType missing means go", { query: { sdkType: null } }, 1602, /gob/],
    ["garbage token", { token: "not-a-jwt" }, 1503, /JWT/],
    ["a one-segment token", { token: "x" }, 1503, /JWT/],
  ] as const)("%s → %i", async (_name, o, code, detail) => {
    const { result, closed } = await handshake(o as Partial<ConnectOptions>);
    expect(result.errCode).toBe(code);
    expect(result.errDlt).toMatch(detail);
    expect(closed).toBe(true);
  });

  it("token of another user → 1502; token of another platform → 1502", async () => {
    expect((await handshake({ userID: "bob", token: tokens.alice! })).result.errCode).toBe(1502);
    expect((await handshake({ platformID: 3 })).result.errCode).toBe(1502);
  });

  it("a forged token (right shape, other secret) → 1505; an unregistered token → 1507", async () => {
    const [h, p] = tokens.alice!.split(".");
    const forged = `${h}.${p}.${Buffer.from("forged-signature-bytes-000000000").toString("base64url")}`;
    expect((await handshake({ token: forged })).result.errCode).toBe(1505);
    const other = await startTestServer();
    const { tokens: otherTokens } = await withUsers(other, "alice");
    // Same default secret, so the signature verifies — but this server never issued it.
    expect((await handshake({ token: otherTokens.alice! })).result.errCode).toBe(1507);
    await other.close();
  });

  it("an expired token → 1501; a token not valid yet → 1504 (HS256 with the server's secret)", async () => {
    const now = Math.floor(Date.now() / 1000);
    const jwt = (claims: object) => {
      const body = `${Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
      return `${body}.${createHmac("sha256", "openIM123").update(body).digest("base64url")}`;
    };
    const expired = jwt({ UserID: "alice", PlatformID: 5, exp: now - 10, iat: now - 100 });
    expect((await handshake({ token: expired })).result.errCode).toBe(1501);
    const early = jwt({ UserID: "alice", PlatformID: 5, exp: now + 1000, nbf: now + 500, iat: now });
    expect((await handshake({ token: early })).result.errCode).toBe(1504);
  });

  it("a kicked token (a newer get_user_token for that platform) → 1506", async () => {
    const old = await userToken(server, admin, "bob");
    const fresh = await userToken(server, admin, "bob");
    expect((await handshake({ userID: "bob", token: old })).result.errCode).toBe(1506);
    expect((await handshake({ userID: "bob", token: fresh })).result.errCode).toBe(0);
    tokens.bob = fresh;
  });

  it("the v= form (base64url JSON with userID/sendResponse) is accepted", async () => {
    const v = Buffer.from(JSON.stringify({ token: tokens.alice, userID: "alice", platformID: 5, operationID: "op", sdkType: "js", sendResponse: true, background: false })).toString("base64url");
    const c = RawClient.open(`${server.wsAddr}/?v=${v}`);
    expect(JSON.parse(await c.until("text", () => c.text[0]))).toEqual({ errCode: 0, errMsg: "", errDlt: "" });
    c.close();
  });

  it("too many connections → 1601", async () => {
    const small = await startTestServer({ maxConnections: 1 });
    const { tokens: t } = await withUsers(small, "u1", "u2");
    const first = await RawClient.connect(small, { userID: "u1", token: t.u1! });
    const c = RawClient.open(connectURL(small, { userID: "u2", token: t.u2! }));
    expect(JSON.parse(await c.until("text", () => c.text[0])).errCode).toBe(1601);
    first.close();
    await small.close();
  });
});

describe("isMsgResp=false", () => {
  it("failure is not upgraded: HTTP 200 with the JSON result", async () => {
    const url = connectURL(server, { userID: "alice", token: tokens.alice!, query: { isMsgResp: null, sendID: "" } });
    const res = await fetch(url.replace("ws://", "http://"), { headers: { Connection: "Upgrade", Upgrade: "websocket", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==" } }).catch(() => null);
    // fetch refuses Upgrade headers in some Node versions; fall back to ws's unexpected-response.
    if (res) {
      expect(res.status).toBe(200);
      expect((await res.json()).errCode).toBe(1602);
      return;
    }
    const { WebSocket } = await import("ws");
    const ws = new WebSocket(url);
    const got = await new Promise<{ status: number; body: string }>((resolve) =>
      ws.on("unexpected-response", (_req, r) => {
        let body = "";
        r.on("data", (d: Buffer) => (body += d.toString()));
        r.on("end", () => resolve({ status: r.statusCode ?? 0, body }));
      }),
    );
    expect(got.status).toBe(200);
    expect(JSON.parse(got.body).errCode).toBe(1602);
  });

  it("success sends no first frame", async () => {
    const c = RawClient.open(connectURL(server, { userID: "alice", token: tokens.alice!, query: { isMsgResp: "false" } }));
    await c.waitOpen();
    const r = await c.request(2004, new Uint8Array(0), { sendID: "alice" });
    expect(c.text).toEqual([]);
    expect(r.reqIdentifier).toBe(2004);
    c.close();
  });
});

describe("HTTP tokens", () => {
  it("parse_token returns the absolute expiry; get_user_token a duration", async () => {
    const issued = await apiOk(server, "/auth/get_user_token", { userID: "alice", platformID: 2 }, admin);
    expect(issued.expireTimeSeconds).toBe(90 * 24 * 3600);
    const parsed = await apiOk(server, "/auth/parse_token", { token: issued.token });
    expect(parsed.userID).toBe("alice");
    expect(parsed.platformID).toBe(2);
    expect(parsed.expireTimeSeconds).toBeGreaterThan(Date.now() / 1000 + 89 * 24 * 3600);
  });
});
