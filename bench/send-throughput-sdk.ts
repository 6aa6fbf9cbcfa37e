// send-throughput through the SDK: one Node client pipelines sdk.sendMessage (createTextMessage
// + sendMessage, stored locally, acknowledged by the server) to an online SDK peer, against raw
// ws ping/pong echoes with the same window on the same gateway. Every acknowledged message must
// also reach B's OnRecvNewMessage. Rounds alternate; medians are reported. The SDK's outbox
// sends one message per conversation at a time (runtime/messages/outbox.ts: per-conversation
// lanes keep the order), so a second figure spreads the same sends over `--spread` conversations
// (recipients registered but offline: acknowledged = stored by the server).
import { defineBenchmark } from "./lib/benchmark.js";
import { parseFlags } from "./lib/cli-args.js";
import { openSdkPair, type SdkPair } from "./lib/sdk/sdk-pair.js";
import { round } from "./lib/stats.js";

const flags = {
  count: { kind: "int", min: 100, help: "messages per measurement (default 5000)" },
  window: { kind: "int", min: 1, help: "sendMessage calls in flight (default 256)" },
  rounds: { kind: "int", min: 1, help: "alternating rounds; medians are reported (default 3)" },
  spread: { kind: "int", min: 2, help: "conversations of the spread figure (default 16)" },
} as const;

/** Rejects when `work` has not settled within `ms`, saying what was still pending. */
async function within<T>(ms: number, work: Promise<T>, pending: () => string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stall = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`stalled for ${ms / 1000} s: ${pending()}`)), ms);
  });
  try {
    return await Promise.race([work, stall]);
  } finally {
    clearTimeout(timer);
  }
}

const STALL_MS = 60_000;

async function pipelinedSends(p: SdkPair, count: number, window: number): Promise<number> {
  let next = 0;
  let acked = 0;
  let arrived = 0;
  const delivered: Promise<number>[] = [];
  const t0 = performance.now();
  const lane = async () => {
    while (next < count) {
      const k = next++;
      const m = await p.send(`throughput #${k}`);
      if (m.status !== 2) throw new Error(`sendMessage resolved with status ${m.status} (not 2 = sent) for #${k}`);
      acked++;
      delivered.push(p.receivedByB(m.clientMsgID).then((at) => (arrived++, at)));
    }
  };
  const state = () => `${next} sendMessage calls started, ${acked} acknowledged, ${arrived} of them seen by B's OnRecvNewMessage`;
  await within(STALL_MS * 5, Promise.all(Array.from({ length: Math.min(window, count) }, lane)), state);
  const rate = count / ((performance.now() - t0) / 1000);
  await within(STALL_MS, Promise.all(delivered), state); // every acknowledged message reached B
  return rate;
}

/** Acknowledged sends per second, round-robin over the offline recipients' conversations. */
async function spreadSends(p: SdkPair, count: number, window: number): Promise<number> {
  let next = 0;
  let acked = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (next < count) {
      const k = next++;
      const m = await p.send(`spread #${k}`, p.others[k % p.others.length]!);
      if (m.status !== 2) throw new Error(`sendMessage resolved with status ${m.status} (not 2 = sent) for spread #${k}`);
      acked++;
    }
  };
  await within(STALL_MS * 5, Promise.all(Array.from({ length: Math.min(window, count) }, lane)), () => `spread: ${next} sendMessage calls started, ${acked} acknowledged`);
  return count / ((performance.now() - t0) / 1000);
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

export default defineBenchmark({
  name: "send-throughput-sdk",
  description: "one Node SDK client, pipelined sdk.sendMessage to an online SDK peer vs raw ws ping/pong echo on the same gateway",
  async run(ctx) {
    const o = parseFlags(ctx.args, flags);
    const count = o.count ?? 5000;
    const window = o.window ?? 256;
    const rounds = o.rounds ?? 3;
    const spread = o.spread ?? 16;
    const sdk: number[] = [];
    const spreadRates: number[] = [];
    const echo: number[] = [];
    const p = await openSdkPair(spread);
    try {
      ctx.progress("warm-up");
      await pipelinedSends(p, Math.min(1000, count), window);
      await p.echo.throughput(1000, window);
      for (let r = 1; r <= rounds; r++) {
        ctx.progress(`round ${r}/${rounds}: ${count} sendMessage to B, ${count} over ${spread} conversations, ${count} echoes (window ${window})`);
        sdk.push(await pipelinedSends(p, count, window));
        spreadRates.push(await spreadSends(p, count, window));
        // A fresh socket per round: the previous one sat idle through the SDK phases, past the gateway's read deadline.
        const e = await p.newEcho();
        echo.push(await within(STALL_MS, e.throughput(count, window), () => "raw echo socket stopped answering"));
        e.close();
      }
    } finally {
      await p.close();
    }
    const ours = median(sdk);
    const raw = median(echo);
    return {
      figures: [
        { label: `sdk.sendMessage to one online peer, acknowledged and delivered (median of ${rounds})`, value: round(ours, 0), unit: "msgs/s" },
        { label: `sdk.sendMessage spread over ${spread} conversations, acknowledged`, value: round(median(spreadRates), 0), unit: "msgs/s" },
      ],
      baseline: { label: "raw ws ping/pong echo, same window", value: round(raw, 0), unit: "msgs/s" },
      ratio: ours / raw,
      ratioMeaning: "of raw echo throughput",
      goal: { text: "≥ 5000 msgs/s on loopback", met: ours >= 5000 },
      notes: [
        `${count} messages per round, window ${window}; A and B are Node SDK clients (in-memory sql.js, gzip on), the devserver runs in the same process; every ack checked for delivery to B`,
        `all rounds, msgs/s: sdk ${sdk.map((x) => x.toFixed(0)).join("/")}; spread ${spreadRates.map((x) => x.toFixed(0)).join("/")}; echo ${echo.map((x) => x.toFixed(0)).join("/")}`,
        "the outbox keeps one message in flight per conversation, so to a single peer the window does not pipeline: the figure is one ack round trip per message",
      ],
    };
  },
});
