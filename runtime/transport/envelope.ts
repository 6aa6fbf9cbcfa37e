// The gateway's frame format for sdkType=js: a JSON object whose `data` is the protobuf
// payload as padded base64, sent as a BINARY frame and gzip-wrapped per frame when
// compression was negotiated. Text frames carry only the handshake result and ping/pong.

import { gunzipSync, gzipSync } from "fflate";
import { base64Decode, base64Encode } from "../contracts/protocol.js";
import { FrameError } from "./errors.js";

export interface RequestEnvelope {
  reqIdentifier: number;
  sendID: string;
  operationID: string;
  msgIncr: string;
  data: Uint8Array;
}

export interface ResponseEnvelope {
  reqIdentifier: number;
  /** "" for server-initiated frames (2001 push, 2002 kick, unsolicited 2005). */
  msgIncr: string;
  operationID: string;
  errCode: number;
  errMsg: string;
  /** Empty when the server sent `""` or `null` (an empty protobuf message). */
  data: Uint8Array;
}

export interface HandshakeResult {
  errCode: number;
  errMsg: string;
  errDlt: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });
const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/**
 * Per-frame gzip. The default is fflate (pure JS, runs everywhere); a Node binding may pass
 * node:zlib's gzipSync/gunzipSync, which compress small frames about 3× faster.
 */
export interface FrameCompressor {
  gzip(data: Uint8Array): Uint8Array;
  gunzip(data: Uint8Array): Uint8Array;
}

export const fflateCompressor: FrameCompressor = { gzip: (data) => gzipSync(data), gunzip: (data) => gunzipSync(data) };

/** `compressor` undefined = compression not negotiated: plain JSON bytes. */
export function encodeRequest(req: RequestEnvelope, compressor: FrameCompressor | undefined): Uint8Array {
  // `token` is part of the server's struct but ignored after connect; "" keeps frames small.
  const json = JSON.stringify({
    reqIdentifier: req.reqIdentifier,
    token: "",
    sendID: req.sendID,
    operationID: req.operationID,
    msgIncr: req.msgIncr,
    data: base64Encode(req.data),
  });
  const bytes = encoder.encode(json);
  return compressor ? compressor.gzip(bytes) : bytes;
}

/** Decodes one binary frame. Gzip is detected by its magic bytes (JSON never starts with 0x1f). */
export function decodeResponse(frame: Uint8Array, compressor: FrameCompressor = fflateCompressor): ResponseEnvelope {
  const bytes = isGzip(frame) ? gunzip(frame, compressor) : frame;
  const obj = parseJsonObject(bytes, "binary frame");
  const data = obj["data"];
  if (data !== undefined && data !== null && typeof data !== "string") {
    throw new FrameError(`"data" must be a base64 string or null, got ${typeof data}`);
  }
  let payload: Uint8Array;
  try {
    payload = data ? base64Decode(data, "envelope.data") : new Uint8Array(0);
  } catch (err) {
    throw new FrameError(`"data" is not base64: ${(err as Error).message}`);
  }
  return {
    reqIdentifier: requireNumber(obj, "reqIdentifier"),
    msgIncr: optionalString(obj, "msgIncr"),
    operationID: optionalString(obj, "operationID"),
    errCode: obj["errCode"] === undefined ? 0 : requireNumber(obj, "errCode"),
    errMsg: optionalString(obj, "errMsg"),
    data: payload,
  };
}

export function isGzip(frame: Uint8Array): boolean {
  return frame.length >= 2 && frame[0] === GZIP_MAGIC_0 && frame[1] === GZIP_MAGIC_1;
}

/** Parses the first TEXT frame after the upgrade (isMsgResp=true). */
export function decodeHandshake(text: string): HandshakeResult {
  const obj = parseJsonText(text, "handshake frame");
  return {
    errCode: requireNumber(obj, "errCode"),
    errMsg: optionalString(obj, "errMsg"),
    errDlt: optionalString(obj, "errDlt"),
  };
}

/** A text heartbeat frame: `{"type":"ping"|"pong","body":…}`; undefined for any other text. */
export function heartbeatType(text: string): "ping" | "pong" | undefined {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    return undefined;
  }
  const type = typeof obj === "object" && obj !== null ? (obj as { type?: unknown }).type : undefined;
  return type === "ping" || type === "pong" ? type : undefined;
}

export const PING_FRAME = JSON.stringify({ type: "ping" });

function gunzip(frame: Uint8Array, compressor: FrameCompressor): Uint8Array {
  try {
    return compressor.gunzip(frame);
  } catch (err) {
    throw new FrameError(`gzip: ${(err as Error).message}`);
  }
}

function parseJsonObject(bytes: Uint8Array, what: string): Record<string, unknown> {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new FrameError(`${what} is not UTF-8`);
  }
  return parseJsonText(text, what);
}

function parseJsonText(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new FrameError(`${what} is not JSON (${(err as Error).message}): ${text.slice(0, 80)}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new FrameError(`${what} is not a JSON object: ${text.slice(0, 80)}`);
  }
  return value as Record<string, unknown>;
}

function requireNumber(obj: Record<string, unknown>, key: string): number {
  const value = obj[key];
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    throw new FrameError(`"${key}" must be an integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

function optionalString(obj: Record<string, unknown>, key: string): string {
  const value = obj[key];
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") throw new FrameError(`"${key}" must be a string, got ${JSON.stringify(value)}`);
  return value;
}
