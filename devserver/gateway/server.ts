// The WS gateway's listener: validates the connect query, reports the handshake result the
// way the client asked (TEXT frame or HTTP 200 body), and hands accepted sockets to the hub.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { CodeError, ErrCode, toCodeError } from "../errors.js";
import { WEB_PLATFORM_ID } from "../auth/platforms.js";
import type { TokenService } from "../auth/tokens.js";
import { ClientConn, type RequestHandler } from "./connection.js";
import { authenticate, parseConnArgs, wantsMsgResp, type ConnArgs } from "./handshake.js";
import type { Hub } from "./hub.js";

export interface GatewayDeps {
  hub: Hub;
  tokens: TokenService;
  handlerFor(reqIdentifier: number): RequestHandler | undefined;
  readDeadlineMs: number;
  webPingIntervalMs: number;
  maxFrameBytes: number;
  maxConnections: number;
  log(line: string): void;
}

const resultJSON = (e: CodeError | null) =>
  JSON.stringify(e ? { errCode: e.code, errMsg: e.errMsg, errDlt: e.detail } : { errCode: 0, errMsg: "", errDlt: "" });

function header(req: IncomingMessage, name: string): string {
  const v = req.headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? "";
}

export function createGateway(deps: GatewayDeps): Server {
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.maxFrameBytes, perMessageDeflate: false });

  function validate(req: IncomingMessage): ConnArgs {
    if (deps.hub.size >= deps.maxConnections) {
      throw new CodeError(ErrCode.ConnOverMaxNumLimit, `the gateway already holds ${deps.maxConnections} connections`);
    }
    const query = new URL(req.url ?? "/", "http://x").searchParams;
    const args = parseConnArgs(query, header(req, "compression"));
    authenticate(args, deps.tokens);
    return args;
  }

  function accept(ws: import("ws").WebSocket, args: ConnArgs): void {
    const conn = new ClientConn(
      ws,
      { connID: randomBytes(8).toString("hex"), userID: args.userID, platformID: args.platformID, token: args.token, gzip: args.gzip, isBackground: args.isBackground },
      { handlerFor: deps.handlerFor, onClose: (c) => deps.hub.remove(c), log: deps.log },
      deps.readDeadlineMs,
      args.platformID === WEB_PLATFORM_ID ? deps.webPingIntervalMs : null,
    );
    if (args.isMsgResp) conn.sendText(resultJSON(null));
    if (deps.hub.add(conn)) deps.tokens.kickOthers(args.userID, args.platformID, args.token);
  }

  const server = createServer((req, res) => {
    // A plain HTTP request: OpenIM validates first, so failures still get the JSON result.
    let body: string;
    try {
      validate(req);
      body = JSON.stringify({ errCode: ErrCode.ConnArgs, errMsg: "args err, need token, sendID, platformID", errDlt: "not a WebSocket upgrade request" });
    } catch (err) {
      body = resultJSON(toCodeError(err));
    }
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(body);
  });

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    const msgResp = wantsMsgResp(new URL(req.url ?? "/", "http://x").searchParams);
    let args: ConnArgs;
    try {
      args = validate(req);
    } catch (err) {
      const e = toCodeError(err);
      if (msgResp) {
        // Upgrade, report the failure as a TEXT frame, then drop the TCP connection (no close frame).
        wss.handleUpgrade(req, socket, head, (ws) => ws.send(resultJSON(e), () => ws.terminate()));
      } else {
        const body = Buffer.from(resultJSON(e));
        socket.end(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.toString()}`);
      }
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, args));
  });

  server.on("close", () => {
    for (const c of deps.hub.all()) c.terminate();
    wss.close();
  });
  return server;
}
