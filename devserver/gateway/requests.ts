// What each reqIdentifier does (§2), over the generated reqIdentifier table: every identifier a
// client may send must have a handler here, so the gateway cannot drift from the schema.
// A `data` decode failure is a request-level ArgsError (the connection stays open), as in OpenIM.
import { wsTable, type ReqIdentifier, type WsReq, type WsResp, type WsTypes } from "../../generated/protocol/ws.js";
import { argsError, CodeError, ErrCode } from "../errors.js";
import { assertSelf } from "../logic/access.js";
import { hasReadAndMaxSeqs, lastMessages, maxSeqs, pullByRange, pullBySeqs } from "../logic/pull.js";
import { statusTips } from "../logic/push.js";
import { sendMessage } from "../logic/send.js";
import type { Services } from "../logic/services.js";
import type { ClientConn, RequestHandler } from "./connection.js";
import type { WsRequest } from "./envelope.js";

/** The identifiers a client sends (those whose request side carries data). */
type ClientRequestId = { [I in ReqIdentifier]: WsTypes[I]["req"] extends null ? never : I }[ReqIdentifier];

/** A handler answers the decoded request; null answers `data: null` (OpenIM's nil response). */
type Handlers = { [I in ClientRequestId]: (conn: ClientConn, req: WsReq<I>, env: WsRequest) => WsResp<I> | null };

const actorOf = (conn: ClientConn) => ({ userID: conn.userID, isAdmin: false });

/** OpenIM runs a struct validator on these envelopes: operationID and msgIncr are required (500). */
function requireTrace(env: WsRequest): void {
  if (!env.operationID) throw new CodeError(ErrCode.ServerInternal, "Key: 'Req.OperationID' Error:Field validation for 'OperationID' failed on the 'required' tag");
  if (!env.msgIncr) throw new CodeError(ErrCode.ServerInternal, "Key: 'Req.MsgIncr' Error:Field validation for 'MsgIncr' failed on the 'required' tag");
}

function createHandlers(s: Services): Handlers {
  return {
    1001: (conn, req) => {
      assertSelf(actorOf(conn), req.userID);
      return maxSeqs(s, conn.userID);
    },
    1002: (conn, req, env) => {
      requireTrace(env);
      assertSelf(actorOf(conn), req.userID);
      return pullByRange(s, conn.userID, req);
    },
    1003: (conn, req) => sendMessage(s, req, actorOf(conn)),
    1005: (conn, req, env) => {
      requireTrace(env);
      assertSelf(actorOf(conn), req.userID);
      return pullBySeqs(s, conn.userID, req);
    },
    1006: (conn, req, env) => {
      requireTrace(env);
      assertSelf(actorOf(conn), req.userID);
      return hasReadAndMaxSeqs(s, conn.userID, req.conversationIDs);
    },
    1007: (conn, req) => {
      assertSelf(actorOf(conn), req.userID);
      return lastMessages(s, conn.userID, req.conversationIDs);
    },
    2003: (conn, req) => {
      // The socket closes after the reply whatever it says; an empty userID means the connection's user.
      conn.endAfterReply();
      if (req.userID) assertSelf(actorOf(conn), req.userID);
      return {};
    },
    2004: (conn, req, env) => {
      requireTrace(env);
      assertSelf(actorOf(conn), req.userID);
      conn.isBackground = req.isBackground;
      return null;
    },
    2005: (conn, req) => {
      s.hub.unsubscribe(conn, req.unsubscribeUserID);
      s.hub.subscribe(conn, req.subscribeUserID);
      return statusTips(s.hub, req.subscribeUserID);
    },
  };
}

/**
 * 1004 (WSSendSignalMsg) is known to OpenIM v3.8.3 but broken there: it always answers an error and
 * keeps the connection, unlike an unknown identifier. It is not in the schema's table, so it is kept here.
 */
const SIGNAL_MSG = 1004;
const signalHandler: RequestHandler = () => {
  throw argsError("reqIdentifier 1004 (SendSignalMsg) is not supported by OpenIM v3.8 servers; use 1003");
};

export function createRequestHandlers(s: Services): (reqIdentifier: number) => RequestHandler | undefined {
  const handlers = createHandlers(s);
  return (id) => {
    if (id === SIGNAL_MSG) return signalHandler;
    if (!Object.hasOwn(handlers, id)) return undefined;
    const cid = id as ClientRequestId;
    const entry = wsTable[cid];
    const handle = handlers[cid] as (conn: ClientConn, req: unknown, env: WsRequest) => unknown;
    return (conn, env) => {
      let req: unknown;
      try {
        req = entry.req.decode(env.data);
      } catch (err) {
        throw argsError(`data is not a valid ${entry.req.name}: ${(err as Error).message}`);
      }
      const resp = handle(conn, req, env);
      return resp === null || entry.resp === null ? null : (entry.resp as { encode(m: unknown): Uint8Array }).encode(resp);
    };
  };
}
