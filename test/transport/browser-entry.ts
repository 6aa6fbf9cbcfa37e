// Bundled by browser.test.ts and run in headless Chromium: the transport on the browser's own
// WebSocket and on the worker-backed timers.

import { silentLogger } from "../../runtime/events/logger.js";
import { AuthFailureGate } from "../../runtime/transport/auth-failures.js";
import { Connection, type PushFrame } from "../../runtime/transport/connection.js";
import { socketFactoryFrom } from "../../runtime/transport/socket.js";
import { defaultTimers, systemTimers } from "../../runtime/transport/timers.js";

interface PageApi {
  usesWorkerTimers(): boolean;
  connect(wsAddr: string, backoffMs: number): Promise<void>;
  echo(texts: string[]): Promise<string[]>;
  pushes(): string[];
  state(): string;
  attempts(): number;
}

let connection: Connection | undefined;
const received: PushFrame[] = [];

const api: PageApi = {
  usesWorkerTimers: () => defaultTimers() !== systemTimers,
  connect(wsAddr, backoffMs) {
    connection = new Connection({
      wsAddr,
      userID: "web1",
      token: "t",
      platformID: 5,
      socketFactory: socketFactoryFrom(WebSocket),
      authGate: new AuthFailureGate(silentLogger),
      heartbeat: { intervalMs: 50, pongTimeoutMs: 2000 },
      backoff: { baseMs: backoffMs, maxMs: backoffMs },
    });
    connection.events.on("push", (frame) => void received.push(frame));
    const ready = new Promise<void>((resolve) => connection!.events.once("connectSuccess", () => resolve()));
    connection.start();
    return ready;
  },
  async echo(texts) {
    const replies = await Promise.all(texts.map((t) => connection!.request(1003, new TextEncoder().encode(t))));
    return replies.map((r) => new TextDecoder().decode(r));
  },
  pushes: () => received.map((p) => new TextDecoder().decode(p.data)),
  state: () => connection?.state ?? "none",
  attempts: () => connection?.connectAttempts ?? 0,
};

(globalThis as unknown as { transport: PageApi }).transport = api;
