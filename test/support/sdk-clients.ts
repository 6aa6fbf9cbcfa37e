// Node-binding SDK clients for e2e tests: one per user, every event recorded, waits on events.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { WebSocket } from "ws";
import { CbEvents, createNodeRuntime } from "../../bindings/node/index.js";
import { consoleLogger } from "../../bindings/node/logger.js";
import type { DevServer } from "../../devserver/index.js";
import type { EventMap, EventName } from "../../generated/listeners/events.js";
import type { MessageItem } from "../../generated/types/index.js";
import { createRuntime, type RuntimeHandles } from "../../runtime/create-sdk.js";
import { silentLogger } from "../../runtime/events/logger.js";
import type { FetchLike } from "../../runtime/http/client.js";
import type { MessagingOptions } from "../../runtime/messages/message-session.js";
import { nodeFilePersistence } from "../../runtime/storage/persistence/node-file-store.js";
import { socketFactoryFrom } from "../../runtime/transport/socket.js";
import { adminToken, registerUsers, startTestServer, userToken } from "../devserver/support.js";
import { hostPort, TcpProxy } from "./tcp-proxy.js";

export interface Recorded {
  event: EventName;
  payload: unknown;
}

export class TestClient {
  readonly seen: Recorded[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    readonly rt: RuntimeHandles,
    readonly userID: string,
  ) {
    for (const name of Object.values(CbEvents))
      rt.sdk.on(name, (payload: unknown) => {
        this.seen.push({ event: name, payload });
        const w = this.waiters;
        this.waiters = [];
        w.forEach((f) => f());
      });
  }

  get sdk() {
    return this.rt.sdk;
  }

  /** Sends a text to a user (single chat). */
  async sendText(recvID: string, text: string): Promise<MessageItem> {
    return this.sdk.sendMessage({ recvID, groupID: "", message: await this.sdk.createTextMessage(text) });
  }

  /** Sends texts to a user one after another (each acknowledged before the next). */
  async sendTexts(recvID: string, texts: readonly string[]): Promise<MessageItem[]> {
    const sent: MessageItem[] = [];
    for (const t of texts) sent.push(await this.sendText(recvID, t));
    return sent;
  }

  /** Sends a text to a group. */
  async sayInGroup(groupID: string, text: string): Promise<MessageItem> {
    return this.sdk.sendMessage({ recvID: "", groupID, message: await this.sdk.createTextMessage(text) });
  }

  /** The newest `count` messages of a conversation, oldest first. */
  async history(conversationID: string, count = 100): Promise<MessageItem[]> {
    return (await this.sdk.getAdvancedHistoryMessageList({ conversationID, startClientMsgID: "", count })).messageList;
  }

  events<E extends EventName>(event: E): EventMap[E][] {
    return this.seen.filter((r) => r.event === event).map((r) => r.payload as EventMap[E]);
  }

  /** Resolves once `pred` holds (re-checked on every event and every 20 ms). */
  async until<T>(what: string, pred: () => T | undefined | false | Promise<T | undefined | false>, ms = 8000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = await pred();
      if (v !== undefined && v !== false) return v;
      if (Date.now() > deadline) throw new Error(`${this.userID}: timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 20);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}

export interface ClientOptions {
  wsAddr?: string;
  apiAddr?: string;
  dataDir?: string;
  platformID?: number;
  messaging?: MessagingOptions;
  requestTimeoutMs?: number;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function newClient(server: DevServer, userID: string, token: string, o: ClientOptions = {}): Promise<TestClient> {
  const rt = createNodeRuntime({
    logger: process.env.DEBUG_SDK ? consoleLogger("debug") : silentLogger,
    inMemory: o.dataDir === undefined,
    connection: { backoff: { baseMs: 20, maxMs: 100 }, ...(o.requestTimeoutMs ? { requestTimeoutMs: o.requestTimeoutMs } : {}) },
    ...(o.messaging ? { messaging: o.messaging } : {}),
  });
  const c = new TestClient(rt, userID);
  await rt.sdk.initSDK({ apiAddr: o.apiAddr ?? server.apiAddr, wsAddr: o.wsAddr ?? server.wsAddr, platformID: (o.platformID ?? 5) as 5, dataDir: o.dataDir ?? "unused-in-memory" });
  await rt.sdk.login({ userID, token });
  return c;
}

/** One devserver with fresh users per test, and everything a test opened, closed after it. */
/** The HTTP requests of a client (live); paths in `down` fail as an unreachable server would. */
export class HttpLog {
  readonly requests: { path: string; body: Record<string, unknown> }[] = [];
  /** The route of every request, in order. */
  readonly routes: string[] = [];
  /** The userIDs of every /user/get_users_info request (profile lookups). */
  readonly asked: string[][] = [];
  readonly down = new Set<string>();
  readonly fetch: FetchLike = async (url, init) => {
    const path = new URL(url).pathname;
    if (this.down.has(path)) throw new TypeError(`fetch failed (the test took ${path} down)`);
    const body = JSON.parse(init.body) as Record<string, unknown>;
    this.requests.push({ path, body });
    this.routes.push(path);
    if (path === "/user/get_users_info") this.asked.push(body.userIDs as string[]);
    return globalThis.fetch(url, init);
  };

  bodies(path: string): Record<string, unknown>[] {
    return this.requests.filter((r) => r.path === path).map((r) => r.body);
  }
}

export class E2eWorld {
  private readonly open: TestClient[] = [];
  private readonly proxies: TcpProxy[] = [];
  private readonly dirs: string[] = [];
  private n = 0;

  private constructor(
    readonly server: DevServer,
    readonly admin: string,
  ) {}

  static async start(): Promise<E2eWorld> {
    const server = await startTestServer();
    return new E2eWorld(server, await adminToken(server));
  }

  /** Registers users with unique IDs (prefix + counter), so tests never see each other's messages. */
  async users(...names: string[]): Promise<string[]> {
    const ids = names.map((x) => `${x}${++this.n}`);
    await registerUsers(this.server, this.admin, ...ids);
    return ids;
  }

  async client(userID: string, o: ClientOptions = {}): Promise<TestClient> {
    const c = await newClient(this.server, userID, await userToken(this.server, this.admin, userID, o.platformID ?? 5), o);
    this.open.push(c);
    return c;
  }

  /**
   * A logged-in client over `dataDir` whose /user/get_users_info requests are recorded (their
   * userIDs, in order) as well as the route of every HTTP request, resolved once its first connect
   * sync finished.
   */
  /** A client over `dataDir` whose HTTP requests `log` records (live), after its first sync. */
  async clientWithLookups(userID: string, dataDir: string, platformID = 5, log = new HttpLog()): Promise<{ client: TestClient; asked: string[][]; routes: string[]; token: string }> {
    const rt = createRuntime({ socketFactory: socketFactoryFrom(WebSocket), logger: silentLogger, fetch: log.fetch, storage: (_c, id) => ({ persistence: nodeFilePersistence(dataDir, id) }) });
    const client = new TestClient(rt, userID);
    this.open.push(client);
    await rt.sdk.initSDK({ apiAddr: this.server.apiAddr, wsAddr: this.server.wsAddr, platformID: platformID as 5, dataDir });
    const token = await userToken(this.server, this.admin, userID, platformID);
    await rt.sdk.login({ userID, token });
    await client.until("first sync", () => client.events(CbEvents.OnSyncServerFinish).length === 1);
    return { client, asked: log.asked, routes: log.routes, token };
  }

  /** A proxy to the gateway (WebSocket), or with "api" to the HTTP API. */
  async proxy(to: "ws" | "api" = "ws"): Promise<TcpProxy> {
    const p = await TcpProxy.start(hostPort(to === "ws" ? this.server.wsAddr : this.server.apiAddr));
    this.proxies.push(p);
    return p;
  }

  dir(prefix: string): string {
    const d = tempDir(prefix);
    this.dirs.push(d);
    return d;
  }

  async afterEach(): Promise<void> {
    for (const c of this.open.splice(0)) if ((await c.sdk.getLoginStatus()) !== 1) await c.sdk.logout().catch(() => {});
    for (const p of this.proxies.splice(0)) await p.close();
  }

  async close(): Promise<void> {
    await this.afterEach();
    await this.server.close();
    for (const d of this.dirs) fs.rmSync(d, { recursive: true, force: true });
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
