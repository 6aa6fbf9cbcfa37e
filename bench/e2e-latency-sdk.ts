// e2e-latency through the SDK: A's sdk.sendMessage call to B's OnRecvNewMessage, one message at
// a time (both Node SDK clients, one clock), interleaved with raw ws echo round trips on the same
// gateway so both see the same machine state.
import { defineBenchmark } from "./lib/benchmark.js";
import { parseFlags } from "./lib/cli-args.js";
import { openSdkPair } from "./lib/sdk/sdk-pair.js";
import { latencyVsEchoOutcome } from "./lib/latency-outcome.js";

const flags = {
  count: { kind: "int", min: 10, help: "measured messages (default 2000)" },
  warmup: { kind: "int", min: 0, help: "unmeasured messages first (default 300)" },
} as const;

export default defineBenchmark({
  name: "e2e-latency-sdk",
  description: "A→B sdk.sendMessage → OnRecvNewMessage latency (Node SDK clients) vs raw ws echo round trip on the same devserver",
  async run(ctx) {
    const o = parseFlags(ctx.args, flags);
    const count = o.count ?? 2000;
    const warmup = o.warmup ?? 300;
    const p = await openSdkPair();
    const latency: number[] = [];
    const echo: number[] = [];
    try {
      for (let i = 0; i < warmup + count; i++) {
        const rtt = await p.echo.roundTrip();
        const message = await p.a.sdk.createTextMessage(`latency #${i}`);
        const arrived = p.receivedByB(message.clientMsgID);
        const t0 = performance.now();
        await p.a.sdk.sendMessage({ recvID: p.bUserID, groupID: "", message });
        const at = await arrived;
        if (i >= warmup) {
          echo.push(rtt);
          latency.push(at - t0);
        }
        if ((i + 1) % 500 === 0) ctx.progress(`${i + 1}/${warmup + count}`);
      }
    } finally {
      await p.close();
    }
    return latencyVsEchoOutcome("sendMessage→OnRecvNewMessage", latency, echo, `${count} messages after ${warmup} warm-up, one at a time; Node SDK clients (in-memory sql.js, gzip on), devserver in the same process; the send includes the local insert and outbox row, the receive the inbox store`);
  },
});
