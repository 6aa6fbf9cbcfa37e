// Typed failures of the WebSocket transport. `errCode` uses the server's code when the
// server gave one, otherwise the SDK-local codes both official SDKs use (10000 network,
// 10001 timeout, 10101 logged out, 10202 undecodable frame), so apps can switch on one field.

export const LocalErrorCode = {
  NetworkError: 10000,
  NetworkTimeout: 10001,
  ArgsError: 10002,
  LoginOut: 10101,
  MsgDecodeBinaryWs: 10202,
} as const;

export class TransportError extends Error {
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
    /** The request this failure belongs to, when there is one. */
    readonly reqIdentifier?: number,
    readonly operationID?: string,
  ) {
    super(`${errMsg} (errCode ${errCode}${reqIdentifier ? `, reqIdentifier ${reqIdentifier}` : ""}${operationID ? `, operationID ${operationID}` : ""})`);
  }
}

/** The server refused the connection in its first text frame (`{errCode,errMsg,errDlt}`). */
export class HandshakeError extends TransportError {
  override readonly name = "HandshakeError";
  constructor(errCode: number, errMsg: string, readonly errDlt: string, operationID: string) {
    super(errCode, `connect refused by server: ${errMsg}${errDlt ? ` (${errDlt})` : ""}`, undefined, operationID);
  }
}

/** No response within the request's timeout; the socket may still be fine. */
export class RequestTimeoutError extends TransportError {
  override readonly name = "RequestTimeoutError";
  constructor(reqIdentifier: number, operationID: string, timeoutMs: number) {
    super(LocalErrorCode.NetworkTimeout, `no response within ${timeoutMs} ms`, reqIdentifier, operationID);
  }
}

/**
 * The socket the request was written to died before the answer came. The server may or may
 * not have processed it: callers retry only idempotent requests (sends carry clientMsgID).
 */
export class ConnectionLostError extends TransportError {
  override readonly name = "ConnectionLostError";
  constructor(reqIdentifier: number, operationID: string, why: string) {
    super(LocalErrorCode.NetworkError, `connection lost before the response: ${why}`, reqIdentifier, operationID);
  }
}

/** The transport was stopped (logout, token error, kick); it accepts no more requests. */
export class TransportStoppedError extends TransportError {
  override readonly name = "TransportStoppedError";
  constructor(reason: string, reqIdentifier?: number, operationID?: string) {
    super(LocalErrorCode.LoginOut, `transport stopped (${reason}); log in again to reconnect`, reqIdentifier, operationID);
  }
}

/** The server answered the request with a non-zero errCode (the connection stays open). */
export class ServerResponseError extends TransportError {
  override readonly name = "ServerResponseError";
  constructor(errCode: number, errMsg: string, reqIdentifier: number, operationID: string) {
    super(errCode, errMsg || `server error ${errCode}`, reqIdentifier, operationID);
  }
}

/** A frame from the server that does not decode (bad gzip, JSON, base64 or envelope shape). */
export class FrameError extends TransportError {
  override readonly name = "FrameError";
  constructor(what: string) {
    super(LocalErrorCode.MsgDecodeBinaryWs, `undecodable frame from server: ${what}`);
  }
}
