// Typed gateway requests over the session's connection, by reqIdentifier (codecs from wsTable).
import { wsTable, type WsReq, type WsResp } from "../../generated/protocol/ws.js";
import type { Connection, RequestOptions } from "../transport/connection.js";

type RequestId = 1001 | 1002 | 1003 | 1005 | 1006 | 1007;

export async function wsCall<I extends RequestId>(connection: Connection, id: I, req: Partial<WsReq<I>>, options?: RequestOptions): Promise<WsResp<I>> {
  const entry = wsTable[id];
  const reqCodec = entry.req as unknown as { encode(m: Partial<WsReq<I>>): Uint8Array };
  const respCodec = entry.resp as unknown as { decode(b: Uint8Array): WsResp<I> };
  const bytes = await connection.request(id, reqCodec.encode(req), options);
  return respCodec.decode(bytes);
}
