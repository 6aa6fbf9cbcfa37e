// Round trip through the SDK transport vs a raw `ws` echo on the same server.
//
// The server runs in a worker thread (its own core) and handles both kinds of client: raw
// clients get every frame echoed as is; SDK clients (sdkType=js in the query) get the v3.8
// handshake and an envelope echo (gunzip, JSON, base64 and back), the work a gateway does.
// Sequential round trips give p50/p99; bursts of 200 concurrent requests give throughput.
// Run: npm run bench -- transport [--iterations 5000]

import { Worker } from "node:worker_threads";
import zlib from "node:zlib";
import WebSocket from "ws";
import { silentLogger } from "../runtime/events/logger.js";
import { AuthFailureGate } from "../runtime/transport/auth-failures.js";
import { Connection } from "../runtime/transport/connection.js";
import type { FrameCompressor } from "../runtime/transport/envelope.js";
import { socketFactoryFrom } from "../runtime/transport/socket.js";
import { systemTimers } from "../runtime/transport/timers.js";
import { defineBenchmark } from "./lib/benchmark.js";
import { parseFlags } from "./lib/cli-args.js";

const WARMUP = 500;
const BURST = 200;
const BURSTS = 20;
const PAYLOAD_BYTES = 300; // about one text MsgData on the wire

// Plain CommonJS so the worker needs no TypeScript loader; node:zlib on the server side.
const SERVER_SOURCE = `
const { WebSocketServer } = require("ws");
const zlib = require("node:zlib");
const { parentPort } = require("node:worker_threads");
const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
server.on("connection", (ws, req) => {
  const query = new URL(req.url || "/", "ws://x").searchParams;
  if (query.get("sdkType") !== "js") {
    ws.on("message", (data, isBinary) => ws.send(data, { binary: isBinary }));
    return;
  }
  const gzip = query.get("compression") === "gzip";
  ws.send(JSON.stringify({ errCode: 0, errMsg: "", errDlt: "" }));
  ws.on("message", (data, isBinary) => {
    if (!isBinary) return ws.send(JSON.stringify({ type: "pong", body: null }));
    const env = JSON.parse((gzip ? zlib.gunzipSync(data) : data).toString("utf8"));
    const out = Buffer.from(JSON.stringify({ reqIdentifier: env.reqIdentifier, msgIncr: env.msgIncr, operationID: env.operationID, errCode: 0, errMsg: "", data: env.data }));
    ws.send(gzip ? zlib.gzipSync(out) : out, { binary: true });
  });
});
server.on("listening", () => parentPort.postMessage(server.address().port));
`;

interface Stats {
  p50Us: number;
  p99Us: number;
  meanUs: number;
}

interface CaseResult {
  seq: Stats;
  burstRps: number;
  /** Sequential round trips, µs. */
  samplesUs: number[];
}

function stats(samplesNs: bigint[]): Stats {
  const us = samplesNs.map((n) => Number(n) / 1000).sort((a, b) => a - b);
  const at = (q: number) => us[Math.min(us.length - 1, Math.floor(q * us.length))]!;
  const round = (v: number) => Math.round(v * 10) / 10;
  return { p50Us: round(at(0.5)), p99Us: round(at(0.99)), meanUs: round(us.reduce((a, b) => a + b, 0) / us.length) };
}

async function measure(iterations: number, roundTrip: () => Promise<unknown>, burst: () => Promise<unknown>): Promise<CaseResult> {
  for (let i = 0; i < WARMUP; i++) await roundTrip();
  const samples: bigint[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = process.hrtime.bigint();
    await roundTrip();
    samples.push(process.hrtime.bigint() - t);
  }
  const t0 = process.hrtime.bigint();
  for (let b = 0; b < BURSTS; b++) await burst();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seq: stats(samples), burstRps: Math.round((BURST * BURSTS) / seconds), samplesUs: samples.map((n) => Number(n) / 1000) };
}

async function rawEcho(iterations: number, url: string, payload: Uint8Array): Promise<CaseResult> {
  const ws = new WebSocket(url);
  ws.binaryType = "arraybuffer";
  await new Promise((r) => ws.once("open", r));
  // A raw socket has no correlation: wait for as many replies as frames sent.
  const exchange = (n: number) =>
    new Promise<void>((resolve) => {
      let left = n;
      const onMessage = () => {
        if (--left === 0) {
          ws.off("message", onMessage);
          resolve();
        }
      };
      ws.on("message", onMessage);
      for (let i = 0; i < n; i++) ws.send(payload);
    });
  const result = await measure(iterations, () => exchange(1), () => exchange(BURST));
  ws.close();
  return result;
}

async function viaTransport(iterations: number, url: string, payload: Uint8Array, compression: "gzip" | "none", compressor?: FrameCompressor): Promise<CaseResult> {
  const connection = new Connection({
    wsAddr: url,
    userID: "bench",
    token: "t",
    platformID: 5,
    socketFactory: socketFactoryFrom(WebSocket),
    authGate: new AuthFailureGate(silentLogger),
    timers: systemTimers,
    compression,
    compressor,
    heartbeat: { intervalMs: 60_000, pongTimeoutMs: 10_000 },
  });
  const ready = new Promise<void>((r) => connection.events.once("connectSuccess", () => r()));
  connection.start();
  await ready;
  const result = await measure(
    iterations,
    () => connection.request(1003, payload),
    () => Promise.all(Array.from({ length: BURST }, () => connection.request(1003, payload))),
  );
  connection.stop("bench over");
  return result;
}

const nodeZlib: FrameCompressor = {
  gzip: (data) => new Uint8Array(zlib.gzipSync(data)),
  gunzip: (data) => new Uint8Array(zlib.gunzipSync(data)),
};

const flags = { iterations: { kind: "int", min: 100, help: "sequential round trips per case (default 5000)" } } as const;

export default defineBenchmark({
  name: "transport",
  description: "SDK transport request round trip (envelope, gzip) vs raw ws echo on the same worker-thread server",
  async run(ctx) {
    const iterations = parseFlags(ctx.args, flags).iterations ?? 5000;
    const payload = new Uint8Array(PAYLOAD_BYTES);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 31 + 7) & 255;
    const worker = new Worker(SERVER_SOURCE, { eval: true });
    const port = await new Promise<number>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    const url = `ws://127.0.0.1:${port}`;
    const cases: [string, CaseResult][] = [];
    try {
      const steps: [string, () => Promise<CaseResult>][] = [
        ["raw ws echo", () => rawEcho(iterations, url, payload)],
        ["transport, gzip (zlib, the Node binding's)", () => viaTransport(iterations, url, payload, "gzip", nodeZlib)],
        ["transport, no gzip", () => viaTransport(iterations, url, payload, "none")],
        ["transport, gzip (fflate, the portable default)", () => viaTransport(iterations, url, payload, "gzip")],
      ];
      for (const [name, step] of steps) {
        ctx.progress(`${name}: ${WARMUP} warm-up + ${iterations} round trips, ${BURSTS} bursts of ${BURST}`);
        cases.push([name, await step()]);
      }
    } finally {
      await worker.terminate();
    }
    const raw = cases[0]![1];
    const sdk = cases[1]![1];
    const us = (label: string, value: number) => ({ label, value, unit: "µs", better: "lower" as const });
    return {
      figures: cases.slice(1).flatMap(([name, r]) => [us(`${name}: p50`, r.seq.p50Us), us(`${name}: p99`, r.seq.p99Us), { label: `${name}: burst`, value: r.burstRps, unit: "req/s" }]),
      baseline: us("raw ws echo p50", raw.seq.p50Us),
      ratio: sdk.seq.p50Us / raw.seq.p50Us,
      ratioMeaning: "transport p50 ÷ raw echo p50 (lower is better)",
      samples: cases.map(([name, r]) => ({ label: name, unit: "µs", values: r.samplesUs })),
      notes: [
        `payload ${PAYLOAD_BYTES} B; raw echo p99 ${raw.seq.p99Us} µs, burst ${raw.burstRps} req/s`,
        "transport rows include the server's envelope work (JSON, base64, gzip), as a real gateway does it too",
      ],
    };
  },
});
