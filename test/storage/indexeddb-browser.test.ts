// IndexedDB persistence in a real browser: headless Chromium (Debian's, via playwright-core)
// loads a bundle of openDatabase, writes, reloads, and must find snapshot and journal data.
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const chromiumPath = [process.env["CHROMIUM_PATH"], "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (p): p is string => !!p && existsSync(p),
);

describe.skipIf(!chromiumPath)("IndexedDB persistence in Chromium", () => {
  let server: Server;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [join(here, "browser", "idb-scenario.ts")],
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      // sql.js's Node branch requires these; it never runs in the browser.
      external: ["fs", "path", "crypto", "node:*", "better-sqlite3"],
      logLevel: "silent",
    });
    const files: Record<string, [string, string | Uint8Array]> = {
      "/": ["text/html", '<!doctype html><script type="module" src="/scenario.js"></script>'],
      "/scenario.js": ["text/javascript", bundle.outputFiles[0]!.contents],
      "/sql-wasm.wasm": ["application/wasm", readFileSync(join(root, "node_modules/sql.js/dist/sql-wasm.wasm"))],
      "/favicon.ico": ["image/x-icon", ""],
    };
    server = createServer((req, res) => {
      const file = files[req.url ?? ""];
      if (!file) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": file[0] }).end(file[1]);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  it("keeps snapshot rows and journal-only rows across a reload without close()", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(origin);
    await page.waitForFunction(() => "storageScenario" in globalThis, undefined, { timeout: 30_000 }).catch((e: Error) => {
      throw new Error(`${e.message}; page errors: ${errors.join(" | ")}`);
    });
    const written = await page.evaluate(() => (globalThis as any).storageScenario.write());
    expect(written.journalled).toBeGreaterThan(0);

    await page.reload();
    await page.waitForFunction(() => "storageScenario" in globalThis, undefined, { timeout: 30_000 });
    const read = await page.evaluate(() => (globalThis as any).storageScenario.read());
    expect(read.replay).toMatchObject({ replayed: 1, failed: 0 });
    expect(read.drafts).toEqual([
      { conv_id: "c1", text: "in the snapshot" },
      { conv_id: "c2", text: "only in the journal" },
    ]);
    expect(read.msgBody).toEqual([1, 2, 3]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
