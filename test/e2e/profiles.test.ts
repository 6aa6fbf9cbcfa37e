// Names and faces: the user cache against the devserver (one request per batch of misses, shared
// in-flight lookups), sender names on sent messages, titles of new single-chat conversations.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CbEvents } from "../../bindings/node/index.js";
import { routes } from "../../generated/protocol/routes.js";
import { UserCache } from "../../runtime/cache/user-cache.js";
import { HttpClient, type FetchLike } from "../../runtime/http/client.js";
import { userToken } from "../devserver/support.js";
import { E2eWorld } from "../support/sdk-clients.js";

let world: E2eWorld;
beforeAll(async () => (world = await E2eWorld.start()));
afterEach(async () => world.afterEach());
afterAll(async () => world.close());

describe("UserCache", () => {
  it("asks the server once for all misses, shares in-flight lookups, answers hits from memory", async () => {
    const [me, u1, u2, u3] = await world.users("asker", "u", "v", "w");
    const bodies: string[] = [];
    const counting: FetchLike = (url, init) => {
      bodies.push(init.body);
      return fetch(url, init);
    };
    const http = new HttpClient({ apiAddr: world.server.apiAddr, routes, userToken: await userToken(world.server, world.admin, me!), fetch: counting });
    const cache = new UserCache(http);
    const [a, b] = await Promise.all([cache.get([u1!, u2!, "nobody"]), cache.get([u2!])]);
    expect(bodies).toHaveLength(1);
    expect(JSON.parse(bodies[0]!).userIDs).toEqual([u1, u2, "nobody"]);
    expect([...a.values()].map((p) => p.nickname)).toEqual([u1!.toUpperCase(), u2!.toUpperCase()]);
    expect(b.get(u2!)?.nickname).toBe(u2!.toUpperCase());
    const c = await cache.get([u1!, u2!, u3!]);
    expect(bodies).toHaveLength(2);
    expect(JSON.parse(bodies[1]!).userIDs).toEqual([u3]); // never over-fetching what is cached
    expect(c.size).toBe(3);
    cache.invalidate(u1!);
    await cache.get([u1!]);
    expect(JSON.parse(bodies[2]!).userIDs).toEqual([u1]);
  });
});

describe("names in messages and conversations", () => {
  it("sent messages carry the sender's nickname; a new conversation gets the peer's name as its title", async () => {
    const [a, b] = await world.users("named", "titled");
    const ca = await world.client(a!);
    const cb = await world.client(b!);
    const msg = await ca.sdk.createTextMessage("hi");
    expect(msg.senderNickname).toBe(a!.toUpperCase());
    await ca.sdk.sendMessage({ recvID: b!, groupID: "", message: msg });
    const got = await cb.until("message", () => cb.events(CbEvents.OnRecvNewMessage)[0]);
    expect(got.senderNickname).toBe(a!.toUpperCase());
    expect((await cb.sdk.getAllConversationList())[0]!.showName).toBe(a!.toUpperCase());
    // The sender's own new conversation starts with the peer's ID, then gets the name.
    await ca.until("title", async () => (await ca.sdk.getAllConversationList())[0]?.showName === b!.toUpperCase());
    const changed = ca.events(CbEvents.OnConversationChanged).flat().filter((c) => c.showName === b!.toUpperCase());
    expect(changed.length).toBeGreaterThan(0);
  });
});
