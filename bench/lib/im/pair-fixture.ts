// Two connected users (A sends, B receives) and a raw echo socket on an in-process devserver:
// the setting of the transport-level benchmarks.
import { RawGatewayClient } from "./raw-gateway-client.js";
import { openTarget, provisionUsers, type Target } from "./server-target.js";
import { WireClient, type Received } from "./wire-client.js";

export interface PairFixture {
  target: Target;
  a: WireClient;
  b: WireClient;
  /** A raw socket of a third user: echo and hand-built sends (baselines). */
  echo: RawGatewayClient;
  /** Resolves with B's copy of the message `clientMsgID` (listening starts at once). */
  receivedByB(clientMsgID: string): Promise<Received>;
  close(): Promise<void>;
}

export async function openPair(gzip = true): Promise<PairFixture> {
  const target = await openTarget();
  const ids = ["bench_a", "bench_b", "bench_echo"];
  const tokens = await provisionUsers(target, ids);
  const [a, b] = await Promise.all(ids.slice(0, 2).map((userID) => WireClient.connect({ wsAddr: target.wsAddr, userID, token: tokens.get(userID)!, gzip })));
  const echo = await RawGatewayClient.connect(target.wsAddr, "bench_echo", tokens.get("bench_echo")!);
  const waiting = new Map<string, (r: Received) => void>();
  const early = new Map<string, Received>();
  b!.onMessage((r) => {
    const w = waiting.get(r.message.clientMsgID);
    if (w) {
      waiting.delete(r.message.clientMsgID);
      w(r);
    } else early.set(r.message.clientMsgID, r);
  });
  return {
    target,
    a: a!,
    b: b!,
    echo,
    receivedByB: (id) => {
      const got = early.get(id);
      if (got) {
        early.delete(id);
        return Promise.resolve(got);
      }
      return new Promise((resolve) => waiting.set(id, resolve));
    },
    close: async () => {
      a!.close();
      b!.close();
      echo.close();
      await target.close();
    },
  };
}
