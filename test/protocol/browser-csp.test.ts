// The generated codecs in headless Chromium (Debian's /usr/bin/chromium via playwright-core) on a
// page whose Content-Security-Policy forbids eval: no Buffer, no Long, protobufjs's plain
// Reader/Writer. Bytes and Go JSON must equal what Node produces.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sdkws } from "../../generated/protocol/index.js";
import { chromiumInstalled, CHROMIUM_PATH, launchChromium, type LaunchedChromium } from "../browser/chromium.js";
import { serveEntryPage, type EntryPage } from "../browser/entry-page.js";

const CSP = "default-src 'self'; script-src 'self'";

let browser: LaunchedChromium;
let entry: EntryPage;
let page: Page;

beforeAll(async () => {
  if (!chromiumInstalled()) throw new Error(`Chromium not found at ${CHROMIUM_PATH}; install Debian's chromium`);
  entry = await serveEntryPage(new URL("./browser-entry.ts", import.meta.url).pathname, { "Content-Security-Policy": CSP });
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(entry.url);
  await page.waitForFunction(() => "codecs" in globalThis);
});

afterAll(async () => {
  await browser?.close();
  await entry?.close();
});

type Api = { evalBlocked(): boolean; violations(): string[]; encodePush(json: string): string; decodePush(hex: string): string; errors(): Record<string, string> };
function call<M extends keyof Api>(m: M, ...args: Parameters<Api[M]>): Promise<ReturnType<Api[M]>> {
  return page.evaluate(([name, a]) => {
    const api = (globalThis as unknown as { codecs: Record<string, (...x: unknown[]) => unknown> }).codecs;
    return api[name]!(...a);
  }, [m, args] as [string, unknown[]]) as Promise<ReturnType<Api[M]>>;
}

const sample = sdkws.PushMessages.create({
  msgs: {
    si_u1_u2: sdkws.PullMsgs.create({
      Msgs: [sdkws.MsgData.create({
        sendID: "u1", recvID: "u2", clientMsgID: "c1", sessionType: 1, contentType: 101, seq: 9_007_199_254_740_991, sendTime: 1_733_200_000_123,
        content: new TextEncoder().encode('{"content":"héllo 👋 世界"}'), senderNickname: "Zoë 🚀", options: { history: false }, atUserIDList: ["u2"],
      })],
      isEnd: true,
    }),
  },
});

it("the page really forbids eval", async () => {
  expect(await call("evalBlocked")).toBe(true);
});

it("encodes the same bytes as Node, and decodes them back, with non-ASCII strings", async () => {
  const before = await call("violations");
  const json = JSON.stringify(sdkws.PushMessages.toGoJSON(sample));
  const hex = await call("encodePush", json);
  expect(hex).toBe(Buffer.from(sdkws.PushMessages.encode(sample)).toString("hex"));
  const decoded = JSON.parse(await call("decodePush", hex)) as { goJson: unknown; contentIsPlainUint8Array: boolean };
  expect(decoded.goJson).toEqual(JSON.parse(json));
  expect(decoded.contentIsPlainUint8Array).toBe(true);
  // Encoding and decoding triggered no CSP violation (protobufjs may report one at load time,
  // when it probes for optional modules with eval and falls back).
  expect(await call("violations")).toEqual(before);
});

it("reports bad input with ProtocolError in the browser too", async () => {
  const errors = await call("errors");
  expect(errors["int64"]).toMatch(/^ProtocolError openim\.sdkws\.MsgData\.seq: int64 value .* beyond/);
  expect(errors["truncatedString"]).toMatch(/^ProtocolError openim\.sdkws\.MsgData\.sendID: malformed protobuf \(truncated input\)/);
  expect(errors["invalidUtf8"]).toMatch(/^ProtocolError openim\.sdkws\.MsgData\.sendID: malformed protobuf \(string is not valid UTF-8\)/);
  expect(errors["quotedNumber"]).toBe("ProtocolError openim.msg.SendMsgReq.msgData.seq: expected a JSON number, got string");
});
