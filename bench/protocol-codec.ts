// Generated static codecs vs protobufjs reflection (runtime-parsed schema, the CSP-unsafe way)
// on the messages that dominate traffic: one MsgData, and a PushMessages/pull reply of 20 messages.
// Also Go-JSON (HTTP bodies) and a whole codegen run. Results: bench/results/protocol-codec.json.
// Run: npx tsx bench/protocol-codec.ts   (BENCH_MS=… per case, default 1500)

import fs from "node:fs";
import path from "node:path";
import protobuf from "protobufjs";
import { runCodegen } from "../codegen/pipeline.js";
import { sdkws } from "../generated/protocol/index.js";

const CASE_MS = Number(process.env["BENCH_MS"] ?? 1500);
const root = path.resolve(import.meta.dirname, "..");

const reflection = new protobuf.Root();
for (const f of ["wrapperspb", "sdkws"]) protobuf.parse(fs.readFileSync(path.join(root, `schema/protocol/${f}.proto`), "utf8"), reflection, { keepCase: true });
const RefMsgData = reflection.lookupType("openim.sdkws.MsgData");
const RefPush = reflection.lookupType("openim.sdkws.PullMessageBySeqsResp");

const msg = sdkws.MsgData.create({
  sendID: "user_0001", recvID: "user_0002", clientMsgID: "0f5c1c3e8a6b4c7d9e0f1a2b3c4d5e6f", serverMsgID: "a1b2c3d4e5f60718293a4b5c6d7e8f90",
  senderPlatformID: 5, senderNickname: "Alice", senderFaceURL: "https://cdn.example.com/a.png", sessionType: 1, msgFrom: 100, contentType: 101,
  content: new TextEncoder().encode('{"content":"hello, this is a typical short chat message"}'), seq: 123_456, sendTime: 1_733_200_000_123,
  createTime: 1_733_200_000_001, status: 2, options: { history: true, persistent: true }, ex: "",
});
const page = sdkws.PullMessageBySeqsResp.create({
  msgs: { si_user_0001_user_0002: sdkws.PullMsgs.create({ Msgs: Array.from({ length: 20 }, (_, i) => ({ ...msg, seq: msg.seq + i })), isEnd: true }) },
});

function measure(name: string, fn: () => unknown): { name: string; opsPerSec: number; usPerOp: number } {
  for (let i = 0; i < 2000; i++) fn(); // warm-up
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < CASE_MS) {
    for (let i = 0; i < 200; i++) fn();
    ops += 200;
    now = performance.now();
  }
  const secs = (now - start) / 1000;
  return { name, opsPerSec: Math.round(ops / secs), usPerOp: Number(((secs * 1e6) / ops).toFixed(2)) };
}

const msgBytes = sdkws.MsgData.encode(msg);
const pageBytes = sdkws.PullMessageBySeqsResp.encode(page);
const refMsg = RefMsgData.fromObject(msg);
const refPage = RefPush.fromObject(page);
// Reflection also writes explicit zero values, so compare after one trip through our decoder.
const viaReflection = sdkws.MsgData.encode(sdkws.MsgData.decode(RefMsgData.encode(refMsg).finish()));
if (Buffer.compare(Buffer.from(msgBytes), Buffer.from(viaReflection)) !== 0) throw new Error("MsgData differs from reflection");
const pageJson = JSON.stringify(sdkws.PullMessageBySeqsResp.toGoJSON(page));

const results = [
  measure("MsgData encode (generated)", () => sdkws.MsgData.encode(msg)),
  measure("MsgData encode (reflection)", () => RefMsgData.encode(refMsg).finish()),
  measure("MsgData decode (generated, int64 checked)", () => sdkws.MsgData.decode(msgBytes)),
  measure("MsgData decode (reflection, Long)", () => RefMsgData.decode(msgBytes)),
  measure("20-message pull reply encode (generated)", () => sdkws.PullMessageBySeqsResp.encode(page)),
  measure("20-message pull reply encode (reflection)", () => RefPush.encode(refPage).finish()),
  measure("20-message pull reply decode (generated)", () => sdkws.PullMessageBySeqsResp.decode(pageBytes)),
  measure("20-message pull reply decode (reflection)", () => RefPush.decode(pageBytes)),
  measure("20-message pull reply toGoJSON+stringify", () => JSON.stringify(sdkws.PullMessageBySeqsResp.toGoJSON(page))),
  measure("20-message pull reply parse+fromGoJSON", () => sdkws.PullMessageBySeqsResp.fromGoJSON(JSON.parse(pageJson))),
];

const codegenRuns: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const r = runCodegen({ rootDir: root, schemaDir: path.join(root, "schema") });
  if (!r.ok) throw new Error("schema has errors");
  codegenRuns.push(performance.now() - t);
}
codegenRuns.sort((a, b) => a - b);

const report = {
  node: process.version,
  caseMs: CASE_MS,
  sizes: { msgDataBytes: msgBytes.length, pullReplyBytes: pageBytes.length, pullReplyGoJsonBytes: pageJson.length },
  results,
  codegenMs: { first: Number(codegenRuns[codegenRuns.length - 1]!.toFixed(0)), median: Number(codegenRuns[2]!.toFixed(0)) },
};
fs.mkdirSync(path.join(root, "bench/results"), { recursive: true });
fs.writeFileSync(path.join(root, "bench/results/protocol-codec.json"), JSON.stringify(report, null, 2) + "\n");
console.log(`node ${report.node}; MsgData ${msgBytes.length} B, 20-message reply ${pageBytes.length} B`);
for (const r of results) console.log(`${r.name.padEnd(48)} ${String(r.opsPerSec).padStart(9)} ops/s  ${String(r.usPerOp).padStart(8)} µs/op`);
console.log(`codegen (whole schema, in-process, slowest/median of 5): ${report.codegenMs.first} / ${report.codegenMs.median} ms`);
