// What each reqIdentifier does (§2). Requests decode their protobuf `data`; a decode failure is a
// request-level ArgsError (the connection stays open), as in OpenIM.
import { msg, push, sdkws } from "../../generated/protocol/index.js";
import { argsError, CodeError, ErrCode } from "../errors.js";
import { assertSelf } from "../logic/access.js";
import { hasReadAndMaxSeqs, lastMessages, maxSeqs, pullByRange, pullBySeqs } from "../logic/pull.js";
import { statusTips } from "../logic/push.js";
import { sendMessage } from "../logic/send.js";
import type { Services } from "../logic/services.js";
import type { ClientConn, RequestHandler } from "./connection.js";
import type { WsRequest } from "./envelope.js";

export const ReqId = {
  GetNewestSeq: 1001,
  PullMsgByRange: 1002,
  SendMsg: 1003,
  PullMsgBySeqList: 1005,
  GetConvMaxReadSeq: 1006,
  PullConvLastMessage: 1007,
  Logout: 2003,
  SetBackgroundStatus: 2004,
  SubUserOnlineStatus: 2005,
} as const;

const actorOf = (conn: ClientConn) => ({ userID: conn.userID, isAdmin: false });

/** OpenIM runs a struct validator on these envelopes: operationID and msgIncr are required (500). */
function requireTrace(req: WsRequest): void {
  if (!req.operationID) throw new CodeError(ErrCode.ServerInternal, "Key: 'Req.OperationID' Error:Field validation for 'OperationID' failed on the 'required' tag");
  if (!req.msgIncr) throw new CodeError(ErrCode.ServerInternal, "Key: 'Req.MsgIncr' Error:Field validation for 'MsgIncr' failed on the 'required' tag");
}

function decode<T>(codec: { decode(b: Uint8Array): T; name: string }, data: Uint8Array): T {
  try {
    return codec.decode(data);
  } catch (err) {
    throw argsError(`data is not a valid ${codec.name}: ${(err as Error).message}`);
  }
}

export function createRequestHandlers(s: Services): (reqIdentifier: number) => RequestHandler | undefined {
  const handlers: Record<number, RequestHandler> = {
    [ReqId.GetNewestSeq]: (conn, req) => {
      const r = decode(sdkws.GetMaxSeqReq, req.data);
      assertSelf(actorOf(conn), r.userID);
      return sdkws.GetMaxSeqResp.encode(maxSeqs(s, conn.userID));
    },
    [ReqId.PullMsgByRange]: (conn, req) => {
      requireTrace(req);
      const r = decode(sdkws.PullMessageBySeqsReq, req.data);
      assertSelf(actorOf(conn), r.userID);
      return sdkws.PullMessageBySeqsResp.encode(pullByRange(s, conn.userID, r));
    },
    [ReqId.SendMsg]: (conn, req) => {
      const m = decode(sdkws.MsgData, req.data);
      return msg.SendMsgResp.encode(sendMessage(s, m, actorOf(conn)));
    },
    [ReqId.PullMsgBySeqList]: (conn, req) => {
      requireTrace(req);
      const r = decode(msg.GetSeqMessageReq, req.data);
      assertSelf(actorOf(conn), r.userID);
      return msg.GetSeqMessageResp.encode(pullBySeqs(s, conn.userID, r));
    },
    [ReqId.GetConvMaxReadSeq]: (conn, req) => {
      requireTrace(req);
      const r = decode(msg.GetConversationsHasReadAndMaxSeqReq, req.data);
      assertSelf(actorOf(conn), r.userID);
      return msg.GetConversationsHasReadAndMaxSeqResp.encode(hasReadAndMaxSeqs(s, conn.userID, r.conversationIDs));
    },
    [ReqId.PullConvLastMessage]: (conn, req) => {
      const r = decode(msg.GetLastMessageReq, req.data);
      assertSelf(actorOf(conn), r.userID);
      return msg.GetLastMessageResp.encode(lastMessages(s, conn.userID, r.conversationIDs));
    },
    [ReqId.Logout]: (conn, req) => {
      const r = decode(push.DelUserPushTokenReq, req.data);
      assertSelf(actorOf(conn), r.userID);
      conn.endAfterReply();
      return push.DelUserPushTokenResp.encode({});
    },
    [ReqId.SetBackgroundStatus]: (conn, req) => {
      requireTrace(req);
      const r = decode(sdkws.SetAppBackgroundStatusReq, req.data);
      assertSelf(actorOf(conn), r.userID);
      conn.isBackground = r.isBackground;
      return null;
    },
    [ReqId.SubUserOnlineStatus]: (conn, req) => {
      const r = decode(sdkws.SubUserOnlineStatus, req.data);
      s.hub.unsubscribe(conn, r.unsubscribeUserID);
      s.hub.subscribe(conn, r.subscribeUserID);
      return statusTips(s.hub, r.subscribeUserID);
    },
  };
  return (id) => handlers[id];
}
