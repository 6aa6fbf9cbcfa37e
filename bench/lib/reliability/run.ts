// The reliability run: senders push messages to recipients (each on several devices) through the
// fault proxy while it kills and stalls connections and delays acks, and the devserver restarts
// once; then every device's evidence goes to the judge. Seeded: peer choices and fault timing
// come from the seed (the proxy's chaos stream from the same seed), printed at start and end.
import { routes } from "../../../generated/protocol/index.js";
import { HttpClient } from "../../../runtime/http/client.js";
import { FaultProxy, type ChaosOptions } from "../../../test/fault/proxy.js";
import { mapLimit } from "../map-limit.js";
import { bar, ticker, type Print } from "../progress.js";
import { seededRandom, type Random } from "../seeded-random.js";
import { provisionUsers, type Target } from "../im/server-target.js";
import { Device, type DeviceOptions } from "./device.js";
import { judge, type ReliabilityVerdict, type SendRecord } from "./judge.js";
import { RestartableDevServer } from "./restartable-devserver.js";

export interface ReliabilityOptions {
  seed: number;
  senders: number;
  /** Messages per sender. */
  messages: number;
  /** Users receiving; each message goes to one of them, chosen by the seed. */
  recipients: number;
  /** Devices (platforms) each recipient is logged in on. */
  devicesPerRecipient: number;
  /**
   * SDK heartbeat interval, ms; pong timeout 3×, request timeout 2×, handshake timeout 4×. Short catches stalls
   * fast; with hundreds of SDK instances in one busy process it must be longer, or a starved
   * event loop looks like a dead link.
   */
  heartbeatMs: number;
  /** Sends in flight per sender. */
  window: number;
  /** Pause between a sender's sends, ms. */
  intervalMs: number;
  chaos: ChaosOptions;
  /** Ack-delay phases delay server→client bytes by up to this many ms. */
  maxAckDelayMs: number;
  /** How long the devserver stays down on its restart, ms. */
  restartDownMs: number;
  /** After the faults stop: how long unsettled sends and deliveries may take, ms. */
  drainMs: number;
  /** Whole-run bound for the send phase (faults on), ms. */
  sendPhaseMs: number;
  log: Print;
  /** Each fault as it happens (default: log). */
  faultLog?: Print;
}

export interface ReliabilityReport {
  seed: number;
  verdict: ReliabilityVerdict;
  faults: { kills: number; stalls: number; delays: number; restarts: number };
  durationMs: number;
}

const PLATFORMS: [number, string][] = [
  [5, "web"],
  [3, "windows"],
  [7, "linux"],
  [4, "osx"],
  [2, "android"],
  [1, "ios"],
];

export function checkOptions(o: ReliabilityOptions): void {
  const positive: [string, number][] = [
    ["senders", o.senders],
    ["messages", o.messages],
    ["recipients", o.recipients],
    ["devices", o.devicesPerRecipient],
    ["window", o.window],
  ];
  for (const [k, v] of positive) if (!Number.isInteger(v) || v < 1) throw new Error(`reliability: ${k} must be a positive integer, got ${v}`);
  if (o.devicesPerRecipient > PLATFORMS.length - 1) {
    throw new Error(`reliability: at most ${PLATFORMS.length - 1} devices per recipient (one per platform, one platform kept for the late device), got ${o.devicesPerRecipient}`);
  }
  if (!(o.heartbeatMs >= 100)) throw new Error(`reliability: heartbeat must be ≥ 100 ms, got ${o.heartbeatMs}`);
  for (const [k, v] of [["interval", o.intervalMs], ["max ack delay", o.maxAckDelayMs], ["restart down time", o.restartDownMs], ["drain", o.drainMs], ["send phase", o.sendPhaseMs]] as const) {
    if (!(v >= 0)) throw new Error(`reliability: ${k} must be ≥ 0 ms, got ${v}`);
  }
}

/** Points in the send phase (fractions of settled sends) where the plan changes the faults. */
interface FaultPlan {
  restartAt: number;
  delayPhases: { at: number; ms: number }[];
}

function planFaults(rng: Random, maxAckDelayMs: number): FaultPlan {
  const restartAt = 0.3 + rng.next() * 0.3;
  const delayPhases: FaultPlan["delayPhases"] = [];
  for (const start of [0.1, 0.45, 0.7]) {
    const at = start + rng.next() * 0.1;
    delayPhases.push({ at, ms: Math.round(maxAckDelayMs * (0.3 + 0.7 * rng.next())) }, { at: at + 0.08, ms: 0 });
  }
  return { restartAt, delayPhases };
}

export async function runReliability(o: ReliabilityOptions): Promise<ReliabilityReport> {
  checkOptions(o);
  const started = Date.now();
  const log = o.log;
  const rng = seededRandom(o.seed);
  log(`reliability: seed ${o.seed} (replay with --seed ${o.seed}); ${o.senders} senders × ${o.messages} messages → ${o.recipients} recipients × ${o.devicesPerRecipient} devices`);

  const server = await RestartableDevServer.start();
  const faults = { kills: 0, stalls: 0, delays: 0, restarts: 0 };
  const faultLog = o.faultLog ?? log;
  const proxy = await FaultProxy.start({
    targetPort: server.wsPort,
    seed: o.seed,
    log: (line) => {
      if (/ kill #/.test(line)) faults.kills++;
      else if (/ stall #/.test(line)) faults.stalls++;
      else if (/ delay #/.test(line)) faults.delays++;
      faultLog(line);
    },
  });
  const devices: Device[] = [];
  try {
    const senderIDs = Array.from({ length: o.senders }, (_, i) => `rel${o.seed}_s${i}`);
    const recipientIDs = Array.from({ length: o.recipients }, (_, i) => `rel${o.seed}_r${i}`);
    const admin = new HttpClient({ apiAddr: server.apiAddr, routes, adminToken: server.server.adminToken() });
    const target: Target = { wsAddr: server.server.wsAddr, apiAddr: server.apiAddr, admin, devserver: server.server, close: async () => {} };
    log(`setup: registering ${senderIDs.length + recipientIDs.length} users`);
    const webTokens = await provisionUsers(target, [...senderIDs, ...recipientIDs], 5);

    const base = {
      apiAddr: server.apiAddr,
      wsAddr: proxy.wsAddr,
      // A request (a send) times out after 2 heartbeats, so an ack delayed 2.5× is retried; the
      // watchdog and the handshake allow more, so such a delay alone does not drop the link,
      // while a stall longer than ~4 heartbeats does.
      heartbeat: { intervalMs: o.heartbeatMs, pongTimeoutMs: 3 * o.heartbeatMs },
      backoff: { baseMs: 50, maxMs: 1000 },
      requestTimeoutMs: 2 * o.heartbeatMs,
      handshakeTimeoutMs: 4 * o.heartbeatMs,
      retry: { maxAttempts: 6, baseMs: 200, maxMs: 2000 },
    } satisfies Omit<DeviceOptions, "userID" | "token" | "platformID" | "name">;
    const plans: Omit<DeviceOptions, keyof typeof base>[] = senderIDs.map((userID) => ({ userID, token: webTokens.get(userID)!, platformID: 5, name: "web" }));
    for (const userID of recipientIDs) {
      for (const [platformID, name] of PLATFORMS.slice(0, o.devicesPerRecipient)) {
        const token = platformID === 5 ? webTokens.get(userID)! : (await admin.call("/auth/get_user_token", { userID, platformID })).token;
        plans.push({ userID, token, platformID, name });
      }
    }
    log(`setup: logging in ${plans.length} devices through the fault proxy`);
    devices.push(...(await mapLimit(plans, 8, (p) => Device.login({ ...base, ...p }))));
    const senders = devices.slice(0, o.senders);
    const recipientDevices = devices.slice(o.senders);

    // Who gets what: drawn up front from the seed, so a replay sends the same traffic.
    const to = senders.map(() => Array.from({ length: o.messages }, () => recipientIDs[rng.int(recipientIDs.length)]!));
    const plan = planFaults(rng, o.maxAckDelayMs);
    const sends: SendRecord[] = [];
    const total = o.senders * o.messages;
    let settled = 0;

    log(`send: faults on (chaos every ${o.chaos.everyMs} ms: kill ${o.chaos.kill}, stall ${o.chaos.stall} up to ${o.chaos.maxStallMs} ms; ack delays up to ${o.maxAckDelayMs} ms; restart at ${Math.round(plan.restartAt * 100)} % settled)`);
    const stopChaos = proxy.chaos(o.chaos);
    let restart: Promise<void> | undefined;
    const pendingPhases = [...plan.delayPhases];
    let delayOn = 0;
    const steer = setInterval(() => {
      const done = settled / total;
      while (pendingPhases.length > 0 && pendingPhases[0]!.at <= done) {
        const phase = pendingPhases.shift()!;
        proxy.setDelay(phase.ms);
        delayOn = phase.ms > 0 ? Date.now() : 0;
      }
      // Progress decides when a delay phase starts, time when it ends at the latest: a delay that
      // held back all progress would otherwise never end.
      if (delayOn > 0 && Date.now() - delayOn > 4 * o.heartbeatMs) {
        proxy.setDelay(0);
        delayOn = 0;
      }
      if (!restart && done >= plan.restartAt) {
        faultLog(`devserver: restart (down ${o.restartDownMs} ms) at ${settled}/${total} settled`);
        restart = server.restart(o.restartDownMs).then((port) => {
          faults.restarts++;
          proxy.retarget(port);
          faultLog(`devserver: back on gateway port ${port}`);
        });
      }
    }, 50);
    const progress = ticker(log, () => {
      const acked = sends.filter((s) => s.outcome === "acked").length;
      const delivered = recipientDevices.reduce((n, d) => n + d.received.length, 0);
      const online = devices.filter((d) => d.connected).length;
      return `send ${bar(settled, total)} acked ${acked}, failed ${sends.filter((s) => s.outcome === "failed").length}; received ${delivered}; online ${online}/${devices.length}; kills ${faults.kills}, stalls ${faults.stalls}, restarts ${faults.restarts}`;
    });

    const settledAll = Promise.all(senders.map((d, i) => sendAll(d, to[i]!, o, sends, () => settled++)));
    const phaseOver = await Promise.race([settledAll.then(() => true), sleep(o.sendPhaseMs).then(() => false)]);
    if (!restart) log(`send phase ended before the planned restart point (${settled}/${total} settled)`);
    await restart;
    clearInterval(steer);
    stopChaos();
    proxy.setDelay(0);
    for (const c of proxy.connections) if (c.stalled) proxy.resume(c);
    log(`drain: faults off${phaseOver ? "" : ` (send phase bound ${o.sendPhaseMs} ms hit with ${total - settled} unsettled)`}; waiting up to ${o.drainMs} ms`);

    const drainEnd = Date.now() + o.drainMs;
    await Promise.race([settledAll, sleep(o.drainMs)]);
    const ackedFor = new Map<string, Set<string>>();
    for (const s of sends) if (s.outcome === "acked") (ackedFor.get(s.to) ?? ackedFor.set(s.to, new Set()).get(s.to)!).add(s.clientMsgID);
    const complete = () => devices.every((d) => d.connected) && recipientDevices.every((d) => [...(ackedFor.get(d.userID) ?? [])].every((id) => d.has(id)));
    while (Date.now() < drainEnd && !complete()) await sleep(100);
    // A quiet period, so a late duplicate or a late unread update is seen too.
    await sleep(1000);
    progress.stop();

    // A device that logs in only now, on a fresh database, learns everything from the server by
    // seq sync: the server's view of each recipient, judged by the same rules.
    const [latePlatform, lateName] = PLATFORMS[o.devicesPerRecipient]!;
    log(`late devices: logging in each recipient on ${lateName} with an empty database`);
    const late = await mapLimit(recipientIDs, 8, async (userID) => {
      const token = (await admin.call("/auth/get_user_token", { userID, platformID: latePlatform })).token;
      return Device.login({ ...base, wsAddr: server.server.wsAddr, userID, token, platformID: latePlatform, name: `${lateName} (late, fresh db)` });
    });
    devices.push(...late);
    const lateEnd = Date.now() + 30_000;
    while (Date.now() < lateEnd && !late.every((d) => d.connected && d.syncedOnce && [...(ackedFor.get(d.userID) ?? [])].every((id) => d.has(id)))) await sleep(100);
    await sleep(500);

    const judged = sends.map((s) => ({ ...s, failedEvent: senderOf(senders, s.from).failedEvents.has(s.clientMsgID), localStatus: senderOf(senders, s.from).localStatus(s.clientMsgID) }));
    const verdict = judge(judged, await Promise.all(devices.map((d) => d.evidence())));
    return { seed: o.seed, verdict, faults, durationMs: Date.now() - started };
  } finally {
    await mapLimit(devices, 16, (d) => d.logout());
    await proxy.close();
    await server.close();
  }
}

function senderOf(senders: Device[], userID: string): Device {
  return senders.find((d) => d.userID === userID)!;
}

/** One sender's messages, `window` in flight, `intervalMs` apart; every outcome lands in `sends`. */
async function sendAll(d: Device, recipients: string[], o: ReliabilityOptions, sends: SendRecord[], onSettled: () => void): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  for (const [i, recvID] of recipients.entries()) {
    while (inFlight.size >= o.window) await Promise.race(inFlight);
    const message = await d.rt.sdk.createTextMessage(`${d.userID} #${i}`);
    const record: SendRecord = { clientMsgID: message.clientMsgID, from: d.userID, to: recvID, outcome: "pending", failedEvent: false, localStatus: undefined };
    sends.push(record);
    const p = d.rt.sdk
      .sendMessage({ recvID, groupID: "", message })
      .then(
        (sent) => {
          record.outcome = sent.status === 2 ? "acked" : "failed";
          if (sent.status !== 2) record.error = `resolved with status ${sent.status}`;
        },
        (error: { errCode?: number; errMsg?: string; message?: string }) => {
          record.outcome = "failed";
          record.error = `${error.errCode ?? "?"} ${error.errMsg ?? error.message ?? String(error)}`;
        },
      )
      .finally(() => {
        inFlight.delete(p);
        onSettled();
      });
    inFlight.add(p);
    if (o.intervalMs > 0) await sleep(o.intervalMs);
  }
  await Promise.all(inFlight);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The summary lines: seed, counts, faults, and each kind of problem with its first examples. */
export function summaryLines(r: ReliabilityReport): string[] {
  const v = r.verdict;
  const lines = [
    `${v.passed ? "PASS" : "FAIL"} — seed ${r.seed} (replay: --seed ${r.seed}), ${(r.durationMs / 1000).toFixed(1)} s`,
    `  sends: ${v.sent} (acked ${v.acked}, failed+reported ${v.failed}, never settled ${v.pending})`,
    `  deliveries: ${v.deliveries} first copies; ${v.expectedDeliveries} expected for acked messages; ${v.receivedUnacked} unacked-but-stored messages received`,
    `  faults: ${r.faults.kills} kills, ${r.faults.stalls} stalls, ${r.faults.delays} ack-delay changes, ${r.faults.restarts} devserver restart(s)`,
    `  problems: ${Object.entries(v.counts).map(([k, n]) => `${k} ${n}`).join(", ")}`,
  ];
  const shown = new Map<string, number>();
  for (const p of v.problems) {
    const n = shown.get(p.kind) ?? 0;
    shown.set(p.kind, n + 1);
    if (n < 5) lines.push(`    ${p.kind}: ${p.detail}`);
  }
  return lines;
}
