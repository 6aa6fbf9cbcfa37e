// The one thing a binding provides to reach the network: something shaped like the browser
// WebSocket. Node passes the `ws` package's class, browsers the global WebSocket; both expose
// the on* handler properties used here, and both honour binaryType "arraybuffer".

export interface SocketMessageEvent {
  data: unknown;
}

export interface SocketCloseEvent {
  code: number;
  reason: string;
}

export interface SocketLike {
  binaryType: string;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: SocketMessageEvent) => void) | null;
  onclose: ((event: SocketCloseEvent) => void) | null;
  onerror: ((event: unknown) => void) | null;
  /** `ws` only: drop the TCP connection without a closing handshake (used for dead sockets). */
  terminate?(): void;
}

export type SocketFactory = (url: string) => SocketLike;

/**
 * Wraps a WebSocket constructor (`ws`'s WebSocket, or globalThis.WebSocket) as a factory.
 * Their handler property types differ in detail, so the shape is checked at run time.
 */
export function socketFactoryFrom(WebSocketClass: new (url: string) => object): SocketFactory {
  if (typeof WebSocketClass !== "function") {
    throw new TypeError("socketFactoryFrom: pass a WebSocket constructor (the `ws` package's WebSocket or globalThis.WebSocket)");
  }
  return (url) => {
    const socket = new WebSocketClass(url) as Partial<SocketLike>;
    if (typeof socket.send !== "function" || typeof socket.close !== "function") {
      throw new TypeError("socketFactoryFrom: the constructor did not produce a WebSocket (no send/close methods)");
    }
    return socket as SocketLike;
  };
}

/** Normalises a received frame: a string for text frames, bytes for binary frames. */
export function frameData(data: unknown): string | Uint8Array | undefined {
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return undefined;
}
