// Reliability test under fault injection (the seed's reliability_open_im): senders × messages
// through a fault proxy that kills and stalls connections and delays acks, with one devserver
// restart; passes when every acked message reached every recipient device exactly once, in seq
// order, unread totals are exact, and every unacked send was reported failed.
//   npm run reliability -- --senders 200 --messages 100 --seed 42
import { randomInt } from "node:crypto";
import { parseFlags, usage, UsageError } from "./lib/cli-args.js";
import { stderrPrint } from "./lib/progress.js";
import { runReliability, summaryLines } from "./lib/reliability/run.js";

const flags = {
  senders: { kind: "int", min: 1, help: "sending users, one device each (default 200)" },
  messages: { kind: "int", min: 1, help: "messages per sender (default 100)" },
  recipients: { kind: "int", min: 1, help: "receiving users (default senders/4, at least 2)" },
  devices: { kind: "int", min: 1, help: "devices per recipient, one per platform (default 2)" },
  window: { kind: "int", min: 1, help: "sends in flight per sender (default 4)" },
  interval: { kind: "number", min: 0, help: "ms between a sender's sends (default 20)" },
  seed: { kind: "int", min: 0, help: "seed of traffic and faults (default random; printed)" },
  heartbeat: { kind: "number", min: 100, help: "SDK heartbeat interval, ms; pong timeout 3×, request timeout 2× (default 1000, 5000 above 50 devices)" },
  "chaos-every": { kind: "number", min: 1, help: "ms between chaos decisions (default 250)" },
  kill: { kind: "number", min: 0, help: "per decision: probability of a kill (default 0.3)" },
  stall: { kind: "number", min: 0, help: "per decision: probability of a stall (default 0.2)" },
  "max-stall": { kind: "number", min: 0, help: "longest stall, ms (default 6× heartbeat; beyond ~4× the heartbeat drops the link)" },
  "max-ack-delay": { kind: "number", min: 0, help: "longest ack delay of a delay phase, ms (default 2.5× heartbeat: beyond the 2× request timeout, so some acks are retried)" },
  "restart-down": { kind: "number", min: 0, help: "ms the devserver stays down on its restart (default 1500)" },
  timeout: { kind: "number", min: 1, help: "s bound of the send phase (default 1200)" },
  drain: { kind: "number", min: 1, help: "s to wait for outstanding sends and deliveries after the faults stop (default 120)" },
  quiet: { kind: "bool", help: "do not print each fault" },
  help: { kind: "bool", help: "this text" },
} as const;

async function main(argv: string[]): Promise<number> {
  let f;
  try {
    f = parseFlags(argv, flags);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`reliability: ${err.message}\n${usage("npm run reliability --", flags)}`);
    return 2;
  }
  if (f.help) {
    console.log(`Reliability under fault injection (kills, stalls, ack delays, one devserver restart)\n${usage("npm run reliability --", flags)}`);
    return 0;
  }
  const senders = f.senders ?? 200;
  const seed = f.seed ?? randomInt(1, 2 ** 31);
  const recipients = f.recipients ?? Math.max(2, Math.floor(senders / 4));
  const devices = f.devices ?? 2;
  const heartbeatMs = f.heartbeat ?? (senders + recipients * devices > 50 ? 5000 : 1000);
  const report = await runReliability({
    seed,
    senders,
    messages: f.messages ?? 100,
    recipients,
    devicesPerRecipient: devices,
    heartbeatMs,
    window: f.window ?? 4,
    intervalMs: f.interval ?? 20,
    chaos: { everyMs: f["chaos-every"] ?? 250, kill: f.kill ?? 0.3, stall: f.stall ?? 0.2, maxStallMs: f["max-stall"] ?? 6 * heartbeatMs },
    maxAckDelayMs: f["max-ack-delay"] ?? 2.5 * heartbeatMs,
    restartDownMs: f["restart-down"] ?? 1500,
    sendPhaseMs: (f.timeout ?? 1200) * 1000,
    drainMs: (f.drain ?? 120) * 1000,
    log: stderrPrint,
    ...(f.quiet ? { faultLog: () => {} } : {}),
  });
  console.log("\n══ reliability summary ══");
  for (const l of summaryLines(report)) console.log(l);
  return report.verdict.passed ? 0 : 1;
}

// Exit explicitly: sockets the SDK instances were reconnecting on when they logged out may keep
// the event loop alive for a while, and the verdict is already printed.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`reliability: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
