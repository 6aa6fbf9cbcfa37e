// Timers for the heartbeat, watchdog, back-off and request timeouts.
//
// Browsers throttle main-thread timers in hidden tabs (Chrome: at most once a minute after
// 5 minutes hidden), which starves a 20 s heartbeat and lets the gateway drop the socket after
// its 30 s read deadline (openim-sdk-js-wasm #129). Dedicated workers are not subject to that
// throttling, so in a page the timers run inside a tiny Blob worker that posts a message back
// when each timer fires. Where `Worker` is absent (Node, some webviews) or creating it fails
// (e.g. a CSP without `worker-src blob:`, which fails the worker after creation), the global
// setTimeout/setInterval are used.

export type Cancel = () => void;

export interface Timers {
  setTimeout(fn: () => void, ms: number): Cancel;
  setInterval(fn: () => void, ms: number): Cancel;
}

export const systemTimers: Timers = {
  setTimeout(fn, ms) {
    const handle = globalThis.setTimeout(fn, ms);
    return () => globalThis.clearTimeout(handle);
  },
  setInterval(fn, ms) {
    const handle = globalThis.setInterval(fn, ms);
    return () => globalThis.clearInterval(handle);
  },
};

const WORKER_SOURCE = `const live = new Map();
onmessage = (e) => {
  const m = e.data;
  if (m.op === "set") {
    const fire = () => { postMessage(m.id); if (!m.repeat) live.delete(m.id); };
    live.set(m.id, m.repeat ? setInterval(fire, m.ms) : setTimeout(fire, m.ms));
  } else {
    const h = live.get(m.id);
    if (h !== undefined) { clearTimeout(h); clearInterval(h); live.delete(m.id); }
  }
};`;

interface WorkerLike {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** Worker-backed timers, or undefined when this environment cannot start a Blob worker. */
export function workerTimers(): Timers | undefined {
  const g = globalThis as unknown as {
    Worker?: new (url: string) => WorkerLike;
    Blob?: typeof Blob;
    URL?: { createObjectURL?(blob: Blob): string };
  };
  if (!g.Worker || !g.Blob || !g.URL?.createObjectURL) return undefined;
  let worker: WorkerLike;
  try {
    worker = new g.Worker(g.URL.createObjectURL(new g.Blob([WORKER_SOURCE], { type: "text/javascript" })));
  } catch {
    return undefined;
  }
  const callbacks = new Map<number, { fn: () => void; repeat: boolean; ms: number; fallback?: Cancel }>();
  let nextId = 1;
  let failed = false;
  worker.onmessage = (event) => {
    const id = event.data as number;
    const entry = callbacks.get(id);
    if (!entry) return;
    if (!entry.repeat) callbacks.delete(id);
    entry.fn();
  };
  // A CSP without `worker-src blob:` does not make `new Worker` throw: the worker fails later
  // with an error event and never runs a timer. Move every pending timer (restarted) and all
  // later ones to the global timers then.
  worker.onerror = () => {
    if (failed) return;
    failed = true;
    for (const [id, entry] of callbacks) {
      entry.fallback = entry.repeat
        ? systemTimers.setInterval(entry.fn, entry.ms)
        : systemTimers.setTimeout(() => {
            callbacks.delete(id);
            entry.fn();
          }, entry.ms);
    }
  };
  const start = (fn: () => void, ms: number, repeat: boolean): Cancel => {
    if (failed) return repeat ? systemTimers.setInterval(fn, ms) : systemTimers.setTimeout(fn, ms);
    const id = nextId++;
    callbacks.set(id, { fn, repeat, ms });
    worker.postMessage({ op: "set", id, ms, repeat });
    return () => {
      const entry = callbacks.get(id);
      if (!entry) return;
      callbacks.delete(id);
      if (entry.fallback) entry.fallback();
      else worker.postMessage({ op: "clear", id });
    };
  };
  return {
    setTimeout: (fn, ms) => start(fn, ms, false),
    setInterval: (fn, ms) => start(fn, ms, true),
  };
}

let shared: Timers | undefined;

/** Worker timers in browsers, the global timers elsewhere; one worker per page. */
export function defaultTimers(): Timers {
  shared ??= workerTimers() ?? systemTimers;
  return shared;
}
