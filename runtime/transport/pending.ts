// Requests waiting for their response, keyed by msgIncr. Any number may be in flight at once:
// each has its own deadline, and a response settles exactly its own request, so a slow one
// delays nobody (the Go SDK writes one request and waits up to 10 s before the next).
// Each entry remembers the socket generation it was written to; a socket's death fails only
// the requests written to it, and a response is accepted only from that same socket.

import type { Cancel } from "./timers.js";

export interface PendingRequest {
  reqIdentifier: number;
  operationID: string;
  msgIncr: string;
  data: Uint8Array;
  /** Generation of the socket it was written to; undefined while waiting for a connection. */
  sentOn: number | undefined;
  resolve(data: Uint8Array): void;
  reject(err: Error): void;
  cancelTimeout: Cancel;
}

export class PendingRequests {
  private readonly byIncr = new Map<string, PendingRequest>();

  add(request: PendingRequest): void {
    this.byIncr.set(request.msgIncr, request);
  }

  /** Removes and returns the request if it is still pending and was written to `generation`. */
  take(msgIncr: string, generation: number): PendingRequest | undefined {
    const request = this.byIncr.get(msgIncr);
    if (!request || request.sentOn !== generation) return undefined;
    this.remove(request);
    return request;
  }

  remove(request: PendingRequest): void {
    if (this.byIncr.get(request.msgIncr) === request) this.byIncr.delete(request.msgIncr);
    request.cancelTimeout();
  }

  /** Requests not yet written to any socket, oldest first. */
  unsent(): PendingRequest[] {
    return [...this.byIncr.values()].filter((r) => r.sentOn === undefined);
  }

  /** Fails the requests written to a socket that died. */
  failSentOn(generation: number, error: (r: PendingRequest) => Error): void {
    for (const request of [...this.byIncr.values()]) {
      if (request.sentOn === generation) {
        this.remove(request);
        request.reject(error(request));
      }
    }
  }

  failAll(error: (r: PendingRequest) => Error): void {
    for (const request of [...this.byIncr.values()]) {
      this.remove(request);
      request.reject(error(request));
    }
  }

  get size(): number {
    return this.byIncr.size;
  }
}
