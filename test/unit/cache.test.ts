// The user cache on the real pieces: sql.js with the generated local_users DAO, and the devserver's
// /user/get_users_info reached through the SDK's HttpClient. A fetch wrapper records every request,
// so batching ("one request naming each miss once"), the database layer, the size bound and
// invalidation are checked by what actually went over the wire.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDaos, type Daos } from "../../generated/dao/index.js";
import { migrate } from "../../generated/dao/migrations.js";
import { routes } from "../../generated/protocol/routes.js";
import type { DevServer } from "../../devserver/index.js";
import { sessionUserSource } from "../../runtime/cache/cache.js";
import { ConversationView } from "../../runtime/cache/conversation-view.js";
import { UserCache, type UserCacheOptions } from "../../runtime/cache/user-cache.js";
import { emptyConversation } from "../../runtime/conversations/conversation-rows.js";
import { HttpClient, type FetchLike } from "../../runtime/http/client.js";
import { adminToken, apiOk, registerUsers, startTestServer, userToken } from "../devserver/support.js";
import { openSqlJs } from "../support/sqljs-driver.js";

let server: DevServer;
let admin: string;
let token: string;
const USERS = ["ann", "bob", "cyd", "dan", "eve", "fay"];

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminToken(server);
  await registerUsers(server, admin, "me", ...USERS);
  token = await userToken(server, admin, "me");
});
afterAll(async () => server.close());

/** A cache over a fresh (or given) database; `asked` lists the userIDs of each get_users_info. */
async function setup(options: UserCacheOptions = {}, reuse?: { daos: Daos; driver: Awaited<ReturnType<typeof openSqlJs>> }) {
  const driver = reuse?.driver ?? (await openSqlJs());
  if (!reuse) migrate(driver);
  const daos = reuse?.daos ?? createDaos(driver);
  const asked: string[][] = [];
  const fetch: FetchLike = async (url, init) => {
    if (url.endsWith("/user/get_users_info")) asked.push((JSON.parse(init.body) as { userIDs: string[] }).userIDs);
    return globalThis.fetch(url, init);
  };
  const http = new HttpClient({ apiAddr: server.apiAddr, routes, userToken: token, fetch });
  const cache = new UserCache(sessionUserSource(driver, daos, http), options);
  return { cache, asked, daos, driver };
}

describe("UserCache", () => {
  it("asks the server once for all misses, naming each once; later lookups fetch only the new ones", async () => {
    const { cache, asked } = await setup();
    const names = await cache.getUserNameAndFaceURL(["ann", "bob", "cyd", "ann", "bob"]);
    expect(asked).toEqual([["ann", "bob", "cyd"]]);
    expect(Object.fromEntries([...names].map(([id, p]) => [id, p.nickname]))).toEqual({ ann: "ANN", bob: "BOB", cyd: "CYD" });
    await cache.getUsers(["ann", "bob", "cyd", "dan"]);
    expect(asked).toEqual([["ann", "bob", "cyd"], ["dan"]]);
  });

  it("concurrent lookups share the request in flight instead of asking again", async () => {
    const { cache, asked } = await setup();
    const [a, b, c] = await Promise.all([cache.getUsers(["ann", "bob"]), cache.getUsers(["bob", "ann"]), cache.getUsers(["bob", "cyd"])]);
    expect(asked).toEqual([["ann", "bob"], ["cyd"]]);
    expect([...a.keys()].sort()).toEqual(["ann", "bob"]);
    expect([...b.keys()].sort()).toEqual(["ann", "bob"]);
    expect([...c.keys()].sort()).toEqual(["bob", "cyd"]);
  });

  it("leaves unknown users out (and asks for them again next time)", async () => {
    const { cache, asked } = await setup();
    const got = await cache.getUsers(["ann", "ghost"]);
    expect([...got.keys()]).toEqual(["ann"]);
    await cache.getUsers(["ann", "ghost"]);
    expect(asked).toEqual([["ann", "ghost"], ["ghost"]]);
  });

  it("splits a lookup larger than maxBatch into requests that never repeat a user", async () => {
    const { cache, asked } = await setup({ maxBatch: 2 });
    const got = await cache.getUsers(USERS.slice(0, 5));
    expect(got.size).toBe(5);
    expect(asked.map((r) => r.length)).toEqual([2, 2, 1]);
    expect(asked.flat().sort()).toEqual(USERS.slice(0, 5).sort());
  });

  it("is bounded in memory; an evicted user comes back from the local database, not the server", async () => {
    const { cache, asked } = await setup({ maxEntries: 2 });
    await cache.getUsers(USERS);
    expect(cache.size).toBe(2);
    expect(asked).toHaveLength(1);
    const again = await cache.getUsers(["ann", "bob"]);
    expect(again.get("ann")?.nickname).toBe("ANN");
    expect(asked).toHaveLength(1);
    expect(cache.size).toBe(2);
  });

  it("survives a restart through local_users (a new cache over the same database asks nobody)", async () => {
    const first = await setup();
    await first.cache.getUsers(["eve", "fay"]);
    const second = await setup({}, { daos: first.daos, driver: first.driver });
    const got = await second.cache.getUserNameAndFaceURL(["eve", "fay"]);
    expect(got.get("fay")).toEqual({ nickname: "FAY", faceURL: "" });
    expect(second.asked).toEqual([]);
  });

  it("invalidate drops memory and database, so a changed profile is fetched again", async () => {
    const { cache, asked } = await setup();
    await cache.getUsers(["dan"]);
    await apiOk(server, "/user/update_user_info_ex", { userInfo: { userID: "dan", nickname: "Daniel", faceURL: "http://f/dan.png" } }, await userToken(server, admin, "dan"));
    expect((await cache.getUsers(["dan"])).get("dan")?.nickname).toBe("DAN"); // cached: no TTL
    cache.invalidate(["dan"]);
    expect(cache.peek("dan")).toBeUndefined();
    expect((await cache.getUserNameAndFaceURL(["dan"])).get("dan")).toEqual({ nickname: "Daniel", faceURL: "http://f/dan.png" });
    expect(asked).toEqual([["dan"], ["dan"]]);
  });

  it("update and a sync's replace win over an answer that was already on its way", async () => {
    const { cache } = await setup();
    const pending = cache.getUsers(["cyd"]);
    cache.update("cyd", "face-from-sync", "Cyd (synced)");
    const answered = await pending;
    expect(answered.get("cyd")?.nickname).toBe("CYD"); // the caller sees what the server said …
    expect(cache.peek("cyd")).toMatchObject({ nickname: "Cyd (synced)", faceURL: "face-from-sync" }); // … the cache keeps the newer
  });

  it("refresh asks the server again for cached users (one request) and replaces memory and database", async () => {
    const { cache, asked, daos } = await setup();
    await cache.getUsers(["eve", "fay"]);
    await apiOk(server, "/user/update_user_info_ex", { userInfo: { userID: "eve", nickname: "Evelyn", faceURL: "http://f/eve.png" } }, await userToken(server, admin, "eve"));
    const fresh = await cache.refresh(["eve", "fay", "eve", "ghost"]);
    expect(asked).toEqual([["eve", "fay"], ["eve", "fay", "ghost"]]);
    expect([...fresh.keys()].sort()).toEqual(["eve", "fay"]);
    expect(cache.peek("eve")).toMatchObject({ nickname: "Evelyn", faceURL: "http://f/eve.png" });
    expect(daos.localUsers.get("eve")).toMatchObject({ nickname: "Evelyn", faceURL: "http://f/eve.png" });
    // Lookups during and after the refresh ask nobody.
    await cache.getUsers(["eve", "fay"]);
    expect(asked).toHaveLength(2);
  });

  it("a lookup started during a refresh shares its request; an update during a refresh wins over its answer", async () => {
    const { cache, asked } = await setup();
    const refreshed = cache.refresh(["bob"]);
    const during = cache.getUsers(["bob"]);
    expect((await during).get("bob")?.nickname).toBe("BOB");
    await refreshed;
    expect(asked).toEqual([["bob"]]);
    const again = cache.refresh(["bob"]);
    cache.update("bob", "face-from-message", "Bobby");
    expect((await again).get("bob")?.nickname).toBe("BOB");
    expect(cache.peek("bob")).toMatchObject({ nickname: "Bobby", faceURL: "face-from-message" });
  });

  it("a failed request fails every lookup waiting on it, and the next lookup asks again", async () => {
    const driver = await openSqlJs();
    migrate(driver);
    const daos = createDaos(driver);
    let down = true;
    const fetch: FetchLike = async (url, init) => {
      if (down) throw new TypeError("connect ECONNREFUSED");
      return globalThis.fetch(url, init);
    };
    const cache = new UserCache(sessionUserSource(driver, daos, new HttpClient({ apiAddr: server.apiAddr, routes, userToken: token, fetch })));
    const both = await Promise.allSettled([cache.getUsers(["ann"]), cache.getUsers(["ann"])]);
    expect(both.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    down = false;
    expect((await cache.getUsers(["ann"])).get("ann")?.nickname).toBe("ANN");
  });

  it("rejects nonsense sizes with a clear message", async () => {
    await expect(setup({ maxEntries: 0 })).rejects.toThrow(/maxEntries must be an integer ≥ 1, got 0/);
    await expect(setup({ maxBatch: 1.5 })).rejects.toThrow(/maxBatch must be an integer ≥ 1, got 1.5/);
  });
});

describe("ConversationView", () => {
  it("writes through the table: updateConversations in one go, unread filter, single lookups", async () => {
    const driver = await openSqlJs();
    migrate(driver);
    const daos = createDaos(driver);
    const view = new ConversationView(driver, daos);
    const row = (id: string, unread: number, t: number) => ({ ...emptyConversation(`si_me_${id}`, "me"), unreadCount: unread, latestMsgSendTime: t });
    view.updateConversations([row("ann", 2, 30), row("bob", 0, 20), row("cyd", 1, 10)]);
    expect(view.getAllConversations().map((c) => c.userID)).toEqual(["ann", "bob", "cyd"]);
    expect(view.getAllHasUnreadMessageConversations().map((c) => c.userID)).toEqual(["ann", "cyd"]);
    view.updateConversation({ ...view.getConversation("si_me_ann")!, unreadCount: 0 });
    expect(daos.localConversations.get("si_me_ann")?.unreadCount).toBe(0);
    expect(view.getAllHasUnreadMessageConversations().map((c) => c.userID)).toEqual(["cyd"]);
    // Another writer (the inbox) changes the table: the view sees it at once.
    daos.localConversations.upsert({ ...daos.localConversations.get("si_me_bob")!, unreadCount: 5 });
    expect(view.getConversation("si_me_bob")?.unreadCount).toBe(5);
  });
});
