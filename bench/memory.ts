// Memory after the sync ingest (bench/lib/sdk/ingest.ts: 100k messages / 200 conversations,
// connect sync + history backfill, in-memory sql.js), against the same process just before
// login (devserver seeded and running, SDK created). Measured after a full GC both times.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { defineBenchmark } from "./lib/benchmark.js";
import { parseFlags } from "./lib/cli-args.js";
import { ingestFlags, prepareIngest, runIngest } from "./lib/sdk/ingest.js";
import { round } from "./lib/stats.js";

// The runner forks without --expose-gc; this is the documented way to get gc() afterwards.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const mib = (bytes: number) => round(bytes / 2 ** 20, 1);

function settled(): NodeJS.MemoryUsage {
  gc();
  gc();
  return process.memoryUsage();
}

export default defineBenchmark({
  name: "memory",
  description: "heap and RSS after ingesting 100k messages / 200 conversations through the Node SDK vs the same process before login",
  async run(ctx) {
    const o = parseFlags(ctx.args, ingestFlags);
    const total = o.messages ?? 100_000;
    const convs = o.conversations ?? 200;
    const w = await prepareIngest(ctx, total, convs);
    try {
      const before = settled();
      const r = await runIngest(ctx, w, total, convs, o.page ?? 100);
      const after = settled();
      const dbBytes = Number(w.rt.login.current!.db.driver.get("SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()")!["n"]);
      return {
        figures: [
          { label: "RSS after ingest", value: mib(after.rss), unit: "MiB", better: "lower" },
          { label: "heap used after ingest", value: mib(after.heapUsed), unit: "MiB", better: "lower" },
          { label: "external + array buffers after ingest (sql.js WASM memory)", value: mib(after.external + after.arrayBuffers), unit: "MiB", better: "lower" },
          { label: "RSS growth", value: mib(after.rss - before.rss), unit: "MiB", better: "lower" },
          { label: "heap growth", value: mib(after.heapUsed - before.heapUsed), unit: "MiB", better: "lower" },
          { label: "SQLite database size (page_count × page_size)", value: mib(dbBytes), unit: "MiB", better: "lower" },
        ],
        baseline: { label: "RSS before login", value: mib(before.rss), unit: "MiB", better: "lower" },
        ratio: after.rss / before.rss,
        ratioMeaning: "RSS after ingest ÷ before login (lower is better)",
        notes: [
          `before login: heap ${mib(before.heapUsed)} MiB, external ${mib(before.external)} MiB; ${r.afterSync} messages by connect sync + ${r.backfilled} by history`,
          "the devserver runs in the same process (seeded before the baseline), so its caches during the pulls are inside the growth; sql.js keeps the whole database in WASM memory (counted in RSS, not in the JS heap)",
        ],
      };
    } finally {
      await w.close();
    }
  },
});
