// The HTTP API front door: CORS, OpenIM's header rules, body limit, JSON parsing, envelope,
// gin's plain-text 404. What each route does lives in routes/.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { argsError, toCodeError } from "../errors.js";
import { BodyTooLarge, readBody } from "./body.js";
import { errorEnvelope, okEnvelope, type ApiEnvelope } from "./envelope.js";

export type TokenKind = "none" | "user" | "admin";

export interface HttpCall {
  path: string;
  operationID: string;
  /** The `token` header ("" when the route needs none and none was sent). */
  token: string;
  /** The parsed JSON body, or the raw bytes when the client sent protobuf (see `protobuf`). */
  body: unknown;
  /** Content-Type application/(x-)protobuf: `body` is a Uint8Array of binary protobuf. */
  protobuf: boolean;
}

export interface ApiRouter {
  /** The token rule of a route, or undefined for an unknown path (→ 404). */
  tokenKind(path: string): TokenKind | undefined;
  /** Runs the route; resolves to the `data` to send (undefined = no data key). Throws CodeError. */
  handle(call: HttpCall): Promise<unknown>;
}

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": "*",
  "Access-Control-Allow-Methods": "POST, GET, OPTIONS",
  "Access-Control-Expose-Headers": "*",
};

function send(req: IncomingMessage, res: ServerResponse, status: number, env: ApiEnvelope): void {
  const json = Buffer.from(JSON.stringify(env));
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const body = gzip ? gzipSync(json) : json;
  res.writeHead(status, {
    ...CORS,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": body.length,
    ...(gzip ? { "Content-Encoding": "gzip" } : {}),
  });
  res.end(body);
}

function header(req: IncomingMessage, name: string): string {
  const v = req.headers[name.toLowerCase()];
  return (Array.isArray(v) ? v[0] : v) ?? "";
}

export function createApiServer(router: ApiRouter, maxBodyBytes: number): Server {
  return createServer((req, res) => {
    void serve(router, maxBodyBytes, req, res).catch((err: unknown) => {
      if (!res.headersSent) send(req, res, 200, errorEnvelope(toCodeError(err)));
      else res.destroy();
    });
  });
}

async function serve(router: ApiRouter, maxBodyBytes: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === "OPTIONS") {
    res.writeHead(200, CORS);
    res.end();
    return;
  }
  const path = new URL(req.url ?? "/", "http://x").pathname;
  const kind = router.tokenKind(path);
  if (req.method !== "POST" || kind === undefined) {
    req.resume();
    res.writeHead(404, { ...CORS, "Content-Type": "text/plain" });
    res.end("404 page not found");
    return;
  }
  let raw: Buffer;
  try {
    raw = await readBody(req, maxBodyBytes);
  } catch (err) {
    if (err instanceof BodyTooLarge) {
      // OpenIM answers every handled request with HTTP 200 and the code in the envelope; clients rely on that.
      send(req, res, 200, errorEnvelope(argsError(err.message)));
      res.on("finish", () => req.destroy());
      return;
    }
    throw err;
  }
  const operationID = header(req, "operationID");
  if (!operationID) return send(req, res, 200, errorEnvelope(argsError("header must have operationID")));
  const token = header(req, "token");
  if (kind !== "none" && !token) return send(req, res, 200, errorEnvelope(argsError("header must have token")));
  const protobuf = /^application\/(x-)?protobuf\b/i.test(header(req, "content-type"));
  let body: unknown = new Uint8Array(raw);
  if (!protobuf) {
    try {
      body = raw.length === 0 ? {} : JSON.parse(raw.toString("utf8"));
    } catch (err) {
      return send(req, res, 200, errorEnvelope(argsError(`body is not valid JSON: ${(err as Error).message}`)));
    }
  }
  try {
    const data = await router.handle({ path, operationID, token, body, protobuf });
    send(req, res, 200, okEnvelope(data));
  } catch (err) {
    send(req, res, 200, errorEnvelope(toCodeError(err)));
  }
}
