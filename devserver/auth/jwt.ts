// HS256 JWTs with OpenIM's claims {UserID, PlatformID, exp, nbf, iat}. node:crypto keeps this
// synchronous, which the WS handshake and HTTP middleware rely on.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { CodeError, ErrCode } from "../errors.js";

export interface TokenClaims {
  UserID: string;
  PlatformID: number;
  exp: number;
  iat: number;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");
const HEADER = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));

export function signToken(secret: string, userID: string, platformID: number, ttlSeconds: number, nowSeconds: number): { token: string; claims: TokenClaims } {
  // jti makes two tokens issued in the same second distinct, so "kick the older one" is well defined.
  const claims = { UserID: userID, PlatformID: platformID, exp: nowSeconds + ttlSeconds, nbf: nowSeconds - 300, iat: nowSeconds, jti: randomBytes(8).toString("hex") };
  const body = `${HEADER}.${b64url(JSON.stringify(claims))}`;
  const sig = createHmac("sha256", secret).update(body).digest("base64url");
  return { token: `${body}.${sig}`, claims };
}

/** Verifies signature and times; throws the OpenIM token error code (1501/1503/1504/1505). */
export function verifyToken(secret: string, token: string, nowSeconds: number): TokenClaims {
  const parts = token.split(".");
  if (parts.length !== 3) throw new CodeError(ErrCode.TokenMalformed, "token is not a JWT (need header.payload.signature)");
  const [h, p, s] = parts as [string, string, string];
  let header: unknown;
  let payload: unknown;
  try {
    header = JSON.parse(Buffer.from(h, "base64url").toString("utf8"));
    payload = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
  } catch {
    throw new CodeError(ErrCode.TokenMalformed, "token header or payload is not base64url JSON");
  }
  if (typeof header !== "object" || header === null || (header as { alg?: unknown }).alg !== "HS256") {
    throw new CodeError(ErrCode.TokenUnknown, "token is not signed with HS256");
  }
  const expected = createHmac("sha256", secret).update(`${h}.${p}`).digest();
  const got = Buffer.from(s, "base64url");
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
    throw new CodeError(ErrCode.TokenUnknown, "token signature does not match this server's secret");
  }
  const c = payload as Record<string, unknown>;
  if (typeof c.UserID !== "string" || typeof c.PlatformID !== "number" || typeof c.exp !== "number") {
    throw new CodeError(ErrCode.TokenMalformed, "token claims must hold UserID (string), PlatformID (number) and exp");
  }
  if (c.exp <= nowSeconds) throw new CodeError(ErrCode.TokenExpired, `token expired at ${c.exp}`);
  if (typeof c.nbf === "number" && c.nbf > nowSeconds) throw new CodeError(ErrCode.TokenNotValidYet, `token not valid before ${c.nbf}`);
  return { UserID: c.UserID, PlatformID: c.PlatformID, exp: c.exp, iat: typeof c.iat === "number" ? c.iat : 0 };
}
