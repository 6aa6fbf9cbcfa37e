// The SDK's error type and codes. Codes follow the Go SDK (openim-sdk-core sdkerrs) so apps and the
// compat binding see the same numbers as with the official SDKs.

export const ErrCode = {
  Network: 10000,
  NetworkTimeout: 10001,
  Args: 10002,
  CtxDeadlineExceeded: 10003,
  Unknown: 10005,
  Internal: 10006,
  NotInit: 10008,
  NotLogin: 10009,
  UserIDNotFound: 10100,
  LoginOut: 10101,
  LoginRepeat: 10102,
  GroupIDNotFound: 10400,
} as const;
export type ErrCode = (typeof ErrCode)[keyof typeof ErrCode];

/** OpenIM server codes (protocol §7) the SDK raises itself when it can tell before asking the server. */
export const ServerErrCode = {
  NoPermission: 1002,
  NotInGroupYet: 1203,
  MsgAlreadyRevoke: 1404,
} as const;

/** Every rejection of an SDK method is one of these (server codes pass through unchanged). */
export class SdkError extends Error {
  override readonly name = "SdkError";
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
    options?: { cause?: unknown },
  ) {
    super(`${errCode} ${errMsg}`, options);
  }

  toJSON(): { errCode: number; errMsg: string } {
    return { errCode: this.errCode, errMsg: this.errMsg };
  }
}
