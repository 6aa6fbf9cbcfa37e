// A → B: from the sender's send call to the push arriving at the recipient, one message at a
// time, interleaved with raw ws echo round trips on the same gateway so both see the same
// machine state.
import { defineBenchmark } from "./lib/benchmark.js";
import { parseFlags } from "./lib/cli-args.js";
import { openPair } from "./lib/im/pair-fixture.js";
import { newClientMsgID } from "./lib/im/wire-client.js";
import { latencyVsEchoOutcome } from "./lib/latency-outcome.js";

const flags = {
  count: { kind: "int", min: 10, help: "measured messages (default 2000)" },
  warmup: { kind: "int", min: 0, help: "unmeasured messages first (default 300)" },
} as const;

export default defineBenchmark({
  name: "e2e-latency",
  description: "A→B send→push latency over the SDK transport vs raw ws echo round trip on the same devserver",
  async run(ctx) {
    const f0 = parseFlags(ctx.args, flags);
    const count = f0.count ?? 2000;
    const warmup = f0.warmup ?? 300;
    const f = await openPair(true);
    const latency: number[] = [];
    const echo: number[] = [];
    try {
      for (let i = 0; i < warmup + count; i++) {
        const rtt = await f.echo.roundTrip();
        const id = newClientMsgID();
        const arrived = f.receivedByB(id);
        const { sentAtMs } = await f.a.sendText(f.b.userID, `latency #${i}`, id);
        const r = await arrived;
        if (i >= warmup) {
          echo.push(rtt);
          latency.push(r.atMs - sentAtMs);
        }
        if ((i + 1) % 500 === 0) ctx.progress(`${i + 1}/${warmup + count}`);
      }
    } finally {
      await f.close();
    }
    return latencyVsEchoOutcome("send→push", latency, echo, `${count} messages after ${warmup} warm-up, one at a time, gzip on (SDK default); devserver in the same process`);
  },
});
