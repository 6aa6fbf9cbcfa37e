// Press test (the seed's press_open_im): N clients on bare transport connections, each sends M
// text messages to random peers; passes when every acknowledged message reached its
// recipient exactly once. `npm run press -- --clients 1000 --messages 100 [--workers 2]`.
import { exitWith, runLoadCommand } from "./lib/im/load-cli.js";
import { randomPeersPlan } from "./lib/im/plans.js";

exitWith(
  runLoadCommand(
    {
      name: "press",
      description: "N clients × M messages to random peers over the SDK transport; 0 lost, exactly once",
      flags: {
        clients: { kind: "int", min: 2, help: "connected clients (default 1000)" },
        messages: { kind: "int", min: 1, help: "messages each client sends (default 100)" },
      },
      users: (f) => f.clients ?? 1000,
      plan: (userIDs, f, rng) => randomPeersPlan(userIDs, f.messages ?? 100, rng),
    },
    process.argv.slice(2),
  ),
);
