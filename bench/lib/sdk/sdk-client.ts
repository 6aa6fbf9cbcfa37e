// The SDK as an app uses it in the SDK-level benchmarks: the Node binding, silent, waiting on
// its events with a deadline (a benchmark that hangs is a failure with a reason, not a stall).
import { CbEvents, createNodeRuntime } from "../../../bindings/node/index.js";
import type { EventMap, EventName } from "../../../generated/listeners/events.js";
import type { RuntimeHandles } from "../../../runtime/create-sdk.js";
import { silentLogger } from "../../../runtime/events/logger.js";

export interface SdkClientOptions {
  apiAddr: string;
  wsAddr: string;
  /** Folder of the local database; omit for an in-memory database. */
  dataDir?: string;
}

export function newSdkRuntime(o: SdkClientOptions): RuntimeHandles {
  return createNodeRuntime({ logger: silentLogger, inMemory: o.dataDir === undefined });
}

export async function initAndLogin(rt: RuntimeHandles, o: SdkClientOptions, userID: string, token: string): Promise<void> {
  await rt.sdk.initSDK({ apiAddr: o.apiAddr, wsAddr: o.wsAddr, platformID: 5, dataDir: o.dataDir ?? "in-memory" });
  await rt.sdk.login({ userID, token });
}

/** Resolves with the next `event` payload; rejects after `ms`, or at once on OnSyncServerFailed when waiting for a sync. */
export function nextEvent<E extends EventName>(rt: RuntimeHandles, event: E, ms = 600_000): Promise<EventMap[E]> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      rt.sdk.off(event, onEvent);
      rt.sdk.off(CbEvents.OnSyncServerFailed, onFailed);
    };
    const onEvent = (payload: EventMap[E]) => {
      done();
      resolve(payload);
    };
    const onFailed = () => {
      done();
      reject(new Error(`OnSyncServerFailed while waiting for ${event}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no ${event} within ${ms / 1000} s`));
    }, ms);
    rt.sdk.on(event, onEvent);
    if (event === CbEvents.OnSyncServerFinish) rt.sdk.on(CbEvents.OnSyncServerFailed, onFailed);
  });
}

/** The logged-in session (DAOs and driver, to count what was stored). */
export function sessionOf(rt: RuntimeHandles) {
  const session = rt.login.current;
  if (!session) throw new Error("not logged in: no session to read the DAOs of");
  return session;
}
