// The operationID of the request being served, carried to everything it causes. OpenIM keeps it
// in its context through Kafka up to the gateway, so a 2001 push carries the operationID of the
// send, revoke or read that produced it; @openim/client-sdk relies on that to tell the echo of its
// own request from a new message (it would otherwise count its own message as unread).
import { AsyncLocalStorage } from "node:async_hooks";

const current = new AsyncLocalStorage<string>();

/** Runs `fn` (and every callback it schedules) as part of the request `operationID`. */
export function withOperationID<T>(operationID: string, fn: () => T): T {
  return current.run(operationID, fn);
}

/** The operationID of the request that caused the current work, if any. */
export function causingOperationID(): string | undefined {
  return current.getStore() || undefined;
}
