// The generated codecs in headless Chromium (Debian's /usr/bin/chromium via playwright-core) on a
// page whose Content-Security-Policy forbids eval: no Buffer, no Long, protobufjs's plain
// Reader/Writer. Bytes and Go JSON must equal what Node produces.
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { build } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sdkws } from "../../generated/protocol/index.js";

const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const CSP = "default-src 'self'; script-src 'self'";

let browser: Browser;
let http: Server;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}; install Debian's chromium or set CHROMIUM_PATH`);
  const bundle = await build({
    entryPoints: [new URL("./browser-entry.ts", import.meta.url).pathname],
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  const js = bundle.outputFiles[0]!.text;
  http = createServer((req, res) => {
    const headers = { "Content-Security-Policy": CSP };
    if (req.url === "/bundle.js") res.writeHead(200, { ...headers, "Content-Type": "text/javascript" }).end(js);
    else res.writeHead(200, { ...headers, "Content-Type": "text/html" }).end('<!doctype html><script type="module" src="/bundle.js"></script>');
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`);
  await page.waitForFunction(() => "codecs" in globalThis);
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
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
