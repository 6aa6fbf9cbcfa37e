// Runs the official OpenIM web client (@openim/client-sdk, GPL-3.0, a devDependency used only
// by test/interop) in Node against the devserver. The client expects a browser, so this file
// gives it the two browser behaviours it depends on — nothing else is shimmed:
//  - a global `WebSocket`: `ws`, with binaryType "arraybuffer" and each message dispatched as its
//    own task, as browsers do (ws would run several frames in one tick; the client needs its
//    send's ack continuation to run before the echo push, as it does in a browser);
//  - `fetch` is Node's own.
// It also taps the wire (WS envelopes and HTTP calls) so tests and the transcript can show it.
import { WebSocket as NodeWebSocket } from "ws";
import type { ApiService, MessageItem, ConversationItem } from "@openim/client-sdk";
import type { DevServer } from "../../devserver/index.js";

export type { MessageItem, ConversationItem };

/**
 * The package's `main` and `module` builds (lib/index.js, lib/index.es.js) transpile
 * `[...map.entries()]` to `[].concat(map.entries())`, so their catch-up pull after a reconnect
 * always throws and the messages missed meanwhile never reach the app — against any server.
 * Its modern build (untranspiled ES2017+) is the same code without that defect, so it is the one
 * run here. The package has no "exports" map, so the deep path is its public layout.
 */
const MODERN_BUILD = "@openim/client-sdk/lib/index.modern.mjs";
const official = (await import(MODERN_BUILD)) as typeof import("@openim/client-sdk");
export const CbEvents = official.CbEvents;

/** One thing seen on the wire by an official client. */
export type WireEntry =
  | { kind: "ws-out" | "ws-in"; userID: string; reqIdentifier: number; operationID: string; errCode: number }
  | { kind: "ws-text"; userID: string; text: string; dir: "in" | "out" }
  | { kind: "http"; userID: string; path: string; contentType: string; status: number; errCode: number | null };

const wire: WireEntry[] = [];
/** Every wire entry since the process started (tests slice it with `wireMark`). */
export const wireLog = (): readonly WireEntry[] => wire;
export const wireMark = (): number => wire.length;

function envelopeOf(data: unknown): { reqIdentifier: number; operationID: string; errCode?: number } | undefined {
  try {
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : (data as Uint8Array);
    return JSON.parse(new TextDecoder().decode(bytes)) as { reqIdentifier: number; operationID: string; errCode?: number };
  } catch {
    return undefined;
  }
}

type Listener = ((ev: { data: unknown }) => void) | null;

/** `ws` made to behave like a browser WebSocket in the two ways the official client relies on. */
class BrowserLikeWebSocket extends NodeWebSocket {
  private handler: Listener = null;
  readonly userID: string;

  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols);
    this.binaryType = "arraybuffer";
    this.userID = new URL(url).searchParams.get("sendID") ?? "";
    this.on("message", (data: ArrayBuffer | Buffer, isBinary: boolean) => {
      const payload: ArrayBuffer | string = isBinary ? (data as ArrayBuffer) : Buffer.from(data as ArrayBuffer).toString("utf8");
      if (typeof payload === "string") wire.push({ kind: "ws-text", userID: this.userID, text: payload, dir: "in" });
      else {
        const env = envelopeOf(payload);
        if (env) wire.push({ kind: "ws-in", userID: this.userID, reqIdentifier: env.reqIdentifier, operationID: env.operationID, errCode: env.errCode ?? 0 });
      }
      // A browser queues one task per message (microtasks of the previous one run first), and that
      // task drops the message if the socket is no longer OPEN (e.g. the app logged out meanwhile).
      setImmediate(() => {
        if (this.readyState === NodeWebSocket.OPEN) this.handler?.({ data: payload });
      });
    });
  }

  // @ts-expect-error ws declares onmessage as a plain property; a browser-like dispatch needs an accessor.
  override get onmessage(): Listener {
    return this.handler;
  }
  override set onmessage(fn: Listener) {
    this.handler = fn;
  }

  override send(data: string | Uint8Array): void {
    if (typeof data === "string") wire.push({ kind: "ws-text", userID: this.userID, text: data, dir: "out" });
    else {
      const env = envelopeOf(data);
      if (env) wire.push({ kind: "ws-out", userID: this.userID, reqIdentifier: env.reqIdentifier, operationID: env.operationID, errCode: 0 });
    }
    super.send(data);
  }
}

let installed = false;
const PROBE = "probe_";

/** Installs the browser globals once per process (each vitest file runs in its own process). */
export function installBrowserGlobals(): void {
  if (installed) return;
  installed = true;
  (globalThis as { WebSocket?: unknown }).WebSocket = BrowserLikeWebSocket;
  const nodeFetch = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const res = await nodeFetch(input, init);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    // The tests' own probes of server state are not the client's traffic.
    if (headers.operationID?.startsWith(PROBE)) return res;
    let errCode: number | null = null;
    try {
      errCode = ((await res.clone().json()) as { errCode: number }).errCode;
    } catch {
      // gin's plain-text 404 has no envelope
    }
    wire.push({ kind: "http", userID: userOfToken(headers.token), path: new URL(String(input instanceof Request ? input.url : input)).pathname, contentType: headers["Content-Type"] ?? "", status: res.status, errCode });
    return res;
  };
}

function userOfToken(token: string | undefined): string {
  if (!token) return "";
  try {
    return (JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()) as { UserID?: string }).UserID ?? "";
  } catch {
    return "";
  }
}

export interface OfficialEvent {
  event: string;
  data: any;
  errCode: number;
  errMsg: string;
}

type Official = ApiService & { on(event: string, fn: (e: OfficialEvent) => void): void };

/** One logged-in official client with every event it emitted recorded in order. */
export class OfficialClient {
  readonly events: OfficialEvent[] = [];
  private waiters: (() => void)[] = [];

  private constructor(
    readonly sdk: Official,
    readonly userID: string,
  ) {
    for (const ev of Object.values(CbEvents)) {
      sdk.on(ev, (e) => {
        this.events.push(e);
        const w = this.waiters;
        this.waiters = [];
        w.forEach((f) => f());
      });
    }
  }

  /** Logs in and resolves once the client reports OnSyncServerFinish (rejects on a failed connect or sync). */
  static async login(server: DevServer, userID: string, token: string, platformID = 5): Promise<OfficialClient> {
    installBrowserGlobals();
    const c = new OfficialClient(official.getSDK() as Official, userID);
    await c.sdk.login({ userID, token, wsAddr: server.wsAddr, apiAddr: server.apiAddr, platformID, logLevel: 5 });
    await c.waitFor(CbEvents.OnSyncServerFinish, () => true, 10_000, 0);
    return c;
  }

  mark(): number {
    return this.events.length;
  }

  /** The first event named `event` at index ≥ `from` whose data satisfies `pred`. Fails on sync/connect failure. */
  async waitFor<T = any>(event: string, pred: (data: T) => boolean, ms = 8000, from = 0): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const bad = this.events.slice(from).find((e) => e.event === CbEvents.OnSyncServerFailed || (e.event === CbEvents.OnConnectFailed && e.errCode !== 10000));
      if (bad) throw new Error(`${this.userID}: ${bad.event} ${bad.errCode} ${bad.errMsg}`);
      const hit = this.events.slice(from).find((e) => e.event === event && pred(e.data as T));
      if (hit) return hit.data as T;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.userID}: no ${event} within ${ms} ms; saw ${this.events.slice(from).map((e) => e.event).join(", ")}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Every message delivered to the app (OnRecvNewMessages) since `from`. */
  received(from = 0): MessageItem[] {
    return this.events.slice(from).filter((e) => e.event === CbEvents.OnRecvNewMessages).flatMap((e) => e.data as MessageItem[]);
  }

  async conversations(): Promise<ConversationItem[]> {
    return (await this.sdk.getConversationListSplit({ offset: 0, count: 100 })).data;
  }

  async conversation(conversationID: string): Promise<ConversationItem | undefined> {
    return (await this.conversations()).find((c) => c.conversationID === conversationID);
  }

  async totalUnread(): Promise<number> {
    return (await this.sdk.getTotalUnreadMsgCount()).data;
  }

  /** The newest `count` messages of a conversation, oldest first. */
  async history(conversationID: string, count = 50): Promise<MessageItem[]> {
    return (await this.sdk.getAdvancedHistoryMessageList({ conversationID, count, startClientMsgID: "", viewType: 0 })).data.messageList;
  }

  async sendText(recvID: string, text: string): Promise<MessageItem> {
    const m = (await this.sdk.createTextMessage(text)).data;
    return (await this.sdk.sendMessage({ recvID, groupID: "", message: m })).data;
  }

  /** Cuts the socket without a close handshake (a lost network); the client reconnects by itself. */
  dropConnection(): void {
    const ws = (this.sdk as unknown as { wsManager?: { ws?: NodeWebSocket } }).wsManager?.ws;
    if (!ws) throw new Error(`${this.userID} has no socket to drop`);
    ws.terminate();
  }

  async logout(): Promise<void> {
    await this.sdk.logout();
  }
}

/** The messages' text (text, @ and quote elements), for compact assertions. */
export function textOf(m: MessageItem): string {
  return m.textElem?.content ?? m.atTextElem?.text ?? m.quoteElem?.text ?? "";
}

export const singleConversationID = (a: string, b: string): string => (Buffer.compare(Buffer.from(a), Buffer.from(b)) <= 0 ? `si_${a}_${b}` : `si_${b}_${a}`);

/** The server's view of a user's conversations (JSON mode of /jssdk/get_active_conversations): unread = maxSeq − readSeq. */
export async function serverUnread(server: DevServer, userID: string, token: string): Promise<Record<string, number>> {
  const res = await fetch(`${server.apiAddr}/jssdk/get_active_conversations`, {
    method: "POST",
    headers: { "Content-Type": "application/json", operationID: `${PROBE}${Date.now()}`, token },
    body: JSON.stringify({ ownerUserID: userID, count: 100 }),
  });
  const env = (await res.json()) as { errCode: number; errDlt: string; data?: { conversations: { conversation: { conversationID: string }; maxSeq: number; readSeq: number }[] | null } };
  if (env.errCode !== 0) throw new Error(`get_active_conversations → ${env.errCode} ${env.errDlt}`);
  return Object.fromEntries((env.data?.conversations ?? []).map((c) => [c.conversation.conversationID, c.maxSeq - c.readSeq]));
}
