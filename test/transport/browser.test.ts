// The transport in headless Chromium (Debian's /usr/bin/chromium via playwright-core): the
// browser WebSocket, binaryType arraybuffer, gzip with fflate, worker-backed heartbeat timers
// and the `online` event.

import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway, type Gateway } from "./fixture-gateway.js";
import { until } from "./helpers.js";
import { chromiumInstalled, CHROMIUM_PATH, launchChromium, type LaunchedChromium } from "../browser/chromium.js";
import { serveEntryPage, type EntryPage } from "../browser/entry-page.js";


let browser: LaunchedChromium;
let entry: EntryPage;

beforeAll(async () => {
  if (!chromiumInstalled()) throw new Error(`Chromium not found at ${CHROMIUM_PATH}; install Debian's chromium`);
  entry = await serveEntryPage(new URL("./browser-entry.ts", import.meta.url).pathname);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await entry?.close();
});

async function openPage(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(entry.url);
  await page.waitForFunction(() => "transport" in globalThis);
  return page;
}

type PageApi = {
  usesWorkerTimers(): boolean;
  connect(wsAddr: string, backoffMs: number): Promise<void>;
  echo(texts: string[]): Promise<string[]>;
  pushes(): string[];
  state(): string;
  attempts(): number;
};

/** Calls `globalThis.transport[method](...args)` in the page (see browser-entry.ts). */
function invoke<M extends keyof PageApi>(page: Page, method: M, ...args: Parameters<PageApi[M]>): Promise<Awaited<ReturnType<PageApi[M]>>> {
  return page.evaluate(
    ([m, a]) => {
      const transport = (globalThis as unknown as { transport: Record<string, (...x: unknown[]) => unknown> }).transport;
      return transport[m]!(...a);
    },
    [method, args] as [string, unknown[]],
  ) as Promise<Awaited<ReturnType<PageApi[M]>>>;
}

async function pageState(page: Page, state: string): Promise<void> {
  await page.waitForFunction((s) => (globalThis as unknown as { transport: PageApi }).transport.state() === s, state);
}

describe("transport in Chromium", () => {
  let gw: Gateway;
  afterAll(async () => gw?.close());

  it("connects with the browser WebSocket, gzips both ways, pings from worker timers, receives pushes", async () => {
    gw = await startGateway();
    const page = await openPage();
    expect(await invoke(page, "usesWorkerTimers")).toBe(true);
    await invoke(page, "connect", gw.url, 50);
    const echoes = await invoke(page, "echo", ["a", "é", "z".repeat(5000)]);
    expect(echoes.map((e) => e.length)).toEqual([1, 1, 5000]);
    const server = await gw.connection(0);
    expect(server.query.get("sdkType")).toBe("js");
    expect([server.framesIn, server.gzipFramesIn]).toEqual([3, 3]);
    await until(() => server.pings >= 3, "text pings driven by the worker timers");
    server.push(2001, new TextEncoder().encode("pushed"));
    await page.waitForFunction(() => (globalThis as unknown as { transport: PageApi }).transport.pushes().length === 1);
    expect(await invoke(page, "pushes")).toEqual(["pushed"]);
    await page.close();
  });

  it("the browser `online` event retries at once instead of waiting out the back-off", async () => {
    const refusing = await startGateway({ refuse: (_q, i) => (i === 0 ? { errCode: 500, errMsg: "ServerInternalError" } : undefined) });
    try {
      const page = await openPage();
      void invoke(page, "connect", refusing.url, 600_000);
      await pageState(page, "waiting");
      await page.evaluate(() => window.dispatchEvent(new Event("online")));
      await pageState(page, "connected");
      expect(await invoke(page, "attempts")).toBe(2);
      await page.close();
    } finally {
      await refusing.close();
    }
  });
});
