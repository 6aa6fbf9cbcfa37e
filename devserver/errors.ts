// OpenIM error codes the devserver answers with, and the one error type every layer throws.
// errMsg is the code's fixed name as OpenIM writes it; the detail (errDlt) says what was wrong.

export const ErrCode = {
  ServerInternal: 500,
  Args: 1001,
  NoPermission: 1002,
  DuplicateKey: 1003,
  RecordNotFound: 1004,
  UserIDNotFound: 1101,
  RegisteredAlready: 1102,
  GroupIDNotFound: 1201,
  GroupIDExisted: 1202,
  NotInGroupYet: 1203,
  DismissedAlready: 1204,
  CanNotAddYourself: 1301,
  MsgAlreadyRevoke: 1404,
  TokenExpired: 1501,
  TokenInvalid: 1502,
  TokenMalformed: 1503,
  TokenNotValidYet: 1504,
  TokenUnknown: 1505,
  TokenKicked: 1506,
  TokenNotExist: 1507,
  ConnOverMaxNumLimit: 1601,
  ConnArgs: 1602,
} as const;
export type ErrCode = (typeof ErrCode)[keyof typeof ErrCode];

const names: Record<number, string> = {
  500: "ServerInternalError",
  1001: "ArgsError",
  1002: "NoPermissionError",
  1003: "DuplicateKeyError",
  1004: "RecordNotFoundError",
  1101: "UserIDNotFoundError",
  1102: "RegisteredAlreadyError",
  1201: "GroupIDNotFound",
  1202: "GroupIDExisted",
  1203: "NotInGroupYet",
  1204: "DismissedAlready",
  1301: "CanNotAddYourself",
  1404: "MsgAlreadyRevoke",
  1501: "TokenExpiredError",
  1502: "TokenInvalidError",
  1503: "TokenMalformedError",
  1504: "TokenNotValidYetError",
  1505: "TokenUnknownError",
  1506: "TokenKickedError",
  1507: "TokenNotExistError",
  1601: "ConnOverMaxNumLimit",
  1602: "args err, need token, sendID, platformID",
};

/** An error with an OpenIM code; everything the server refuses is one of these. */
export class CodeError extends Error {
  override readonly name = "CodeError";
  constructor(
    readonly code: number,
    /** The detail: what was wrong and what to send instead. */
    readonly detail: string,
  ) {
    super(`${names[code] ?? `error ${code}`}: ${detail}`);
  }
  get errMsg(): string {
    return names[this.code] ?? "ServerInternalError";
  }
}

export const argsError = (detail: string) => new CodeError(ErrCode.Args, detail);
export const noPermission = (detail: string) => new CodeError(ErrCode.NoPermission, detail);

/** Maps anything thrown by a handler to a code error; non-coded failures are 500 like OpenIM's. */
export function toCodeError(err: unknown): CodeError {
  if (err instanceof CodeError) return err;
  if (err instanceof Error && err.name === "ProtocolError") return argsError(err.message);
  return new CodeError(ErrCode.ServerInternal, err instanceof Error ? err.message : String(err));
}
