// The contract between generated protocol codecs (generated/protocol/*) and everything that uses
// them (runtime, devserver, tests), plus the small, CSP-safe helpers the generated code calls.
// Wire encoding sits on protobufjs/minimal's Reader/Writer (no eval, no reflection); int64 values
// are read by our own varint code so they never become Long objects and are range-checked.
import protobuf from "protobufjs/minimal.js";

export type Reader = protobuf.Reader;
export type Writer = protobuf.Writer;

/** Bad wire data or bad JSON: `path` names the field, e.g. "openim.sdkws.MsgData.seq". */
export class ProtocolError extends Error {
  override readonly name = "ProtocolError";
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${path}: ${message}`);
  }
}

/** What encode/toGoJSON accept: any field at any depth may be left out (it is then the zero value). */
export type DeepPartial<T> = T extends Uint8Array
  ? T
  : T extends readonly (infer U)[]
    ? DeepPartial<U>[]
    : T extends object
      ? { [K in keyof T]?: DeepPartial<T[K]> }
      : T;

/**
 * A message type's codec. `create`/`decode`/`fromGoJSON` always return every field:
 * scalars at their zero value, repeated as [], maps as {}, messages and wrappers as undefined.
 * Generated code also exports each side alone (`Foo$wire`, `Foo$json`): the tables a browser
 * bundle carries name only the side they use, so the other side's code is left out.
 */
export interface MessageCodec<T> extends WireCodec<T>, GoJSONCodec<T> {
  /** Both sides' field-level implementations (generated code nests through each side's own `$`). */
  readonly $: MessageImpl<T>;
}

/** The binary protobuf side of a codec (WebSocket frames, @protobuf routes). */
export interface WireCodec<T> {
  readonly kind: "proto";
  /** The proto full name, e.g. "openim.sdkws.MsgData". */
  readonly name: string;
  create(init?: Partial<T>): T;
  /** Binary protobuf, proto3 rules: zero values are omitted. */
  encode(msg: Partial<T> | DeepPartial<T>): Uint8Array;
  /** Throws ProtocolError on truncated or malformed input and on int64 beyond ±(2^53−1). */
  decode(bytes: Uint8Array): T;
  /** For generated code only: the field-level implementation used when nesting. */
  readonly $: WireImpl<T>;
}

/** The Go-JSON side of a codec (HTTP bodies, notification tips). */
export interface GoJSONCodec<T> {
  readonly kind: "proto";
  readonly name: string;
  create(init?: Partial<T>): T;
  /**
   * Go encoding/json of the server's struct: proto names as keys, every field present,
   * empty lists/maps and unset messages as null, bytes as std base64, wrappers as bare values.
   */
  toGoJSON(msg: Partial<T> | DeepPartial<T>): Record<string, unknown>;
  /** Go encoding/json decoding: case-insensitive keys, unknown keys ignored, null = default. */
  fromGoJSON(json: unknown): T;
  /** For generated code only: the field-level implementation used when nesting. */
  readonly $: GoJSONImpl<T>;
}

export interface WireImpl<T> {
  create(init?: Partial<T>): T;
  /** Writes the fields (no length prefix). */
  write(msg: DeepPartial<T>, w: Writer): void;
  /** Reads fields until `end`. */
  read(r: Reader, end: number): T;
}

export interface GoJSONImpl<T> {
  create(init?: Partial<T>): T;
  toJSON(msg: DeepPartial<T>): Record<string, unknown>;
  fromJSON(json: Record<string, unknown>, path: string): T;
}

export interface MessageImpl<T> extends WireImpl<T>, GoJSONImpl<T> {}

const NodeBuffer = protobuf.util.Buffer as unknown as typeof Buffer | null;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function defineWire<T>(name: string, impl: WireImpl<T>): WireCodec<T> {
  return {
    kind: "proto",
    name,
    $: impl,
    create: impl.create,
    encode(msg) {
      const w = protobuf.Writer.create();
      impl.write((msg ?? {}) as DeepPartial<T>, w);
      const out = w.finish();
      // Node's BufferWriter returns a Buffer; callers get a plain Uint8Array view of it.
      return out.constructor === Uint8Array ? out : new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    },
    decode(bytes) {
      if (!(bytes instanceof Uint8Array)) throw new ProtocolError(`decode expects a Uint8Array, got ${kindOf(bytes)}`, name);
      // In Node a Buffer view (no copy) selects protobufjs's faster BufferReader (native UTF-8).
      const r = NodeBuffer ? protobuf.Reader.create(NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) : new protobuf.Reader(bytes);
      try {
        return impl.read(r, r.len);
      } catch (err) {
        throw asProtocolError(err, name);
      }
    },
  };
}

export function defineGoJSON<T>(name: string, impl: GoJSONImpl<T>): GoJSONCodec<T> {
  return {
    kind: "proto",
    name,
    $: impl,
    create: impl.create,
    toGoJSON(msg) {
      return impl.toJSON((msg ?? {}) as DeepPartial<T>);
    },
    fromGoJSON(json) {
      if (json === null || json === undefined) return impl.create();
      if (typeof json !== "object" || Array.isArray(json)) {
        throw new ProtocolError(`expected a JSON object, got ${kindOf(json)}`, name);
      }
      return impl.fromJSON(json as Record<string, unknown>, name);
    },
  };
}

/** Both sides of one message type as one codec. */
export function defineMessage<T>(wire: WireCodec<T>, json: GoJSONCodec<T>): MessageCodec<T> {
  return { ...wire, ...json, $: { ...wire.$, ...json.$ } };
}

// ---------------------------------------------------------------- route bodies

/** Which token an HTTP route requires. */
export type TokenKind = "none" | "user" | "admin";

/**
 * The body of a route that is not a proto message (declared as Json<T> in schema/protocol/routes.ts).
 * Same call shape as a MessageCodec's JSON side, so a client or server treats both alike;
 * only the top-level shape (object or array) is checked.
 */
export interface JsonBody<T> {
  readonly kind: "json";
  /** The TypeScript type, e.g. "ApiSendMsgReq" or "ApiUserOnlineStatus[]". */
  readonly name: string;
  toGoJSON(value: Partial<T>): Record<string, unknown>;
  fromGoJSON(json: unknown): T;
}

/** A route's request or response body. */
export type RouteBody<T> = MessageCodec<T> | JsonBody<T>;
/** A route's body as a JSON-only client (the SDK's) needs it. */
export type GoJSONBody<T> = GoJSONCodec<T> | JsonBody<T>;

export function jsonBody<T>(name: string, shape: "object" | "array"): JsonBody<T> {
  const check = (v: unknown): void => {
    const ok = shape === "array" ? Array.isArray(v) : typeof v === "object" && v !== null && !Array.isArray(v);
    if (!ok) throw new ProtocolError(`expected a JSON ${shape}, got ${kindOf(v)}`, name);
  };
  return {
    kind: "json",
    name,
    toGoJSON(value) {
      check(value);
      return value as Record<string, unknown>;
    },
    fromGoJSON(json) {
      check(json);
      return json as T;
    },
  };
}

function asProtocolError(err: unknown, name: string): ProtocolError {
  if (err instanceof ProtocolError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  // protobufjs throws RangeError("index out of range: …") when the input ends early.
  return new ProtocolError(`malformed protobuf (${/index out of range/.test(detail) ? "truncated input" : detail})`, name);
}

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

// ---------------------------------------------------------------- decoding (R)

const TWO32 = 4294967296;

function truncated(path: string): ProtocolError {
  return new ProtocolError("malformed protobuf (truncated input)", path);
}

// The last 64-bit value read, as two unsigned 32-bit halves (module state instead of a tuple:
// int64 fields are on the hot path and this avoids an allocation per read).
let LO = 0;
let HI = 0;

/** Reads a 64-bit varint into LO/HI, without Long. */
function varint64(r: Reader, path: string): void {
  const buf = r.buf;
  if (r.pos < r.len && buf[r.pos]! < 0x80) {
    LO = buf[r.pos++]!;
    HI = 0;
    return;
  }
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < 10; i++) {
    if (r.pos >= r.len) throw truncated(path);
    const b = buf[r.pos++]!;
    if (i < 4) lo |= (b & 0x7f) << (7 * i);
    else if (i === 4) {
      lo |= (b & 0x0f) << 28;
      hi |= (b & 0x7f) >> 4;
    } else hi |= (b & 0x7f) << (7 * i - 32);
    if (b < 0x80) {
      LO = lo >>> 0;
      HI = hi >>> 0;
      return;
    }
  }
  throw new ProtocolError("malformed protobuf (varint longer than 10 bytes)", path);
}

function fixed64(r: Reader, path: string): void {
  if (r.pos + 8 > r.len) throw truncated(path);
  const b = r.buf;
  const p = r.pos;
  r.pos += 8;
  LO = (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  HI = (b[p + 4]! | (b[p + 5]! << 8) | (b[p + 6]! << 16) | (b[p + 7]! << 24)) >>> 0;
}

function signed(lo: number, hi: number, path: string): number {
  const v = (hi | 0) * TWO32 + lo;
  if (!Number.isSafeInteger(v)) throw unsafe(path, hi | 0 ? `${hi | 0}·2^32+${lo}` : String(v));
  return v;
}

function unsigned(lo: number, hi: number, path: string): number {
  const v = hi * TWO32 + lo;
  if (!Number.isSafeInteger(v)) throw unsafe(path, `${hi}·2^32+${lo}`);
  return v;
}

function unsafe(path: string, value: string): ProtocolError {
  return new ProtocolError(`int64 value ${value} is beyond ±(2^53−1), the largest integer a JS number holds exactly`, path);
}

const WIRE_NAMES = ["varint", "64-bit", "length-delimited", "group start", "group end", "32-bit"];

/** Decoding helpers called by generated code. */
export const R = {
  /** Throws unless the tag's wire type is `expected`. */
  wire(tag: number, expected: number, path: string): void {
    if ((tag & 7) !== expected) {
      throw new ProtocolError(`malformed protobuf (wire type ${WIRE_NAMES[tag & 7] ?? tag & 7}, expected ${WIRE_NAMES[expected]})`, path);
    }
  },
  /** Reads a length prefix and returns where that sub-message ends. */
  end(r: Reader, path: string): number {
    const len = r.uint32();
    const end = r.pos + len;
    if (end > r.len) throw truncated(path);
    return end;
  },
  /** Called after a field loop: overrunning a length prefix means the input was malformed. */
  done(r: Reader, end: number, path: string): void {
    if (r.pos !== end) throw truncated(path);
  },
  tag(r: Reader, path: string): number {
    const tag = r.uint32();
    if (tag >>> 3 === 0) throw new ProtocolError("malformed protobuf (field number 0)", path);
    return tag;
  },
  skip(r: Reader, tag: number): void {
    r.skipType(tag & 7);
  },
  int64(r: Reader, path: string): number {
    varint64(r, path);
    return HI === 0 ? LO : signed(LO, HI, path);
  },
  uint64(r: Reader, path: string): number {
    varint64(r, path);
    return HI === 0 ? LO : unsigned(LO, HI, path);
  },
  sint64(r: Reader, path: string): number {
    varint64(r, path);
    const mask = -(LO & 1);
    return signed((((LO >>> 1) | (HI << 31)) ^ mask) >>> 0, ((HI >>> 1) ^ mask) >>> 0, path);
  },
  fixed64(r: Reader, path: string): number {
    fixed64(r, path);
    return unsigned(LO, HI, path);
  },
  sfixed64(r: Reader, path: string): number {
    fixed64(r, path);
    return signed(LO, HI, path);
  },
  /**
   * Length-checked (protobufjs's BufferReader would silently clamp a truncated string) and
   * UTF-8-validated, as Go rejects invalid UTF-8 in proto3 strings.
   */
  string(r: Reader, path: string): string {
    const end = R.end(r, path);
    const start = r.pos;
    r.pos = end;
    const buf = r.buf as Uint8Array & { utf8Slice?: (start: number, end: number) => string };
    if (start === end) return "";
    // Node's native slice replaces bad sequences with U+FFFD; only then is a strict check needed.
    const s = buf.utf8Slice ? buf.utf8Slice(start, end) : undefined;
    if (s !== undefined && !s.includes("\uFFFD")) return s;
    try {
      return strictUtf8.decode(buf.subarray(start, end));
    } catch {
      throw new ProtocolError("malformed protobuf (string is not valid UTF-8)", path);
    }
  },
  /** A copy, so a decoded message never aliases the caller's buffer. */
  bytes(r: Reader, path: string): Uint8Array {
    const end = R.end(r, path);
    const out = new Uint8Array(end - r.pos);
    out.set(r.buf.subarray(r.pos, end));
    r.pos = end;
    return out;
  },
  /** Reads a scalar of the given proto type (used for packed lists, map values and wrappers). */
  scalar(r: Reader, type: ScalarName, path: string): number | boolean | string | Uint8Array {
    switch (type) {
      case "int64": return R.int64(r, path);
      case "uint64": return R.uint64(r, path);
      case "sint64": return R.sint64(r, path);
      case "fixed64": return R.fixed64(r, path);
      case "sfixed64": return R.sfixed64(r, path);
      case "bytes": return R.bytes(r, path);
      case "string": return R.string(r, path);
      case "bool": return r.bool();
      case "int32": return r.int32();
      case "uint32": return r.uint32();
      case "sint32": return r.sint32();
      case "fixed32": return r.fixed32();
      case "sfixed32": return r.sfixed32();
      case "float": return r.float();
      case "double": return r.double();
    }
  },
  /** A wrapper message (openim.protobuf.*Value): its `value` field, or the zero value. */
  wrapper(r: Reader, type: ScalarName, path: string): number | boolean | string | Uint8Array {
    const end = R.end(r, path);
    let value = zeroOf(type);
    while (r.pos < end) {
      const tag = R.tag(r, path);
      if (tag >>> 3 === 1) {
        R.wire(tag, WIRE_TYPES[type], path);
        value = R.scalar(r, type, path);
      } else R.skip(r, tag);
    }
    R.done(r, end, path);
    return value;
  },
  /** Reads one packed run or one unpacked element of a repeated scalar into `out`. */
  repeated<V>(r: Reader, tag: number, type: ScalarName, out: V[], path: string): void {
    const wt = WIRE_TYPES[type];
    if ((tag & 7) === 2 && wt !== 2) {
      const end = R.end(r, path);
      while (r.pos < end) out.push(R.scalar(r, type, path) as V);
      R.done(r, end, path);
    } else {
      R.wire(tag, wt, path);
      out.push(R.scalar(r, type, path) as V);
    }
  },
  /** Sets a map entry; "__proto__" is stored as an own property, never as the prototype. */
  set<V>(map: Record<string, V>, key: string, value: V): void {
    if (key === "__proto__") Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
    else map[key] = value;
  },
};

export type ScalarName =
  | "double" | "float" | "int32" | "uint32" | "sint32" | "fixed32" | "sfixed32"
  | "int64" | "uint64" | "sint64" | "fixed64" | "sfixed64" | "bool" | "string" | "bytes";

const WIRE_TYPES: Record<ScalarName, number> = {
  double: 1, float: 5, int32: 0, uint32: 0, sint32: 0, fixed32: 5, sfixed32: 5,
  int64: 0, uint64: 0, sint64: 0, fixed64: 1, sfixed64: 1, bool: 0, string: 2, bytes: 2,
};

function zeroOf(type: ScalarName): number | boolean | string | Uint8Array {
  return type === "string" ? "" : type === "bool" ? false : type === "bytes" ? new Uint8Array(0) : 0;
}

// ---------------------------------------------------------------- encoding (W)

const INT_RANGES: Partial<Record<ScalarName, [number, number]>> = {
  int32: [-2147483648, 2147483647],
  sint32: [-2147483648, 2147483647],
  sfixed32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
  fixed32: [0, 4294967295],
  int64: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  sint64: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  sfixed64: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint64: [0, Number.MAX_SAFE_INTEGER],
  fixed64: [0, Number.MAX_SAFE_INTEGER],
};

/** Throws unless `v` is a valid value of the proto scalar type. */
function checkScalar(type: ScalarName, v: unknown, path: string): void {
  switch (type) {
    case "string":
      if (typeof v !== "string") throw new ProtocolError(`expected a string, got ${kindOf(v)}`, path);
      return;
    case "bool":
      if (typeof v !== "boolean") throw new ProtocolError(`expected a boolean, got ${kindOf(v)}`, path);
      return;
    case "bytes":
      if (!(v instanceof Uint8Array)) throw new ProtocolError(`expected a Uint8Array, got ${kindOf(v)}`, path);
      return;
    case "float":
    case "double":
      if (typeof v !== "number") throw new ProtocolError(`expected a number, got ${kindOf(v)}`, path);
      return;
    default: {
      if (typeof v !== "number" || !Number.isInteger(v)) {
        throw new ProtocolError(`expected an integer ${type}, got ${typeof v === "number" ? v : kindOf(v)}`, path);
      }
      const [min, max] = INT_RANGES[type]!;
      if (v < min || v > max) {
        throw type.endsWith("64") ? unsafe(path, String(v)) : new ProtocolError(`${v} is out of range for ${type}`, path);
      }
    }
  }
}

function writeRaw(w: Writer, type: ScalarName, v: unknown): void {
  switch (type) {
    case "string": w.string(v as string); return;
    case "bytes": w.bytes(v as Uint8Array); return;
    case "bool": w.bool(v as boolean); return;
    case "int32": w.int32(v as number); return;
    case "uint32": w.uint32(v as number); return;
    case "sint32": w.sint32(v as number); return;
    case "fixed32": w.fixed32(v as number); return;
    case "sfixed32": w.sfixed32(v as number); return;
    case "float": w.float(v as number); return;
    case "double": w.double(v as number); return;
    case "int64": w.int64(v as number); return;
    case "uint64": w.uint64(v as number); return;
    case "sint64": w.sint64(v as number); return;
    case "fixed64": w.fixed64(v as number); return;
    case "sfixed64": w.sfixed64(v as number); return;
  }
}

function isZero(v: unknown): boolean {
  return v === undefined || v === null || v === 0 || v === "" || v === false || (v instanceof Uint8Array && v.length === 0);
}

/**
 * Encoding helpers called by generated code. `field` is a field number; `tag` a precomputed
 * (field << 3 | wire type). The typed writers are the hot path; `scalar` covers the rest.
 */
export const W = {
  string(w: Writer, tag: number, v: unknown, path: string): void {
    if (v === undefined || v === null || v === "") return;
    if (typeof v !== "string") throw new ProtocolError(`expected a string, got ${kindOf(v)}`, path);
    w.uint32(tag).string(v);
  },
  bool(w: Writer, tag: number, v: unknown, path: string): void {
    if (v === undefined || v === null || v === false) return;
    if (v !== true) throw new ProtocolError(`expected a boolean, got ${kindOf(v)}`, path);
    w.uint32(tag).bool(true);
  },
  int32(w: Writer, tag: number, v: unknown, path: string): void {
    if (v === undefined || v === null || v === 0) return;
    if (typeof v !== "number" || (v | 0) !== v) checkScalar("int32", v, path);
    w.uint32(tag).int32(v as number);
  },
  int64(w: Writer, tag: number, v: unknown, path: string): void {
    if (v === undefined || v === null || v === 0) return;
    if (typeof v === "number" && v > 0 && v <= 0x7fffffff && (v | 0) === v) {
      w.uint32(tag).uint32(v);
      return;
    }
    checkScalar("int64", v, path);
    w.uint32(tag).int64(v as number);
  },
  bytes(w: Writer, tag: number, v: unknown, path: string): void {
    if (v === undefined || v === null) return;
    if (!(v instanceof Uint8Array)) throw new ProtocolError(`expected a Uint8Array, got ${kindOf(v)}`, path);
    if (v.length > 0) w.uint32(tag).bytes(v);
  },
  /** A singular scalar; proto3 omits zero values (unless `always`, for `optional` fields). */
  scalar(w: Writer, field: number, type: ScalarName, v: unknown, path: string, always = false): void {
    if (always ? v === undefined || v === null : isZero(v)) return;
    checkScalar(type, v, path);
    w.uint32((field << 3) | WIRE_TYPES[type]);
    writeRaw(w, type, v);
  },
  /** A repeated scalar: numbers packed (proto3 default), strings and bytes one tag each. */
  repeated(w: Writer, field: number, type: ScalarName, values: readonly unknown[] | undefined, path: string): void {
    if (!values || values.length === 0) return;
    if (!Array.isArray(values)) throw new ProtocolError(`expected an array, got ${kindOf(values)}`, path);
    const wt = WIRE_TYPES[type];
    if (wt === 2) {
      for (const v of values) {
        checkScalar(type, v, path);
        w.uint32((field << 3) | 2);
        writeRaw(w, type, v);
      }
      return;
    }
    w.uint32((field << 3) | 2).fork();
    for (const v of values) {
      checkScalar(type, v, path);
      writeRaw(w, type, v);
    }
    w.ldelim();
  },
  /** A wrapper (openim.protobuf.*Value): written whenever set, with its zero value omitted inside. */
  wrapper(w: Writer, field: number, type: ScalarName, v: unknown, path: string): void {
    if (v === undefined || v === null) return;
    w.uint32((field << 3) | 2).fork();
    W.scalar(w, 1, type, v, path);
    w.ldelim();
  },
  /** A map entry with a scalar value: key and value are both always written (as Go does). */
  entry(w: Writer, field: number, key: string, type: ScalarName, v: unknown, path: string): void {
    checkScalar(type, v, `${path}[${JSON.stringify(key)}]`);
    w.uint32((field << 3) | 2).fork();
    w.uint32(10).string(key);
    w.uint32((2 << 3) | WIRE_TYPES[type]);
    writeRaw(w, type, v);
    w.ldelim();
  },
  /** A map entry with a message value; `write` writes the value's fields. */
  messageEntry(w: Writer, field: number, key: string, write: (w: Writer) => void): void {
    w.uint32((field << 3) | 2).fork();
    w.uint32(10).string(key);
    w.uint32(18).fork();
    write(w);
    w.ldelim();
    w.ldelim();
  },
  /** A nested message (also an element of a repeated message field). */
  message(w: Writer, field: number, write: (w: Writer) => void): void {
    w.uint32((field << 3) | 2).fork();
    write(w);
    w.ldelim();
  },
  /** Own keys of a map object, in insertion order. */
  keys(map: Record<string, unknown> | undefined, path: string): string[] {
    if (map === undefined || map === null) return [];
    if (typeof map !== "object" || Array.isArray(map)) throw new ProtocolError(`expected an object map, got ${kindOf(map)}`, path);
    return Object.keys(map);
  },
};

// ---------------------------------------------------------------- Go-JSON (J)

/** Go-JSON helpers called by generated code. */
export const J = {
  /** Exact names first, then lower-cased (Go matches keys case-insensitively, preferring exact). */
  keys(names: readonly string[]): Map<string, string> {
    const map = new Map<string, string>();
    for (const n of names) if (!map.has(n.toLowerCase())) map.set(n.toLowerCase(), n);
    for (const n of names) map.set(n, n);
    return map;
  },
  field(keys: Map<string, string>, key: string): string | undefined {
    return keys.get(key) ?? keys.get(key.toLowerCase());
  },
  scalar(type: ScalarName, v: unknown, path: string): number | boolean | string | Uint8Array {
    switch (type) {
      case "string":
        if (typeof v !== "string") throw jsonType(path, "a JSON string", v);
        return v;
      case "bool":
        if (typeof v !== "boolean") throw jsonType(path, "a JSON boolean", v);
        return v;
      case "bytes":
        if (typeof v !== "string") throw jsonType(path, "a base64 JSON string", v);
        return base64Decode(v, path);
      case "float":
      case "double":
        if (typeof v !== "number") throw jsonType(path, "a JSON number", v);
        return v;
      default: {
        if (typeof v !== "number") throw jsonType(path, "a JSON number", v);
        if (!Number.isInteger(v)) throw new ProtocolError(`expected an integer (${type}), got ${v}`, path);
        const [min, max] = INT_RANGES[type]!;
        if (v < min || v > max) {
          throw type.endsWith("64") ? unsafe(path, String(v)) : new ProtocolError(`${v} is out of range for ${type}`, path);
        }
        return v;
      }
    }
  },
  list<V>(v: unknown, path: string, elem: (v: unknown, path: string) => V, zero: () => V): V[] {
    if (!Array.isArray(v)) throw jsonType(path, "a JSON array", v);
    return v.map((e, i) => (e === null ? zero() : elem(e, `${path}[${i}]`)));
  },
  map<V>(v: unknown, path: string, elem: (v: unknown, path: string) => V, zero: () => V): Record<string, V> {
    const obj = J.object(v, path);
    const out: Record<string, V> = {};
    for (const k of Object.keys(obj)) {
      const e = obj[k];
      R.set(out, k, e === null ? zero() : elem(e, `${path}[${JSON.stringify(k)}]`));
    }
    return out;
  },
  object(v: unknown, path: string): Record<string, unknown> {
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw jsonType(path, "a JSON object", v);
    return v as Record<string, unknown>;
  },
  /** Go marshals nil slices as null; decoded protobuf lists are nil when empty. */
  outList<V>(v: readonly V[] | undefined, map: (v: V) => unknown): unknown[] | null {
    return v && v.length > 0 ? v.map((e) => (e === undefined || e === null ? null : map(e))) : null;
  },
  /** Go sorts map keys when marshalling. */
  outMap<V>(v: { [key: string]: V | undefined } | undefined, map: (v: V) => unknown): Record<string, unknown> | null {
    if (!v) return null;
    const keys = Object.keys(v).sort();
    if (keys.length === 0) return null;
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const e = v[k];
      R.set(out, k, e === undefined || e === null ? null : map(e));
    }
    return out;
  },
  outBytes(v: Uint8Array | undefined): string | null {
    return v && v.length > 0 ? base64Encode(v) : null;
  },
};

function jsonType(path: string, expected: string, v: unknown): ProtocolError {
  return new ProtocolError(`expected ${expected}, got ${kindOf(v)}`, path);
}

// ---------------------------------------------------------------- Go JSON text and notification content

/**
 * Go's json.Marshal text of a JSON value: JSON.stringify plus Go's escaping of <, >, & and
 * U+2028/U+2029 (they can only occur inside strings, so a global replace is exact).
 */
export function goJSONStringify(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8", { fatal: true });

/** MsgData.content of a notification: {"detail": "<Go JSON of the tips>"}, both levels Go-encoded. */
export function encodeNotificationContent<T>(codec: GoJSONCodec<T>, tips: Partial<T> | DeepPartial<T>): Uint8Array {
  return utf8Encoder.encode(goJSONStringify({ detail: goJSONStringify(codec.toGoJSON(tips)) }));
}

/** Parses a notification's MsgData.content (two JSON levels) into its tips message. */
export function decodeNotificationContent<T>(codec: GoJSONCodec<T>, content: Uint8Array): T {
  const path = `${codec.name} (notification content)`;
  let outer: unknown;
  try {
    outer = JSON.parse(utf8Decoder.decode(content));
  } catch (err) {
    throw new ProtocolError(`content is not UTF-8 JSON (${(err as Error).message})`, path);
  }
  const key = typeof outer === "object" && outer !== null && !Array.isArray(outer) ? Object.keys(outer).find((k) => k.toLowerCase() === "detail") : undefined;
  const detail = key === undefined ? undefined : (outer as Record<string, unknown>)[key];
  if (typeof detail !== "string") throw new ProtocolError('content is not {"detail": "<JSON text>"}', path);
  let inner: unknown;
  try {
    inner = JSON.parse(detail);
  } catch (err) {
    throw new ProtocolError(`detail is not JSON (${(err as Error).message})`, path);
  }
  return codec.fromGoJSON(inner);
}

// ---------------------------------------------------------------- base64 (std alphabet, padded)

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

export function base64Encode(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + "==";
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + "=";
  }
  return out;
}

/** Strict std base64 with padding, as Go's encoding/json expects ("\r" and "\n" are ignored, like Go). */
export function base64Decode(text: string, path = "base64"): Uint8Array {
  const s = text.replace(/[\r\n]/g, "");
  if (s.length % 4 !== 0) throw new ProtocolError(`invalid base64: length ${s.length} is not a multiple of 4`, path);
  const pad = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = s.charCodeAt(i + j);
      const isPad = c === 61 && i + 4 === s.length && j >= 4 - pad;
      const d = isPad ? 0 : c < 128 ? B64_INDEX[c]! : -1;
      if (d < 0) throw new ProtocolError(`invalid base64 character at offset ${i + j}`, path);
      n = (n << 6) | d;
    }
    out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}
