// A fault-injecting TCP proxy for loopback tests: clients connect to it instead of the
// devserver's WebSocket port, and the test (or a seeded chaos schedule) breaks the path the
// way real networks do — a connection reset with no WebSocket close frame, a stall where
// nothing moves in either direction (the half-open case a heartbeat must catch), and delayed
// server→client bytes (slow acks and pushes). TCP-level, so it knows nothing about frames:
// what it delays or cuts are byte chunks, exactly what a network would do.
import net from "node:net";
import { seededRandom, type Random } from "../../bench/lib/seeded-random.js";

export type FaultKind = "kill" | "stall";

export interface FaultEvent {
  atMs: number;
  kind: FaultKind | "resume" | "delay" | "retarget";
  connection: number;
  detail: string;
}

export interface FaultProxyOptions {
  /** The devserver's gateway (or any TCP server) on this machine. */
  targetPort: number;
  /** Must be a loopback address. Default 127.0.0.1. */
  targetHost?: string;
  /** Seed of the chaos schedule; printed at start. Default: random. */
  seed?: number;
  /** Where the seed and every fault are reported. Default: stderr. */
  log?: (line: string) => void;
}

export interface ChaosOptions {
  /** Time between fault decisions, ms. */
  everyMs: number;
  /** Per decision: probability of killing one random live connection. */
  kill: number;
  /** Per decision: probability of stalling one random live connection… */
  stall: number;
  /** …for a random time up to this many ms. */
  maxStallMs: number;
}

/** One decision of a chaos schedule: a pure function of the seed, so a schedule replays. */
export interface ChaosStep {
  kind: FaultKind | "none";
  /** Which live connection, as a fraction in [0, 1) of the live list. */
  pick: number;
  stallMs: number;
}

export function chaosSchedule(rng: Random, o: Pick<ChaosOptions, "kill" | "stall" | "maxStallMs">): () => ChaosStep {
  if (!(o.kill >= 0 && o.stall >= 0 && o.kill + o.stall <= 1)) throw new Error(`chaos: kill (${o.kill}) and stall (${o.stall}) are probabilities that must add up to at most 1`);
  return () => {
    const roll = rng.next();
    const pick = rng.next();
    const stallMs = Math.round(rng.next() * o.maxStallMs);
    const kind = roll < o.kill ? "kill" : roll < o.kill + o.stall ? "stall" : "none";
    return { kind, pick, stallMs };
  };
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/** One client connection and its upstream twin. */
export class ProxiedConnection {
  stalled = false;
  closed = false;
  private delayMs = 0;
  private readonly queue: { at: number; chunk: Buffer }[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private stallTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly id: number,
    private readonly client: net.Socket,
    private readonly upstream: net.Socket,
    private readonly onClosed: (c: ProxiedConnection) => void,
  ) {
    client.on("data", (chunk) => {
      if (!upstream.write(chunk)) client.pause();
    });
    upstream.on("drain", () => {
      if (!this.stalled) client.resume();
    });
    upstream.on("data", (chunk) => this.toClient(chunk));
    client.on("drain", () => {
      if (!this.stalled) upstream.resume();
    });
    const end = () => this.destroy(false);
    client.on("close", end);
    upstream.on("close", end);
    client.on("error", () => {});
    upstream.on("error", () => {});
  }

  /** Server→client bytes wait this long (order kept; applies to bytes arriving from now on). */
  setDelay(ms: number): void {
    if (!(ms >= 0)) throw new Error(`delay must be ≥ 0 ms, got ${ms}`);
    this.delayMs = ms;
  }

  private toClient(chunk: Buffer): void {
    if (this.delayMs === 0 && this.queue.length === 0) {
      if (!this.client.write(chunk)) this.upstream.pause();
      return;
    }
    const last = this.queue[this.queue.length - 1]?.at ?? 0;
    this.queue.push({ at: Math.max(last, Date.now() + this.delayMs), chunk });
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.stalled || this.queue.length === 0) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      if (this.stalled || this.closed) return;
      const now = Date.now();
      while (this.queue.length > 0 && this.queue[0]!.at <= now) this.client.write(this.queue.shift()!.chunk);
      this.scheduleFlush();
    }, Math.max(0, this.queue[0]!.at - Date.now()));
  }

  /** Nothing moves either way until resume() (or after `ms`, when given). Sockets stay open. */
  stall(ms?: number): void {
    if (this.closed) return;
    this.stalled = true;
    this.client.pause();
    this.upstream.pause();
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    clearTimeout(this.stallTimer);
    if (ms !== undefined) this.stallTimer = setTimeout(() => this.resume(), ms);
  }

  resume(): void {
    clearTimeout(this.stallTimer);
    if (this.closed || !this.stalled) return;
    this.stalled = false;
    this.client.resume();
    this.upstream.resume();
    this.scheduleFlush();
  }

  /** Resets both TCP connections: no WebSocket close frame, no FIN — like a dead network path. */
  kill(): void {
    this.destroy(true);
  }

  private destroy(reset: boolean): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.flushTimer);
    clearTimeout(this.stallTimer);
    this.queue.length = 0;
    if (reset) {
      this.client.resetAndDestroy();
      this.upstream.resetAndDestroy();
    } else {
      this.client.destroy();
      this.upstream.destroy();
    }
    this.onClosed(this);
  }
}

export class FaultProxy {
  readonly events: FaultEvent[] = [];
  private readonly live = new Map<number, ProxiedConnection>();
  private nextID = 0;
  private delayMs = 0;
  private chaosTimer: NodeJS.Timeout | undefined;
  private readonly started = Date.now();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
    readonly rng: Random,
    private readonly log: (line: string) => void,
    private targetHost: string,
    private targetPort: number,
  ) {}

  static async start(o: FaultProxyOptions): Promise<FaultProxy> {
    const host = o.targetHost ?? "127.0.0.1";
    if (!LOOPBACK.has(host)) throw new Error(`fault proxy: target ${host} is not loopback; it only sits between local clients and a local devserver (use 127.0.0.1)`);
    if (!Number.isInteger(o.targetPort) || o.targetPort <= 0 || o.targetPort > 65535) throw new Error(`fault proxy: targetPort must be a port 1..65535, got ${o.targetPort}`);
    const rng = seededRandom(o.seed);
    const log = o.log ?? ((l: string) => process.stderr.write(l + "\n"));
    let proxy: FaultProxy | undefined;
    const server = net.createServer((client) => proxy?.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const port = (server.address() as net.AddressInfo).port;
    proxy = new FaultProxy(server, port, rng, log, host, o.targetPort);
    log(`fault proxy: 127.0.0.1:${port} → ${host}:${o.targetPort}, seed ${rng.seed} (replay with seed ${rng.seed})`);
    return proxy;
  }

  /** ws://127.0.0.1:<port>, for clients that should go through the proxy. */
  get wsAddr(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get seed(): number {
    return this.rng.seed;
  }

  /** Live connections, oldest first. */
  get connections(): ProxiedConnection[] {
    return [...this.live.values()];
  }

  /**
   * New connections go to `port` from now on (a restarted devserver on a fresh ephemeral
   * port); live ones keep their upstream until they die.
   */
  retarget(port: number): void {
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`fault proxy: retarget needs a port 1..65535, got ${port}`);
    this.record("retarget", 0, `→ ${this.targetHost}:${port}`);
    this.targetPort = port;
  }

  private accept(client: net.Socket): void {
    client.setNoDelay(true);
    const upstream = net.connect({ host: this.targetHost, port: this.targetPort });
    upstream.setNoDelay(true);
    const c = new ProxiedConnection(++this.nextID, client, upstream, (gone) => this.live.delete(gone.id));
    c.setDelay(this.delayMs);
    this.live.set(c.id, c);
  }

  private record(kind: FaultEvent["kind"], connection: number, detail: string): void {
    const e: FaultEvent = { atMs: Date.now() - this.started, kind, connection, detail };
    this.events.push(e);
    this.log(`fault proxy: +${e.atMs} ms ${kind} #${connection}${detail ? " " + detail : ""}`);
  }

  kill(c: ProxiedConnection): void {
    this.record("kill", c.id, "reset, no close frame");
    c.kill();
  }

  killAll(): void {
    for (const c of this.connections) this.kill(c);
  }

  stall(c: ProxiedConnection, ms?: number): void {
    this.record("stall", c.id, ms === undefined ? "until resume" : `${ms} ms`);
    c.stall(ms);
  }

  resume(c: ProxiedConnection): void {
    this.record("resume", c.id, "");
    c.resume();
  }

  /** Delays server→client bytes of every live and future connection. */
  setDelay(ms: number): void {
    this.record("delay", 0, `${ms} ms server→client`);
    this.delayMs = ms;
    for (const c of this.connections) c.setDelay(ms);
  }

  /** Starts seeded random faults; returns a function that stops them. */
  chaos(o: ChaosOptions): () => void {
    if (!(o.everyMs > 0)) throw new Error(`chaos: everyMs must be > 0, got ${o.everyMs}`);
    this.stopChaos();
    const next = chaosSchedule(this.rng, o);
    this.chaosTimer = setInterval(() => {
      const step = next();
      const live = this.connections.filter((c) => !c.stalled);
      if (step.kind === "none" || live.length === 0) return;
      const c = live[Math.floor(step.pick * live.length)]!;
      if (step.kind === "kill") this.kill(c);
      else this.stall(c, step.stallMs);
    }, o.everyMs);
    return () => this.stopChaos();
  }

  private stopChaos(): void {
    clearInterval(this.chaosTimer);
    this.chaosTimer = undefined;
  }

  async close(): Promise<void> {
    this.stopChaos();
    for (const c of this.connections) c.kill();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
