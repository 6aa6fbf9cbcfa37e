// A page that runs one test entry file in Chromium: the entry is bundled with esbuild for the
// browser and served with a one-line HTML page from 127.0.0.1 (port 0), optionally under extra
// response headers (e.g. a Content-Security-Policy).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { build } from "esbuild";

export interface EntryPage {
  url: string;
  close(): Promise<void>;
}

export async function serveEntryPage(entryPath: string, headers: Record<string, string> = {}): Promise<EntryPage> {
  const bundle = await build({ entryPoints: [entryPath], bundle: true, format: "esm", platform: "browser", write: false, logLevel: "silent" });
  const js = bundle.outputFiles[0]!.text;
  const http = createServer((req, res) => {
    if (req.url === "/bundle.js") res.writeHead(200, { ...headers, "Content-Type": "text/javascript" }).end(js);
    else res.writeHead(200, { ...headers, "Content-Type": "text/html" }).end('<!doctype html><script type="module" src="/bundle.js"></script>');
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}
