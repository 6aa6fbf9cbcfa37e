// Shared test plumbing: a logger that records, waiting on events, and a real `ws` socket
// factory (optionally shaped like a browser WebSocket, which has no terminate()).

import WebSocket from "ws";
import type { Logger, LogFields } from "../../runtime/events/logger.js";
import { socketFactoryFrom, type SocketFactory } from "../../runtime/transport/socket.js";

export interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  msg: string;
  fields?: LogFields;
}

export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine["level"]) => (msg: string, fields?: LogFields) => void lines.push({ level, msg, fields });
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

export const nodeSockets: SocketFactory = socketFactoryFrom(WebSocket);

/** Real `ws` sockets without terminate(): a dead socket gets close(), as in a browser. */
export const browserShapedSockets: SocketFactory = (url) => {
  const socket = nodeSockets(url);
  return new Proxy(socket, { get: (target, key) => (key === "terminate" ? undefined : Reflect.get(target, key)) });
};

/** Polls `check` on the event loop until it is true; fails with `what` after `limitMs`. */
export async function until(check: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
export const text = (data: Uint8Array): string => new TextDecoder().decode(data);
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
