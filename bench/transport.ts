// Round trip through the SDK transport vs a raw `ws` echo on the same server.
//
// The server runs in a worker thread (its own core) and handles both kinds of client: raw
// clients get every frame echoed as is; SDK clients (sdkType=js in the query) get the v3.8
// handshake and an envelope echo (gunzip, JSON, base64 and back), the work a gateway does.
// Sequential round trips give p50/p99; bursts of 200 concurrent requests give throughput.
// Run: npx tsx bench/transport.ts   (BENCH_ITERATIONS=… to change the sample count)

import { mkdirSync, writeFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import zlib from "node:zlib";
import WebSocket from "ws";
import { silentLogger } from "../runtime/events/logger.js";
import { AuthFailureGate } from "../runtime/transport/auth-failures.js";
import { Connection } from "../runtime/transport/connection.js";
import type { FrameCompressor } from "../runtime/transport/envelope.js";
import { socketFactoryFrom } from "../runtime/transport/socket.js";
import { systemTimers } from "../runtime/transport/timers.js";

const ITERATIONS = Number(process.env["BENCH_ITERATIONS"] ?? 5000);
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
}

function stats(samplesNs: bigint[]): Stats {
  const us = samplesNs.map((n) => Number(n) / 1000).sort((a, b) => a - b);
  const at = (q: number) => us[Math.min(us.length - 1, Math.floor(q * us.length))]!;
  const round = (v: number) => Math.round(v * 10) / 10;
  return { p50Us: round(at(0.5)), p99Us: round(at(0.99)), meanUs: round(us.reduce((a, b) => a + b, 0) / us.length) };
}

async function measure(roundTrip: () => Promise<unknown>, burst: () => Promise<unknown>): Promise<CaseResult> {
  for (let i = 0; i < WARMUP; i++) await roundTrip();
  const samples: bigint[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t = process.hrtime.bigint();
    await roundTrip();
    samples.push(process.hrtime.bigint() - t);
  }
  const t0 = process.hrtime.bigint();
  for (let b = 0; b < BURSTS; b++) await burst();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seq: stats(samples), burstRps: Math.round((BURST * BURSTS) / seconds) };
}

async function rawEcho(url: string, payload: Uint8Array): Promise<CaseResult> {
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
  const result = await measure(() => exchange(1), () => exchange(BURST));
  ws.close();
  return result;
}

async function viaTransport(url: string, payload: Uint8Array, compression: "gzip" | "none", compressor?: FrameCompressor): Promise<CaseResult> {
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

async function main(): Promise<void> {
  const payload = new Uint8Array(PAYLOAD_BYTES);
  for (let i = 0; i < payload.length; i++) payload[i] = (i * 31 + 7) & 255;
  const worker = new Worker(SERVER_SOURCE, { eval: true });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  const url = `ws://127.0.0.1:${port}`;
  const cases: [string, CaseResult][] = [
    ["raw ws echo", await rawEcho(url, payload)],
    ["transport, no gzip", await viaTransport(url, payload, "none")],
    ["transport, gzip (fflate)", await viaTransport(url, payload, "gzip")],
    ["transport, gzip (zlib)", await viaTransport(url, payload, "gzip", nodeZlib)],
  ];
  await worker.terminate();

  const raw = cases[0]![1];
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const result = {
    bench: "transport round trip vs raw ws echo (same server in a worker thread, loopback)",
    date: new Date().toISOString(),
    node: process.version,
    payloadBytes: PAYLOAD_BYTES,
    iterations: ITERATIONS,
    burst: { size: BURST, count: BURSTS },
    cases: Object.fromEntries(
      cases.map(([name, r]) => [
        name,
        { ...r, p50VsRaw: ratio(r.seq.p50Us, raw.seq.p50Us), p99VsRaw: ratio(r.seq.p99Us, raw.seq.p99Us), burstThroughputVsRaw: ratio(r.burstRps, raw.burstRps) },
      ]),
    ),
    note: "Transport rows include the server's envelope work (JSON, base64, gzip), as a real gateway does it too. Shared 2-core VM: compare ratios, not absolute figures.",
  };
  console.log(`payload ${PAYLOAD_BYTES} B, ${ITERATIONS} sequential round trips, ${BURSTS} bursts of ${BURST} concurrent`);
  console.log("case                        p50 µs   p99 µs  mean µs  burst req/s  p50×raw");
  for (const [name, r] of cases) {
    const cells = [r.seq.p50Us, r.seq.p99Us, r.seq.meanUs].map((v) => String(v).padStart(8)).join(" ");
    console.log(`${name.padEnd(26)} ${cells}  ${String(r.burstRps).padStart(11)}  ${String(ratio(r.seq.p50Us, raw.seq.p50Us)).padStart(7)}`);
  }
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  writeFileSync(new URL("./results/transport.json", import.meta.url), JSON.stringify(result, null, 2) + "\n");
}

await main();
