// Loads the sql.js WASM module once per location. In Node sql.js finds its .wasm beside its
// own script; a browser bundle passes the URL it serves the .wasm from (or the bytes).
import initSqlJs from "sql.js";
import { StorageError } from "../contracts/storage.js";

export type SqlJsStatic = initSqlJs.SqlJsStatic;

export interface SqlJsLoadOptions {
  /** URL of sql-wasm.wasm (browser). Default: sql.js's own lookup (works in Node). */
  wasmUrl?: string;
  /** The wasm bytes themselves, when the host already has them. Takes precedence over wasmUrl. */
  bytes?: ArrayBuffer | Uint8Array;
}

/** The sql.js release this driver was written and tested against; export() semantics differ by version. */
export const SQLJS_PINNED_VERSION = "1.13.0";

const loaded = new Map<string, Promise<SqlJsStatic>>();
let loadedFromBytes: Promise<SqlJsStatic> | undefined;

export function openSqlJs(options: SqlJsLoadOptions = {}): Promise<SqlJsStatic> {
  if (options.bytes) {
    // One module per process is enough; bytes identify no location, so the first load wins.
    loadedFromBytes ??= load({ wasmBinary: toArrayBuffer(options.bytes) }, "supplied bytes", () => {
      loadedFromBytes = undefined;
    });
    return loadedFromBytes;
  }
  const key = options.wasmUrl ?? "";
  let module = loaded.get(key);
  if (!module) {
    const wasmUrl = options.wasmUrl;
    const config: initSqlJs.SqlJsConfig = wasmUrl ? { locateFile: () => wasmUrl } : {};
    module = load(config, wasmUrl ?? "the sql.js package", () => loaded.delete(key));
    loaded.set(key, module);
  }
  return module;
}

async function load(config: initSqlJs.SqlJsConfig, from: string, forget: () => void): Promise<SqlJsStatic> {
  try {
    return await initSqlJs(config);
  } catch (err) {
    // Forget the failure so a corrected retry (e.g. after the network returns) can succeed.
    forget();
    throw new StorageError(
      `could not load the sql.js WASM module from ${from}: ${err instanceof Error ? err.message : String(err)}; ` +
        "check that the wasm file is served at that URL with Content-Type application/wasm",
      undefined,
      err,
    );
  }
}

function toArrayBuffer(bytes: ArrayBuffer | Uint8Array): ArrayBuffer {
  if (bytes instanceof ArrayBuffer) return bytes;
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
