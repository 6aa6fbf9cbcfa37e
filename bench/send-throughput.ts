// One client, pipelined 1003 sends on loopback, against raw ws echoes with the same window on
// the same gateway. Every acknowledged message must also reach the online recipient — a
// throughput that loses messages is not a figure. The machine is shared and noisy, so each
// figure is the median of several rounds, and the rounds of figure and baseline alternate.
import { defineBenchmark } from "./lib/benchmark.js";
import { parseFlags } from "./lib/cli-args.js";
import { openPair, type PairFixture } from "./lib/im/pair-fixture.js";
import { newClientMsgID, nowMs } from "./lib/im/wire-client.js";
import { round } from "./lib/stats.js";

const flags = {
  count: { kind: "int", min: 100, help: "messages per measurement (default 5000)" },
  window: { kind: "int", min: 1, help: "requests in flight (default 256)" },
  rounds: { kind: "int", min: 1, help: "alternating rounds; medians are reported (default 3)" },
} as const;

async function pipelinedSends(f: PairFixture, count: number, window: number): Promise<number> {
  let next = 0;
  const ids: string[] = [];
  const t0 = nowMs();
  const lane = async () => {
    while (next < count) {
      const k = next++;
      const id = newClientMsgID();
      ids.push(id);
      await f.a.sendText(f.b.userID, `throughput #${k}`, id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, count) }, lane));
  const rate = count / ((nowMs() - t0) / 1000);
  await Promise.all(ids.map((id) => f.receivedByB(id))); // every acked message reached B
  return rate;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

export default defineBenchmark({
  name: "send-throughput",
  description: "one client, pipelined SendMsg (1003) to an online peer vs raw ws ping/pong echo on the same gateway",
  async run(ctx) {
    const o = parseFlags(ctx.args, flags);
    const count = o.count ?? 5000;
    const window = o.window ?? 256;
    const rounds = o.rounds ?? 3;
    const rates = { sdkGzip: [] as number[], echoGzipRun: [] as number[], sdkPlain: [] as number[], raw: [] as number[], echoPlainRun: [] as number[] };
    for (const gzip of [true, false]) {
      const f = await openPair(gzip);
      try {
        ctx.progress(`warm-up (gzip ${gzip ? "on" : "off"})`);
        await pipelinedSends(f, Math.min(1000, count), window);
        await f.echo.throughput(1000, window);
        if (!gzip) await f.echo.sendThroughput(f.b.userID, Math.min(1000, count), window);
        for (let r = 1; r <= rounds; r++) {
          ctx.progress(`gzip ${gzip ? "on" : "off"}, round ${r}/${rounds}: ${count} sends, ${count} echoes${gzip ? "" : `, ${count} hand-built sends`} (window ${window})`);
          (gzip ? rates.sdkGzip : rates.sdkPlain).push(await pipelinedSends(f, count, window));
          (gzip ? rates.echoGzipRun : rates.echoPlainRun).push(await f.echo.throughput(count, window));
          if (!gzip) rates.raw.push(await f.echo.sendThroughput(f.b.userID, count, window));
        }
      } finally {
        await f.close();
      }
    }
    const sdk = median(rates.sdkGzip);
    const echo = median(rates.echoGzipRun);
    const fig = (label: string, v: number[]) => ({ label: `${label} (median of ${v.length})`, value: round(median(v), 0), unit: "msgs/s" });
    return {
      figures: [
        fig("SDK transport sends, gzip on (SDK default)", rates.sdkGzip),
        fig("SDK transport sends, gzip off", rates.sdkPlain),
        fig("hand-built 1003 envelopes on a raw ws, gzip off (server cost alone)", rates.raw),
        fig("raw ws echo in the gzip-off rounds", rates.echoPlainRun),
      ],
      baseline: fig("raw ws ping/pong echo, same window", rates.echoGzipRun),
      ratio: sdk / echo,
      ratioMeaning: "of raw echo throughput",
      goal: { text: "≥ 5000 msgs/s on loopback", met: sdk >= 5000 },
      notes: [
        `${count} messages per round, window ${window}, ${rounds} alternating rounds; devserver in the same process (in-memory SQLite); recipient online, every ack checked for delivery`,
        `all rounds, msgs/s: ${Object.entries(rates).map(([k, v]) => `${k} ${v.map((x) => x.toFixed(0)).join("/")}`).join("; ")}`,
      ],
    };
  },
});
