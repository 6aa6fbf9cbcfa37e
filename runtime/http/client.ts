// The OpenIM REST client: `POST apiAddr + path` with the `operationID` and `token` headers,
// Go-JSON bodies through the route's codecs, and the `{errCode, errMsg, errDlt, data}`
// envelope turned into either the decoded `data` or an ApiError. Token errors (1501–1507) are
// also reported to the AuthFailureGate shared with the WebSocket transport, so the app hears
// about a dead session once, whichever side saw it first.

import { silentLogger, type Logger } from "../events/logger.js";
import type { AuthFailureGate } from "../transport/auth-failures.js";
import { newOperationID } from "../transport/ids.js";
import { ApiError, HttpLocalCode } from "./errors.js";
import type { AnyRouteTable, RouteRequest, RouteResponse } from "./route-table.js";

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<{
  status: number;
  statusText: string;
  text(): Promise<string>;
}>;

/** A token value, or a function returning the current one (it can change after a re-login). */
export type TokenSource = string | (() => string);

export interface HttpClientOptions<Routes extends AnyRouteTable> {
  /** e.g. "http://127.0.0.1:10002" or "https://example.com/api". */
  apiAddr: string;
  /** The generated route table (generated/protocol/routes.ts). */
  routes: Routes;
  /** For routes whose token kind is "user". */
  userToken?: TokenSource;
  /** For routes whose token kind is "admin" (tools, tests, the devserver's own checks). */
  adminToken?: TokenSource;
  authGate?: AuthFailureGate;
  /** Default globalThis.fetch. */
  fetch?: FetchLike;
  /** Default 10000 ms, like the Go SDK. */
  timeoutMs?: number;
  logger?: Logger;
}

export interface CallOptions {
  operationID?: string;
  timeoutMs?: number;
  /** Cancels the call; it then rejects with the signal's reason. */
  signal?: AbortSignal;
}

export class HttpClient<Routes extends AnyRouteTable> {
  private readonly apiAddr: string;
  private readonly fetchFn: FetchLike;
  private readonly timeoutMs: number;
  private readonly logger: Logger;

  constructor(private readonly options: HttpClientOptions<Routes>) {
    this.apiAddr = normaliseApiAddr(options.apiAddr);
    const fetchFn = options.fetch ?? (globalThis.fetch?.bind(globalThis) as FetchLike | undefined);
    if (!fetchFn) throw new TypeError("HttpClient: no fetch in this environment; pass options.fetch");
    this.fetchFn = fetchFn;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.logger = options.logger ?? silentLogger;
  }

  /** Calls one route. Resolves with the decoded `data` (every field present); rejects with ApiError. */
  async call<P extends keyof Routes & string>(
    path: P,
    req: RouteRequest<Routes[P]>,
    options: CallOptions = {},
  ): Promise<RouteResponse<Routes[P]>> {
    const operationID = options.operationID ?? newOperationID();
    const route = this.options.routes[path];
    if (!route) {
      throw new ApiError(HttpLocalCode.ArgsError, `unknown route ${JSON.stringify(path)}`, "use a path from the generated route table", operationID, path);
    }
    const fail = (code: number, msg: string, dlt = "", status?: number) => new ApiError(code, msg, dlt, operationID, path, status);

    const headers: Record<string, string> = { "Content-Type": "application/json", operationID };
    if (route.token !== "none") headers["token"] = this.token(route.token, path, operationID);
    let body: string;
    try {
      // `req` is typed by this route's own codec (call's signature); the table type cannot say so.
      const codec = route.req as { toGoJSON(msg: RouteRequest<Routes[P]>): Record<string, unknown> };
      body = JSON.stringify(codec.toGoJSON(req));
    } catch (err) {
      throw fail(HttpLocalCode.ArgsError, `bad request: ${(err as Error).message}`);
    }

    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(fail(HttpLocalCode.NetworkTimeout, `no reply within ${timeoutMs} ms`)), timeoutMs);
    const onCallerAbort = () => abort.abort(options.signal?.reason ?? fail(HttpLocalCode.NetworkError, "cancelled by the caller"));
    if (options.signal?.aborted) onCallerAbort();
    options.signal?.addEventListener("abort", onCallerAbort, { once: true });

    let status: number;
    let text: string;
    try {
      const res = await this.fetchFn(this.apiAddr + path, { method: "POST", headers, body, signal: abort.signal });
      status = res.status;
      text = await res.text();
    } catch (err) {
      if (abort.signal.aborted) throw abort.signal.reason;
      throw fail(HttpLocalCode.NetworkError, `request failed: ${(err as Error).message}`, causeOf(err));
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onCallerAbort);
    }

    if (status !== 200) {
      throw fail(HttpLocalCode.NetworkError, `HTTP ${status} from the API (is apiAddr right?)`, text.slice(0, 200), status);
    }
    const envelope = parseEnvelope(text);
    if (typeof envelope === "string") throw fail(HttpLocalCode.BadResponse, `undecodable reply: ${envelope}`, text.slice(0, 200));
    if (envelope.errCode !== 0) {
      this.options.authGate?.report(envelope.errCode, envelope.errMsg, `http:${path}`);
      this.logger.warn("http: call failed", { path, operationID, errCode: envelope.errCode, errMsg: envelope.errMsg, errDlt: envelope.errDlt });
      throw fail(envelope.errCode, envelope.errMsg || `server error ${envelope.errCode}`, envelope.errDlt);
    }
    try {
      return route.resp.fromGoJSON(envelope.data) as RouteResponse<Routes[P]>;
    } catch (err) {
      throw fail(HttpLocalCode.BadResponse, `undecodable data: ${(err as Error).message}`);
    }
  }

  private token(kind: "user" | "admin", path: string, operationID: string): string {
    const source = kind === "user" ? this.options.userToken : this.options.adminToken;
    const value = typeof source === "function" ? source() : source;
    if (!value) {
      throw new ApiError(HttpLocalCode.ArgsError, `route needs a ${kind} token but none is set`, `pass ${kind}Token to HttpClient`, operationID, path);
    }
    return value;
  }
}

interface Envelope {
  errCode: number;
  errMsg: string;
  errDlt: string;
  data: unknown;
}

/** The envelope, or a string saying what is wrong with the reply. */
function parseEnvelope(text: string): Envelope | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "not JSON";
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "not a JSON object";
  const obj = value as Record<string, unknown>;
  if (typeof obj["errCode"] !== "number") return `"errCode" missing or not a number`;
  const str = (key: string) => (typeof obj[key] === "string" ? (obj[key] as string) : "");
  return { errCode: obj["errCode"], errMsg: str("errMsg"), errDlt: str("errDlt"), data: obj["data"] };
}

function normaliseApiAddr(apiAddr: string): string {
  let url: URL;
  try {
    url = new URL(apiAddr);
  } catch {
    throw new TypeError(`apiAddr ${JSON.stringify(apiAddr)} is not a URL; expected e.g. "http://127.0.0.1:10002"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`apiAddr must start with http:// or https://, got ${JSON.stringify(apiAddr)}`);
  }
  return apiAddr.replace(/\/+$/, "");
}

function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  return cause ? String(cause.code ?? cause.message ?? "") : "";
}
