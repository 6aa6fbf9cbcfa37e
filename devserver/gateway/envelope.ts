// The sdkType=js WS envelope: JSON whose `data` is standard base64 of binary protobuf,
// gzip-wrapped per frame when negotiated. Decode failures are connection-closing (§1.3).
import { gunzipSync, gzipSync } from "node:zlib";

export interface WsRequest {
  reqIdentifier: number;
  token: string;
  sendID: string;
  operationID: string;
  msgIncr: string;
  data: Uint8Array;
}

export interface WsResponse {
  reqIdentifier: number;
  msgIncr: string;
  operationID: string;
  errCode: number;
  errMsg: string;
  /** null → JSON null (nil response); an empty array → "" (empty message). */
  data: Uint8Array | null;
}

/** Thrown for frames OpenIM answers by closing the connection. */
export class FatalFrame extends Error {}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The inbound limit (51,200 bytes) applies to the compressed frame, so a small frame can inflate
 * to hundreds of megabytes and stall the single-threaded server for everyone. OpenIM has no such
 * cap; legitimate envelopes are far below it, so the devserver closes the connection instead.
 */
export const MAX_INFLATED_FRAME_BYTES = 4 * 1024 * 1024;

export function unwrapFrame(frame: Buffer, gzip: boolean): Buffer {
  if (!gzip) return frame;
  try {
    return gunzipSync(frame, { maxOutputLength: MAX_INFLATED_FRAME_BYTES });
  } catch (err) {
    throw new FatalFrame(`gzip error: ${(err as Error).message}`);
  }
}

export function wrapFrame(bytes: Buffer, gzip: boolean): Buffer {
  return gzip ? gzipSync(bytes) : bytes;
}

function str(o: Record<string, unknown>, k: string): string {
  const v = o[k];
  if (v === undefined || v === null) return "";
  if (typeof v !== "string") throw new FatalFrame(`envelope ${k} must be a string`);
  return v;
}

/** Go json.Unmarshal into the Req struct: keys matched case-insensitively, unknown keys ignored. */
export function decodeRequest(json: Buffer): WsRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString("utf8"));
  } catch (err) {
    throw new FatalFrame(`envelope is not JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new FatalFrame("envelope must be a JSON object");
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parsed)) o[k.toLowerCase()] = v;
  const id = o.reqidentifier ?? 0;
  if (typeof id !== "number" || !Number.isInteger(id)) throw new FatalFrame("envelope reqIdentifier must be an integer");
  const data = o.data;
  let bytes: Uint8Array = new Uint8Array(0);
  if (data !== undefined && data !== null) {
    if (typeof data !== "string" || !BASE64.test(data)) throw new FatalFrame("envelope data must be a standard base64 string (with padding)");
    bytes = new Uint8Array(Buffer.from(data, "base64"));
  }
  return {
    reqIdentifier: id,
    token: str(o, "token"),
    sendID: str(o, "sendid"),
    operationID: str(o, "operationid"),
    msgIncr: str(o, "msgincr"),
    data: bytes,
  };
}

export function encodeResponse(r: WsResponse): Buffer {
  const body = {
    reqIdentifier: r.reqIdentifier,
    msgIncr: r.msgIncr,
    operationID: r.operationID,
    errCode: r.errCode,
    errMsg: r.errMsg,
    data: r.data === null ? null : Buffer.from(r.data).toString("base64"),
  };
  return Buffer.from(JSON.stringify(body));
}
