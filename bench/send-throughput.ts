// One client, pipelined 1003 sends on loopback, against raw ws echoes with the same window on
// the same gateway. Every acknowledged message must also reach the online recipient — a
// throughput that loses messages is not a figure.
import { defineBenchmark, type Figure } from "./lib/benchmark.js";
import { parseFlags } from "./lib/cli-args.js";
import { openPair, type PairFixture } from "./lib/im/pair-fixture.js";
import { newClientMsgID, nowMs } from "./lib/im/wire-client.js";
import { round } from "./lib/stats.js";

const flags = {
  count: { kind: "int", min: 100, help: "messages per measurement (default 5000)" },
  window: { kind: "int", min: 1, help: "requests in flight (default 256)" },
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

export default defineBenchmark({
  name: "send-throughput",
  description: "one client, pipelined SendMsg (1003) to an online peer vs raw ws ping/pong echo on the same gateway",
  async run(ctx) {
    const f0 = parseFlags(ctx.args, flags);
    const count = f0.count ?? 5000;
    const window = f0.window ?? 256;
    const figures: Figure[] = [];
    let gzipRate = 0;
    let echoRate = 0;
    for (const gzip of [true, false]) {
      const f = await openPair(gzip);
      try {
        ctx.progress(`warm-up (gzip ${gzip ? "on" : "off"})`);
        await pipelinedSends(f, Math.min(1000, count), window);
        await f.echo.throughput(1000, window);
        ctx.progress(`${count} sends, window ${window}`);
        const rate = await pipelinedSends(f, count, window);
        ctx.progress(`${count} echoes, window ${window}`);
        const echo = await f.echo.throughput(count, window);
        if (gzip) {
          gzipRate = rate;
          echoRate = echo;
        } else figures.push({ label: "SDK transport sends, gzip off", value: round(rate, 0), unit: "msgs/s" }, { label: "raw ws echo (gzip-off run)", value: round(echo, 0), unit: "msgs/s" });
      } finally {
        await f.close();
      }
    }
    return {
      figures: [{ label: "SDK transport sends (gzip, SDK default)", value: round(gzipRate, 0), unit: "msgs/s" }, ...figures],
      baseline: { label: "raw ws ping/pong echo, same window", value: round(echoRate, 0), unit: "msgs/s" },
      ratio: gzipRate / echoRate,
      ratioMeaning: "of raw echo throughput",
      goal: { text: "≥ 5000 msgs/s on loopback", met: gzipRate >= 5000 },
      notes: [`${count} messages, window ${window}, devserver in the same process (in-memory SQLite); recipient online, every ack checked for delivery`],
    };
  },
});
