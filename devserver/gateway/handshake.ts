// Connect-query parsing and validation, in OpenIM's order (§1.1): arguments, then token, then
// the token's user/platform against the query.
import { CodeError, ErrCode } from "../errors.js";
import { isPlatformID } from "../auth/platforms.js";
import type { AuthedUser, TokenService } from "../auth/tokens.js";

export interface ConnArgs {
  userID: string;
  token: string;
  platformID: number;
  operationID: string;
  isBackground: boolean;
  /** When true the handshake result is a first TEXT frame; otherwise failures are an HTTP 200 body. */
  isMsgResp: boolean;
  sdkType: "js" | "go";
  gzip: boolean;
}

const connArgs = (detail: string) => new CodeError(ErrCode.ConnArgs, detail);

/** Go strconv.ParseBool. */
function parseBool(s: string): boolean | undefined {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(s)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(s)) return false;
  return undefined;
}

interface RawArgs {
  sendID: string;
  token: string;
  platformID: string;
  operationID: string;
  isBackground: string | null;
  isMsgResp: string;
  sdkType: string;
  compression: string;
}

/** The `v` form: base64url (no padding) JSON with keys userID/token/platformID/... */
function fromV(v: string): RawArgs {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(Buffer.from(v, "base64url").toString("utf8")) as Record<string, unknown>;
    if (typeof j !== "object" || j === null) throw new Error("not an object");
  } catch (err) {
    throw connArgs(`v is not base64url JSON: ${(err as Error).message}`);
  }
  const str = (k: string) => (typeof j[k] === "string" ? (j[k] as string) : "");
  return {
    sendID: str("userID"),
    token: str("token"),
    platformID: typeof j.platformID === "number" ? String(j.platformID) : str("platformID"),
    operationID: str("operationID"),
    isBackground: j.background === true ? "true" : "false",
    isMsgResp: j.sendResponse === true ? "true" : "false",
    sdkType: str("sdkType"),
    compression: str("compression"),
  };
}

/** Whether the client asked for the TEXT-frame handshake result (needed before validating). */
export function wantsMsgResp(query: URLSearchParams): boolean {
  const v = query.get("v");
  if (v) {
    try {
      return (JSON.parse(Buffer.from(v, "base64url").toString("utf8")) as { sendResponse?: unknown }).sendResponse === true;
    } catch {
      return false;
    }
  }
  return parseBool(query.get("isMsgResp") ?? "") === true;
}

export function parseConnArgs(query: URLSearchParams, compressionHeader: string): ConnArgs {
  const v = query.get("v");
  const raw: RawArgs = v
    ? fromV(v)
    : {
        sendID: query.get("sendID") ?? "",
        token: query.get("token") ?? "",
        platformID: query.get("platformID") ?? "",
        operationID: query.get("operationID") ?? "",
        isBackground: query.get("isBackground"),
        isMsgResp: query.get("isMsgResp") ?? "",
        sdkType: query.get("sdkType") ?? "",
        compression: query.get("compression") ?? "",
      };
  if (!raw.token) throw connArgs("token is empty");
  if (!raw.sendID) throw connArgs("sendID is empty");
  if (!/^-?\d+$/.test(raw.platformID)) throw connArgs("platformID is not int");
  const platformID = Number(raw.platformID);
  if (!isPlatformID(platformID)) throw connArgs("platformID is invalid");
  if (!raw.operationID) throw connArgs("operationID is empty");
  const isBackground = parseBool(raw.isBackground ?? "");
  if (isBackground === undefined) {
    // OpenIM wraps the strconv error without a code, so the client sees 500.
    throw new CodeError(ErrCode.ServerInternal, `strconv.ParseBool: parsing ${JSON.stringify(raw.isBackground ?? "")}: invalid syntax`);
  }
  let isMsgResp = false;
  if (raw.isMsgResp !== "") {
    const b = parseBool(raw.isMsgResp);
    if (b === undefined) throw connArgs(`isMsgResp is not a bool: ${raw.isMsgResp}`);
    isMsgResp = b;
  }
  const sdkType = raw.sdkType === "" ? "go" : raw.sdkType;
  if (sdkType !== "go" && sdkType !== "js") throw connArgs(`sdkType must be "js" or "go", got ${JSON.stringify(raw.sdkType)}`);
  if (sdkType === "go") {
    // Go gob envelopes are not implemented by the devserver; say so instead of speaking garbage.
    throw connArgs('sdkType "go" (Go gob envelopes) is not supported by the devserver; connect with sdkType=js');
  }
  const compression = raw.compression || compressionHeader;
  return { userID: raw.sendID, token: raw.token, platformID, operationID: raw.operationID, isBackground, isMsgResp, sdkType, gzip: compression === "gzip" };
}

/** Token check plus OpenIM's uid/platform match (1502). */
export function authenticate(args: ConnArgs, tokens: TokenService): AuthedUser {
  const user = tokens.check(args.token);
  if (user.userID !== args.userID) throw new CodeError(ErrCode.TokenInvalid, `token belongs to ${user.userID}, not sendID ${args.userID}`);
  if (user.platformID !== args.platformID) {
    throw new CodeError(ErrCode.TokenInvalid, `token is for platformID ${user.platformID}, not ${args.platformID}`);
  }
  return user;
}
