// The HTTP client's one error type. `errCode` is the server's code when the server answered
// with an envelope, otherwise an SDK-local code: 10000 network/HTTP failure, 10001 timeout,
// 10002 the request could not be encoded, 10202 the reply could not be decoded.

export const HttpLocalCode = {
  NetworkError: 10000,
  NetworkTimeout: 10001,
  ArgsError: 10002,
  BadResponse: 10202,
} as const;

export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
    readonly errDlt: string,
    readonly operationID: string,
    readonly path: string,
    /** HTTP status when the failure was an HTTP-level one (non-200 reply). */
    readonly httpStatus?: number,
  ) {
    super(`${path}: ${errMsg}${errDlt ? ` (${errDlt})` : ""} [errCode ${errCode}, operationID ${operationID}]`);
  }
}
