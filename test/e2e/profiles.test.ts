// Names and faces end to end: sender names on sent messages, titles of new single-chat conversations
// (the user cache itself is tested in test/unit/cache.test.ts).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CbEvents } from "../../bindings/node/index.js";
import { userToken } from "../devserver/support.js";
import { E2eWorld } from "../support/sdk-clients.js";

let world: E2eWorld;
beforeAll(async () => (world = await E2eWorld.start()));
afterEach(async () => world.afterEach());
afterAll(async () => world.close());

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
    // The sender's own new conversation is announced with the peer's name already (looked up first).
    const [announced] = await ca.until("announced", () => ca.events(CbEvents.OnNewConversation)[0]);
    expect(announced!.showName).toBe(b!.toUpperCase());
    expect((await ca.sdk.getAllConversationList())[0]!.showName).toBe(b!.toUpperCase());
  });
});
