import type { ErrorInfo } from "../types/login.js";

/**
 * Connection state of the gateway WebSocket (the Go SDK's OnConnListener).
 * @listener
 */
export interface OnConnListener {
  /** A connection attempt started. */
  onConnecting(): void;
  /** The gateway accepted the connection. */
  onConnectSuccess(): void;
  /** A connection attempt failed; the SDK retries with back-off. */
  onConnectFailed(error: ErrorInfo): void;
  /** Another device of the same platform class logged in; this session is over. */
  onKickedOffline(): void;
  /** The token expired; log in again with a fresh token. */
  onUserTokenExpired(): void;
  /** The server rejected the token; log in again with a valid token. */
  onUserTokenInvalid(): void;
}
