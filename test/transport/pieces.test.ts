// The transport's pure pieces: envelope, connect URL, back-off, token classification.

import { gzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { classifyTokenError } from "../../runtime/transport/auth-failures.js";
import { buildConnectUrl } from "../../runtime/transport/connect-url.js";
import { decodeHandshake, decodeResponse, encodeRequest, fflateCompressor, heartbeatType } from "../../runtime/transport/envelope.js";
import { FrameError } from "../../runtime/transport/errors.js";
import { backoffDelay } from "../../runtime/transport/reconnect.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("envelope", () => {
  it("encodes the request keys the gateway reads, gzip-wrapped when asked", () => {
    const req = { reqIdentifier: 1003, sendID: "u1", operationID: "op", msgIncr: "u1_1", data: Uint8Array.of(8, 1) };
    const plain = JSON.parse(new TextDecoder().decode(encodeRequest(req, undefined)));
    expect(plain).toEqual({ reqIdentifier: 1003, token: "", sendID: "u1", operationID: "op", msgIncr: "u1_1", data: "CAE=" });
    const zipped = encodeRequest(req, fflateCompressor);
    expect([zipped[0], zipped[1]]).toEqual([0x1f, 0x8b]);
  });

  it("decodes responses with data as base64, \"\" or null, plain or gzip", () => {
    const json = (data: unknown) => utf8(JSON.stringify({ reqIdentifier: 1001, msgIncr: "m", operationID: "o", errCode: 0, errMsg: "", data }));
    expect(Array.from(decodeResponse(json("CAE=")).data)).toEqual([8, 1]);
    expect(decodeResponse(json("")).data.length).toBe(0);
    expect(decodeResponse(json(null)).data.length).toBe(0);
    expect(Array.from(decodeResponse(gzipSync(json("CAE="))).data)).toEqual([8, 1]);
  });

  it("names the broken part of a bad frame", () => {
    expect(() => decodeResponse(utf8("nope"))).toThrow(FrameError);
    expect(() => decodeResponse(utf8("[1]"))).toThrow(/not a JSON object/);
    expect(() => decodeResponse(utf8('{"reqIdentifier":"1001"}'))).toThrow(/"reqIdentifier" must be an integer/);
    expect(() => decodeResponse(utf8('{"reqIdentifier":1001,"data":5}'))).toThrow(/"data" must be a base64 string or null/);
    expect(() => decodeResponse(utf8('{"reqIdentifier":1001,"data":"###="}'))).toThrow(/"data" is not base64/);
    expect(() => decodeResponse(Uint8Array.of(0x1f, 0x8b, 1, 2, 3))).toThrow(/gzip/);
  });

  it("reads handshake results and heartbeat frames", () => {
    expect(decodeHandshake('{"errCode":1501,"errMsg":"TokenExpired","errDlt":"x"}')).toEqual({ errCode: 1501, errMsg: "TokenExpired", errDlt: "x" });
    expect(() => decodeHandshake('{"errMsg":"x"}')).toThrow(/errCode/);
    expect(heartbeatType('{"type":"pong","body":null}')).toBe("pong");
    expect(heartbeatType('{"type":"other"}')).toBeUndefined();
    expect(heartbeatType("garbage")).toBeUndefined();
  });
});

describe("connect URL", () => {
  const params = { userID: "u 1", token: "t&k", platformID: 5, operationID: "op", isBackground: false, compression: "gzip" as const };

  it("keeps the address's path and query and encodes values", () => {
    const url = new URL(buildConnectUrl("wss://im.example.com/msg_gateway?x=1", params));
    expect(url.pathname).toBe("/msg_gateway");
    expect(url.searchParams.get("x")).toBe("1");
    expect(url.searchParams.get("sendID")).toBe("u 1");
    expect(url.searchParams.get("token")).toBe("t&k");
    expect(url.searchParams.get("isBackground")).toBe("false");
  });

  it("explains a bad wsAddr", () => {
    expect(() => buildConnectUrl("localhost:10001", params)).toThrow(/must start with ws:\/\/ or wss:\/\//);
    expect(() => buildConnectUrl("", params)).toThrow(/is not a URL/);
  });
});

describe("back-off", () => {
  it("doubles from 0.5 s to a 16 s cap with ±30 % jitter", () => {
    const at = (n: number, r: number) => backoffDelay(n, { random: () => r });
    expect([0, 1, 2, 3, 4, 5, 6, 40].map((n) => at(n, 0.5))).toEqual([500, 1000, 2000, 4000, 8000, 16000, 16000, 16000]);
    expect(at(0, 0)).toBe(350);
    expect(at(5, 0.999999)).toBeLessThanOrEqual(20800);
    expect(at(5, 0.999999)).toBeGreaterThan(20700);
  });
});

describe("token error classes", () => {
  it("maps 1501 expired, 1502–1505/1507 invalid, 1506 kicked, others none", () => {
    expect([1500, 1501, 1502, 1505, 1506, 1507, 1508].map(classifyTokenError)).toEqual([
      undefined,
      "userTokenExpired",
      "userTokenInvalid",
      "userTokenInvalid",
      "kickedOffline",
      "userTokenInvalid",
      undefined,
    ]);
  });
});
