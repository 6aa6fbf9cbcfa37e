// Runs one load scenario: connect every client, send every planned message, wait until
// every acknowledged message reached its recipient (or the drain limit), then judge the
// ledger. Clients are split over in-process or worker-process slices.
import { ticker, type Print } from "../progress.js";
import { DeliveryLedger, type Verdict } from "./delivery-ledger.js";
import { inProcessSlice, workerSlice, type SliceHandle } from "./slice-handle.js";
import type { SliceClient, SliceStatus } from "./traffic-slice.js";

export interface TrafficOptions {
  wsAddr: string;
  /** Every client: its token and whom it sends to, in order (empty for receive-only clients). */
  clients: SliceClient[];
  /** 0 = all clients in this process; K > 0 = K worker processes. */
  workers: number;
  window: number;
  intervalMs: number;
  gzip: boolean;
  connectConcurrency?: number;
  /** Bound on the whole run (connect + send + drain), ms. */
  timeoutMs: number;
  /** After the last ack, how long to wait for outstanding pushes, ms. */
  drainTimeoutMs: number;
  /** Progress lines; null for silence (tests). */
  print: Print | null;
  progressIntervalMs?: number;
}

export interface TrafficReport {
  verdict: Verdict;
  ledger: DeliveryLedger;
  connectMs: number;
  sendMs: number;
  drainMs: number;
  /** Acknowledged messages per second over the send phase. */
  ackRate: number;
  /** Why the run was cut short, if it was. */
  abortedBecause: string | undefined;
  firstFailures: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function total(statuses: SliceStatus[]): SliceStatus {
  return statuses.reduce(
    (a, s) => ({
      connected: a.connected + s.connected,
      sent: a.sent + s.sent,
      acked: a.acked + s.acked,
      failed: a.failed + s.failed,
      received: a.received + s.received,
      sending: a.sending || s.sending,
      firstFailures: [...a.firstFailures, ...s.firstFailures].slice(0, 5),
    }),
    { connected: 0, sent: 0, acked: 0, failed: 0, received: 0, sending: false, firstFailures: [] },
  );
}

export async function runTraffic(o: TrafficOptions): Promise<TrafficReport> {
  if (o.clients.length === 0) throw new Error("runTraffic: no clients");
  if (o.workers < 0 || !Number.isInteger(o.workers)) throw new Error(`workers must be 0 (in process) or a positive integer, got ${o.workers}`);
  const parts = o.workers === 0 ? 1 : Math.min(o.workers, o.clients.length);
  const groups: SliceClient[][] = Array.from({ length: parts }, () => []);
  o.clients.forEach((c, i) => groups[i % parts]!.push(c));
  const make = o.workers === 0 ? inProcessSlice : workerSlice;
  const slices: SliceHandle[] = groups.map((clients) =>
    make({ wsAddr: o.wsAddr, gzip: o.gzip, clients, window: o.window, intervalMs: o.intervalMs, connectConcurrency: o.connectConcurrency ?? 50 }),
  );
  const planned = o.clients.reduce((n, c) => n + c.sends.length, 0);
  const print = o.print ?? (() => {});
  const every = o.progressIntervalMs ?? 1000;
  const deadline = Date.now() + o.timeoutMs;
  let latest = total([]);
  const poll = async () => (latest = total(await Promise.all(slices.map((s) => s.status()))));
  let abortedBecause: string | undefined;

  const bounded = async (phase: string, work: Promise<unknown>): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        abortedBecause ??= `${phase} did not finish within the --timeout of ${o.timeoutMs} ms`;
        resolve();
      }, Math.max(0, deadline - Date.now()));
    });
    await Promise.race([work.then(() => undefined), limit]);
    clearTimeout(timer);
  };

  // Connect.
  const t0 = Date.now();
  const poller = setInterval(() => void poll().catch(() => {}), Math.min(every, 250));
  let tick = ticker(print, () => `connecting ${latest.connected}/${o.clients.length}`, every);
  try {
    await bounded("connect", Promise.all(slices.map((s) => s.connect())));
  } catch (err) {
    abortedBecause = `connect failed: ${(err as Error).message}`;
  }
  tick.stop();
  const connectMs = Date.now() - t0;

  // Send.
  const t1 = Date.now();
  if (!abortedBecause) {
    tick = ticker(print, () => {
      const rate = latest.acked / Math.max(0.001, (Date.now() - t1) / 1000);
      return `sent ${latest.sent}/${planned}  acked ${latest.acked}  failed ${latest.failed}  received ${latest.received}  (${rate.toFixed(0)} acks/s)`;
    }, every);
    try {
      await bounded("send", Promise.all(slices.map((s) => s.send())));
    } catch (err) {
      abortedBecause = `send failed: ${(err as Error).message}`;
    }
    tick.stop();
  }
  const sendMs = Date.now() - t1;
  await poll();

  // Drain: every acknowledged message should reach its recipient.
  const t2 = Date.now();
  if (!abortedBecause) {
    const drainEnd = Math.min(deadline, t2 + o.drainTimeoutMs);
    while (latest.received < latest.acked && Date.now() < drainEnd) {
      await sleep(50);
      await poll();
    }
    // A short settle so a late duplicate would still be counted.
    await sleep(200);
  }
  const drainMs = Date.now() - t2;
  clearInterval(poller);
  await poll().catch(() => {});

  const ledger = new DeliveryLedger();
  for (const data of await Promise.all(slices.map((s) => s.finish()))) ledger.merge(data);
  const verdict = ledger.verdict();
  if (abortedBecause) verdict.passed = false;
  return {
    verdict,
    ledger,
    connectMs,
    sendMs,
    drainMs,
    ackRate: verdict.acked / Math.max(0.001, sendMs / 1000),
    abortedBecause,
    firstFailures: latest.firstFailures,
  };
}
