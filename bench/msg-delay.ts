// Message-delay test (the seed's msg_delay): N sender→receiver pairs, each sender sends M
// messages at a fixed interval; prints the send→receive latency histogram and stores an SVG.
// `npm run msg-delay -- --pairs 50 --messages 100 --interval 20`.
import { exitWith, runLoadCommand } from "./lib/im/load-cli.js";
import { pairsPlan } from "./lib/im/plans.js";
import { textHistogram } from "./lib/stats.js";

exitWith(
  runLoadCommand(
    {
      name: "msg-delay",
      description: "N pairs, paced sends, send→receive latency histogram over the SDK transport",
      flags: {
        pairs: { kind: "int", min: 1, help: "sender→receiver pairs (default 50)" },
        messages: { kind: "int", min: 1, help: "messages per sender (default 100)" },
      },
      users: (f) => 2 * (f.pairs ?? 50),
      plan: (userIDs, f) => pairsPlan(userIDs, f.messages ?? 100),
      after(r, print) {
        if (r.ledger.deliveryMs.length === 0) return [];
        print("\nsend→receive latency histogram:");
        print(textHistogram(r.ledger.deliveryMs, "ms"));
        return [];
      },
    },
    // Pacing by default: delay is measured under a steady load, not a burst.
    process.argv.slice(2).includes("--interval") ? process.argv.slice(2) : [...process.argv.slice(2), "--interval", "20"],
  ),
);
