// Serves the test page, its harness and the built bundle + wasm from a local node:http server
// on an ephemeral port, the way an app would host them (wasm as application/wasm).
import { readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import type { WebBundle } from "../../bindings/web/build.js";

const PAGE_DIR = fileURLToPath(new URL("./page/", import.meta.url));

/** A strict page policy that forbids blob: workers (as many production CSPs do). */
export const NO_BLOB_WORKERS_CSP = "worker-src 'self'";

export interface PageServer {
  /** URL of the test page. */
  url: string;
  /** The same page and assets under /csp/, served with NO_BLOB_WORKERS_CSP. */
  cspUrl: string;
  close(): Promise<void>;
}

interface Asset {
  body: Uint8Array | string;
  type: string;
}

export async function servePage(bundle: WebBundle): Promise<PageServer> {
  const harness = await esbuild.transform(await readFile(path.join(PAGE_DIR, "harness.ts"), "utf8"), {
    loader: "ts",
    format: "esm",
    target: "es2022",
  });
  const assets = new Map<string, Asset>([
    ["/", { body: await readFile(path.join(PAGE_DIR, "index.html"), "utf8"), type: "text/html; charset=utf-8" }],
    ["/harness.js", { body: harness.code, type: "text/javascript; charset=utf-8" }],
    ["/openim-sdk.js", { body: await readFile(bundle.jsPath), type: "text/javascript; charset=utf-8" }],
    ["/sql-wasm.wasm", { body: await readFile(bundle.wasmPath), type: "application/wasm" }],
  ]);
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://page").pathname;
    const csp = pathname.startsWith("/csp/");
    const asset = assets.get(csp ? pathname.slice("/csp".length) : pathname);
    if (!asset || req.method !== "GET") {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    res
      .writeHead(200, { "Content-Type": asset.type, "Cache-Control": "no-store", ...(csp ? { "Content-Security-Policy": NO_BLOB_WORKERS_CSP } : {}) })
      .end(asset.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    cspUrl: `http://127.0.0.1:${port}/csp/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
