// A typed event emitter. The event map names each event and the tuple of arguments its
// listeners receive, so `emit("connectFailed", 1, "x")` and the listener's parameters are
// checked against one declaration (the generated listener map plugs in the same way).
//
// Listeners belong to the app: one that throws (or returns a rejected promise) is logged and
// skipped — it must never unwind into the SDK code that emitted, nor starve later listeners.

import type { Logger } from "./logger.js";

/** `{ eventName: [arg1, arg2, …] }`. Interfaces satisfy this constraint as well as type aliases. */
export type EventMap<M> = { [K in keyof M]: unknown[] };

export type Listener<Args extends unknown[]> = (...args: Args) => unknown;

export class Emitter<M extends EventMap<M>> {
  private readonly listeners = new Map<keyof M, Listener<never[]>[]>();

  constructor(
    private readonly logger: Logger,
    /** Prefix for log lines, e.g. "transport", so a failing listener can be traced to its source. */
    private readonly name = "events",
  ) {}

  /** Subscribes; returns a function that unsubscribes (same as `off`). */
  on<K extends keyof M>(event: K, listener: Listener<M[K]>): () => void {
    if (typeof listener !== "function") {
      throw new TypeError(`${this.name}.on("${String(event)}"): listener must be a function, got ${typeof listener}`);
    }
    const list = this.listeners.get(event) ?? [];
    // A new array each time: an emit in progress keeps iterating its own snapshot.
    this.listeners.set(event, [...list, listener as Listener<never[]>]);
    return () => this.off(event, listener);
  }

  /** Subscribes for one call only. */
  once<K extends keyof M>(event: K, listener: Listener<M[K]>): () => void {
    const wrapper: Listener<M[K]> = (...args) => {
      unsubscribe();
      return listener(...args);
    };
    const unsubscribe = this.on(event, wrapper);
    return unsubscribe;
  }

  off<K extends keyof M>(event: K, listener: Listener<M[K]>): void {
    const list = this.listeners.get(event);
    if (!list) return;
    const index = list.indexOf(listener as Listener<never[]>);
    if (index < 0) return;
    const next = [...list.slice(0, index), ...list.slice(index + 1)];
    if (next.length === 0) this.listeners.delete(event);
    else this.listeners.set(event, next);
  }

  /** Calls every listener in subscription order. Never throws because of a listener. */
  emit<K extends keyof M>(event: K, ...args: M[K]): void {
    const list = this.listeners.get(event);
    if (!list) return;
    for (const listener of list) {
      try {
        const result = (listener as Listener<M[K]>)(...args);
        if (isThenable(result)) {
          result.then(undefined, (err: unknown) => this.report(event, err));
        }
      } catch (err) {
        this.report(event, err);
      }
    }
  }

  listenerCount<K extends keyof M>(event: K): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  removeAllListeners(): void {
    this.listeners.clear();
  }

  private report(event: keyof M, err: unknown): void {
    this.logger.error(`${this.name}: a listener of "${String(event)}" threw; the SDK continues`, {
      event: String(event),
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}
