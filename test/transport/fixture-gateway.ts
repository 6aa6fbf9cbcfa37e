// A small real WebSocket gateway for transport tests: it speaks the v3.8 handshake and the
// JSON+base64 envelope, and lets a test script faults the devserver does not offer (holding
// one request, going silent, answering on a socket the client has given up, raw frames).

import { gunzipSync, gzipSync } from "fflate";
import { WebSocketServer, type WebSocket } from "ws";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  reqIdentifier: number;
  sendID: string;
  operationID: string;
  msgIncr: string;
  data: Uint8Array;
}

export interface Reply {
  data?: Uint8Array | null;
  errCode?: number;
  errMsg?: string;
  delayMs?: number;
}

export interface GatewayConn {
  readonly index: number;
  readonly ws: WebSocket;
  readonly query: URLSearchParams;
  readonly gzip: boolean;
  /** Text pings received. */
  pings: number;
  /** Binary frames received, and how many of them were gzip. */
  framesIn: number;
  gzipFramesIn: number;
  /** When true, pings get no pong (a half-open socket seen from the client). */
  silent: boolean;
  send(envelope: Record<string, unknown>): void;
  push(reqIdentifier: number, data: Uint8Array): void;
  reply(req: ReceivedRequest, reply: Reply): void;
}

export interface GatewayOptions {
  /** Refuse the handshake with this result (checked per connection). */
  refuse?: (query: URLSearchParams, index: number) => { errCode: number; errMsg: string } | undefined;
  /** "drop": terminate before any handshake frame; "mute": upgrade and never send one. */
  beforeHandshake?: (index: number) => "drop" | "mute" | undefined;
  /** Decide the reply; return "hold" to answer later (or never). Default: echo `data`. */
  onRequest?: (req: ReceivedRequest, conn: GatewayConn) => Reply | "hold";
}

export interface Gateway {
  url: string;
  conns: GatewayConn[];
  /** Resolves when connection number `index` (0-based) has finished its handshake. */
  connection(index: number): Promise<GatewayConn>;
  close(): Promise<void>;
}

export async function startGateway(options: GatewayOptions = {}): Promise<Gateway> {
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const conns: GatewayConn[] = [];
  const waiters = new Map<number, ((c: GatewayConn) => void)[]>();

  server.on("connection", (ws, request) => {
    const query = new URL(request.url ?? "/", "ws://x").searchParams;
    const index = conns.length;
    const gzip = query.get("compression") === "gzip";
    const conn: GatewayConn = {
      index,
      ws,
      query,
      gzip,
      pings: 0,
      framesIn: 0,
      gzipFramesIn: 0,
      silent: false,
      send(envelope) {
        const bytes = new TextEncoder().encode(JSON.stringify(envelope));
        if (ws.readyState === ws.OPEN) ws.send(gzip ? gzipSync(bytes) : bytes, { binary: true });
      },
      push(reqIdentifier, data) {
        this.send({ reqIdentifier, msgIncr: "", operationID: "push", errCode: 0, errMsg: "", data: Buffer.from(data).toString("base64") });
      },
      reply(req, reply) {
        const data = reply.data === undefined ? req.data : reply.data;
        this.send({
          reqIdentifier: req.reqIdentifier,
          msgIncr: req.msgIncr,
          operationID: req.operationID,
          errCode: reply.errCode ?? 0,
          errMsg: reply.errMsg ?? "",
          data: data === null ? null : Buffer.from(data).toString("base64"),
        });
      },
    };
    conns.push(conn);
    const early = options.beforeHandshake?.(index);
    if (early === "drop") {
      ws.terminate();
      return;
    }
    if (early === "mute") return;
    const refusal = options.refuse?.(query, index);
    if (refusal) {
      // Like the real gateway: upgrade, one text frame with the verdict, then drop TCP (no close frame).
      ws.send(JSON.stringify({ ...refusal, errDlt: "fixture refusal" }), () => ws.terminate());
      return;
    }
    ws.send(JSON.stringify({ errCode: 0, errMsg: "", errDlt: "" }));
    ws.on("message", (raw, isBinary) => {
      const bytes = raw as Buffer;
      if (!isBinary) {
        const msg = JSON.parse(bytes.toString("utf8")) as { type?: string };
        if (msg.type === "ping") {
          conn.pings++;
          if (!conn.silent) ws.send(JSON.stringify({ type: "pong", body: null }));
        }
        return;
      }
      conn.framesIn++;
      let json = bytes;
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        conn.gzipFramesIn++;
        json = Buffer.from(gunzipSync(bytes));
      }
      const env = JSON.parse(json.toString("utf8")) as Record<string, unknown>;
      const req: ReceivedRequest = {
        reqIdentifier: env["reqIdentifier"] as number,
        sendID: env["sendID"] as string,
        operationID: env["operationID"] as string,
        msgIncr: env["msgIncr"] as string,
        data: new Uint8Array(Buffer.from(env["data"] as string, "base64")),
      };
      const reply = options.onRequest ? options.onRequest(req, conn) : {};
      if (reply === "hold") return;
      if (reply.delayMs) setTimeout(() => conn.reply(req, reply), reply.delayMs);
      else conn.reply(req, reply);
    });
    for (const resolve of waiters.get(index) ?? []) resolve(conn);
    waiters.delete(index);
  });

  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    conns,
    connection(index) {
      const existing = conns[index];
      if (existing) return Promise.resolve(existing);
      return new Promise((resolve) => waiters.set(index, [...(waiters.get(index) ?? []), resolve]));
    },
    async close() {
      for (const c of server.clients) c.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
