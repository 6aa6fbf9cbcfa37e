// Random IDs for operationID (trace) and msgIncr (request correlation). crypto.getRandomValues
// exists in Node 20, browsers and workers.

export function randomHex(bytes = 8): string {
  const buf = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buf);
  let out = "";
  for (const b of buf) out += b.toString(16).padStart(2, "0");
  return out;
}

export function newOperationID(): string {
  return `${Date.now().toString(36)}-${randomHex(6)}`;
}
