// Fault paths found by the reliability run (`npm run reliability`), pinned down without chaos on a
// slow or stalled link through the fault proxy.
//
// 1. A message whose push is lost
//    with a stalled link, and a reconnect whose connect sync times out on a slow link. The session
//    must not stay connected-but-behind: the sync is retried and the message arrives. (Checked while
//    hunting the tail losses of the full run, seed 424242 — this path is not their cause.)
//
// 2. Found by the reliability run (any seed; e.g. `npm run reliability -- --senders 6 --messages 15
//    --recipients 2 --kill 0 --stall 0 --max-ack-delay 0 --seed 5`: the devserver restart alone
//    is enough): after a reconnect, a recipient's local unread total ends up higher than the
//    server's (maxSeq − hasReadSeq), while a fresh device of the same user gets the right number.
//    Pinned: messages arrive while the recipient's connect sync runs on a
//    slow link (server→client bytes delayed), so some are stored on the server between the sync's
//    GetNewestSeq and its unread query. Expected: unread = messages received, on both devices.
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

describe("a connect sync that times out on a slow link", () => {
  it("is retried: a message stored while the device was cut off arrives once the link is fast again", async () => {
    const [a, b] = await world.users("writer", "behind");
    const proxy = await FaultProxy.start({ targetPort: Number(new URL(world.server.wsAddr).port), seed: 1, log: () => {} });
    proxies.push(proxy);
    const ca = await world.client(a!);
    const cb = await world.client(b!, { wsAddr: proxy.wsAddr, requestTimeoutMs: 400 });
    const [link] = proxy.connections;
    proxy.stall(link!); // the push of the next message is held…
    const sent = await ca.sdk.sendMessage({ recvID: b!, groupID: "", message: await ca.sdk.createTextMessage("while stalled") });
    expect(sent.status).toBe(2);
    proxy.setDelay(1500); // …then lost with the link; the reconnect's sync requests time out
    proxy.kill(link!);
    await cb.until("the slow reconnect", () => cb.events(CbEvents.OnSyncServerFailed).length > 0, 10_000);
    proxy.setDelay(0);
    await sleep(4000);
    expect(cb.events(CbEvents.OnRecvNewMessage).map((m) => m.clientMsgID), "the message stored during the cut").toEqual([sent.clientMsgID]);
  }, 30_000);
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
