// Found by the reliability run (any seed; e.g. `npm run reliability -- --senders 6 --messages 15
// --recipients 2 --kill 0 --stall 0 --max-ack-delay 0 --seed 5`: the devserver restart alone
// is enough): after a reconnect, a recipient's local unread total ends up higher than the
// server's (maxSeq − hasReadSeq), while a fresh device of the same user gets the right number.
// This pins it down without chaos: messages arrive while the recipient's connect sync runs on a
// slow link (server→client bytes delayed), so some are stored on the server between the sync's
// GetNewestSeq and its unread query. Expected: unread = messages received, on both devices.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CbEvents } from "../../bindings/node/index.js";
import { E2eWorld, sleep } from "../support/sdk-clients.js";
import { FaultProxy } from "./proxy.js";

let world: E2eWorld;
const proxies: FaultProxy[] = [];

beforeAll(async () => {
  world = await E2eWorld.start();
});
afterEach(async () => {
  await world.afterEach();
  for (const p of proxies.splice(0)) await p.close();
});
afterAll(async () => {
  await world.close();
});

describe("unread total across a reconnect on a slow link", () => {
  it("equals the number of messages received (no double count of pushes that raced the connect sync)", async () => {
    const [a, b] = await world.users("sender", "reader");
    const proxy = await FaultProxy.start({ targetPort: Number(new URL(world.server.wsAddr).port), seed: 1, log: () => {} });
    proxies.push(proxy);
    const ca = await world.client(a!);
    const cb = await world.client(b!, { wsAddr: proxy.wsAddr });
    const first = await ca.sdk.sendMessage({ recvID: b!, groupID: "", message: await ca.sdk.createTextMessage("before") });
    expect(first.status).toBe(2);
    await cb.until("first message", () => cb.events(CbEvents.OnRecvNewMessage).length === 1);

    proxy.setDelay(800);
    proxy.killAll();
    const total = 30;
    for (let i = 0; i < total - 1; i++) {
      await ca.sdk.sendMessage({ recvID: b!, groupID: "", message: await ca.sdk.createTextMessage(`during ${i}`) });
      await sleep(100);
    }
    proxy.setDelay(0);
    await cb.until("all messages", () => cb.events(CbEvents.OnRecvNewMessage).length >= total, 20_000);
    await sleep(500);
    expect(cb.events(CbEvents.OnRecvNewMessage)).toHaveLength(total);

    const fresh = await world.client(b!, { platformID: 3 });
    await fresh.until("the fresh device's sync", () => fresh.events(CbEvents.OnSyncServerFinish).length > 0, 10_000);
    expect(await fresh.sdk.getTotalUnreadMsgCount(), "the server's view (fresh device)").toBe(total);
    expect(await cb.sdk.getTotalUnreadMsgCount(), "the reconnected device").toBe(total);
  }, 40_000);
});
