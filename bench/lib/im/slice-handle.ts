// The coordinator's view of a slice: the same four calls whether the slice runs in this
// process or in a worker process (IPC request/reply, see traffic-worker.ts).
import { fork, type ChildProcess } from "node:child_process";
import type { LedgerData } from "./delivery-ledger.js";
import { TrafficSlice, type SliceSpec, type SliceStatus } from "./traffic-slice.js";

export interface SliceHandle {
  connect(): Promise<void>;
  send(): Promise<void>;
  status(): Promise<SliceStatus>;
  finish(): Promise<LedgerData>;
}

export function inProcessSlice(spec: SliceSpec): SliceHandle {
  const slice = new TrafficSlice(spec);
  return {
    connect: () => slice.connect(),
    send: () => slice.send(),
    status: async () => slice.status(),
    finish: async () => slice.finish(),
  };
}

export type WorkerCommand = "connect" | "send" | "status" | "finish";
export interface WorkerRequest {
  id: number;
  cmd: WorkerCommand;
  spec?: SliceSpec;
}
export interface WorkerReply {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

const WORKER_FILE = new URL("./traffic-worker.ts", import.meta.url).pathname;

/** The worker is TypeScript: reuse this process's tsx loader, or add one (e.g. under vitest). */
function workerExecArgv(): string[] {
  const inherited = process.execArgv;
  if (inherited.some((a) => a.includes("tsx"))) return inherited;
  return [...inherited, "--import", import.meta.resolve("tsx")];
}

/** Forks a worker process that owns `spec`'s clients; the process ends after finish(). */
export function workerSlice(spec: SliceSpec): SliceHandle {
  const child: ChildProcess = fork(WORKER_FILE, [], { execArgv: workerExecArgv(), stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let nextID = 0;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  child.on("message", (m) => {
    const r = m as WorkerReply;
    const w = waiting.get(r.id);
    waiting.delete(r.id);
    if (r.ok) w?.resolve(r.value);
    else w?.reject(new Error(`worker ${child.pid}: ${r.error}`));
  });
  child.on("exit", (code, signal) => {
    for (const w of waiting.values()) w.reject(new Error(`worker ${child.pid} exited (${signal ?? code}) with a request pending`));
    waiting.clear();
  });
  const call = <T>(cmd: WorkerCommand): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextID;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      const req: WorkerRequest = cmd === "connect" ? { id, cmd, spec } : { id, cmd };
      child.send(req);
    });
  return {
    connect: () => call<void>("connect"),
    send: () => call<void>("send"),
    status: () => call<SliceStatus>("status"),
    finish: async () => {
      const data = await call<LedgerData>("finish");
      child.disconnect();
      return data;
    },
  };
}
