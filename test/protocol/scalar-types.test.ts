// Every proto3 scalar type the codec emitter supports, beyond those OpenIM happens to use:
// a throw-away schema is generated into a temp dir, imported, and checked against protobufjs
// reflection of the same text (bytes and values both ways).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import protobuf from "protobufjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageCodec } from "../../runtime/contracts/protocol.js";
import { runCodegen } from "../../codegen/pipeline.js";

const PROTO = `syntax = "proto3";
package openim.scalars;

enum Color { Red = 0; Green = 1; Blue = -3; }

message All {
  double d = 1;
  float f = 2;
  int32 i32 = 3;
  uint32 u32 = 4;
  sint32 s32 = 5;
  fixed32 f32 = 6;
  sfixed32 sf32 = 7;
  int64 i64 = 8;
  uint64 u64 = 9;
  sint64 s64 = 10;
  fixed64 f64 = 11;
  sfixed64 sf64 = 12;
  bool b = 13;
  string s = 14;
  bytes by = 15;
  Color color = 16;
  repeated sint64 rs64 = 17;
  repeated fixed32 rf32 = 18;
  repeated double rd = 19;
  map<string, sfixed64> msf64 = 20;
  optional int32 maybe = 21;
}
`;

const root = path.resolve(import.meta.dirname, "../..");
let tmp: string;
let All: MessageCodec<Record<string, unknown>>;
const reference = protobuf.parse(PROTO, { keepCase: true }).root.lookupType("openim.scalars.All");

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "proto-scalars-"));
  fs.mkdirSync(path.join(tmp, "schema/protocol"), { recursive: true });
  fs.writeFileSync(path.join(tmp, "schema/protocol/scalars.proto"), PROTO);
  const result = runCodegen({ rootDir: tmp, schemaDir: path.join(tmp, "schema") });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  for (const f of result.files) {
    fs.mkdirSync(path.dirname(path.join(tmp, "generated", f.path)), { recursive: true });
    fs.writeFileSync(path.join(tmp, "generated", f.path), f.content);
  }
  // The generated file imports ../../runtime/contracts/protocol.js: point that at the real contract.
  fs.mkdirSync(path.join(tmp, "runtime/contracts"), { recursive: true });
  fs.writeFileSync(path.join(tmp, "runtime/contracts/protocol.ts"), `export * from ${JSON.stringify(path.join(root, "runtime/contracts/protocol.ts"))};\n`);
  const mod = (await import(path.join(tmp, "generated/protocol/scalars.ts"))) as { All: typeof All; Color: Record<string, number> };
  All = mod.All;
  expect(mod.Color).toEqual({ Red: 0, Green: 1, Blue: -3 });
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

const samples: Record<string, unknown>[] = [
  {
    d: 1.5, f: -2.25, i32: -7, u32: 4_000_000_000, s32: -64, f32: 4_000_000_001, sf32: -5,
    i64: -9_007_199_254_740_991, u64: 9_007_199_254_740_991, s64: -1_234_567_890_123, f64: 2 ** 52 + 1, sf64: -(2 ** 40),
    b: true, s: "ünïcødé", by: new Uint8Array([0, 1, 254]), color: -3,
    rs64: [-1, 0, 1, -(2 ** 50)], rf32: [1, 4_294_967_295], rd: [0.5, -1e300], msf64: { a: -1, b: 2 ** 45 }, maybe: 0,
  },
  { s64: 1, sf64: 1, f64: 1, maybe: -1 },
];

describe("all scalar types against protobufjs reflection", () => {
  samples.forEach((sample, i) => {
    it(`sample ${i}`, () => {
      const ours = All.encode(sample);
      // reflection writes explicit zero values that Go (and we) omit; compare values, then our own bytes' stability
      const refBytes = reference.encode(reference.fromObject(sample)).finish();
      const fromRef = All.decode(refBytes);
      const fromOurs = All.decode(ours);
      expect(fromOurs).toEqual(fromRef);
      for (const [k, v] of Object.entries(sample)) expect(fromOurs[k], k).toEqual(v);
      const back = reference.toObject(reference.decode(ours), { longs: Number, defaults: false });
      for (const [k, v] of Object.entries(sample)) {
        if (k === "by") expect(new Uint8Array(back[k] as Uint8Array)).toEqual(v);
        else if (v !== 0) expect(back[k], k).toEqual(v);
      }
      expect(hex(All.encode(fromRef))).toBe(hex(ours));
    });
  });

  it("proto3 optional keeps an explicit zero and leaves an unset field undefined", () => {
    expect(hex(All.encode({ maybe: 0 }))).toBe("a80100");
    expect(All.decode(All.encode({ maybe: 0 }))["maybe"]).toBe(0);
    expect(All.decode(new Uint8Array(0))["maybe"]).toBeUndefined();
    expect(All.toGoJSON({})["maybe"]).toBeNull();
  });

  it("rejects out-of-range values for each integer type", () => {
    for (const [field, value] of [["u32", -1], ["f32", 2 ** 32], ["s32", 2 ** 31], ["sf32", -(2 ** 31) - 1], ["u64", -1], ["f64", -1], ["s64", 2 ** 53], ["sf64", -(2 ** 53)]] as const) {
      expect(() => All.encode({ [field]: value }), field).toThrow(`openim.scalars.All.${field}`);
    }
    // fixed64 with the top bit set decodes beyond the safe range
    expect(() => All.decode(new Uint8Array([0x59, 0, 0, 0, 0, 0, 0, 0, 0x80]))).toThrow("openim.scalars.All.f64");
  });
});
