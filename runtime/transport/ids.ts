// IDs for operationID (a trace ID echoed by the server) and msgIncr (request correlation).
// A random per-process prefix plus a counter: unique within and across sessions without a
// crypto call per request. crypto.getRandomValues exists in Node 20, browsers and workers.

export function randomHex(bytes = 8): string {
  const buf = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buf);
  let out = "";
  for (const b of buf) out += b.toString(16).padStart(2, "0");
  return out;
}

const prefix = `${Date.now().toString(36)}-${randomHex(4)}-`;
let counter = 0;

export function newOperationID(): string {
  return prefix + (++counter).toString(36);
}
