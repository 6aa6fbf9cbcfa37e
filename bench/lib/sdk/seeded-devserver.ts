// A devserver whose store already holds a large history, seeded fast: before the server starts,
// its SQLite file is opened with the devserver's own Store and every message goes through the
// devserver's own send logic (devserver/logic/send.ts: checks, seq assignment, conversations) —
// what POST /msg/send_msg does, minus HTTP and JSON per message. The server is then started on
// that file, so the SDK pulls real, server-assigned seqs over the real gateway.
import path from "node:path";
import { startDevServer, type DevServer } from "../../../devserver/index.js";
import { TokenService } from "../../../devserver/auth/tokens.js";
import { Hub } from "../../../devserver/gateway/hub.js";
import { sendMessage } from "../../../devserver/logic/send.js";
import { Store } from "../../../devserver/store/index.js";
import { routes, sdkws } from "../../../generated/protocol/index.js";
import { HttpClient } from "../../../runtime/http/client.js";

const SECRET = "bench-secret";
const ADMIN = "imAdmin";
const TX_BATCH = 5000;

export interface SeedPlan {
  /** Users to register (the client's user and every sender). */
  users: readonly string[];
  /** Single-chat text messages to store, in send order. */
  messages: Iterable<{ sendID: string; recvID: string; text: string }>;
}

export interface SeededServer {
  server: DevServer;
  admin: HttpClient<typeof routes>;
  /** A Web-platform (5) token for `userID`. */
  token(userID: string): Promise<string>;
  seededMessages: number;
  seedMs: number;
  close(): Promise<void>;
}

export async function seededDevServer(dir: string, plan: SeedPlan, onProgress?: (stored: number) => void): Promise<SeededServer> {
  const file = path.join(dir, "devserver.sqlite");
  const t0 = performance.now();
  const store = new Store(file);
  let stored = 0;
  try {
    const s = { store, hub: new Hub(), tokens: new TokenService(SECRET, [ADMIN], 3600, store.tokens), now: () => Date.now() };
    const now = Date.now();
    store.users.insertMany(plan.users.map((userID) => ({ userID, nickname: userID, faceURL: "", ex: "", createTime: now, appMangerLevel: 0, globalRecvMsgOpt: 0 })));
    const admin = { userID: ADMIN, isAdmin: true };
    let batch: sdkws.MsgData[] = [];
    const flush = () => {
      store.tx(() => {
        for (const m of batch) sendMessage(s, m, admin);
      });
      stored += batch.length;
      batch = [];
      onProgress?.(stored);
    };
    for (const m of plan.messages) {
      const sendTime = now - 1_000_000 + stored + batch.length;
      batch.push(
        sdkws.MsgData.create({
          sendID: m.sendID, recvID: m.recvID, clientMsgID: `seed-${stored + batch.length}`, senderPlatformID: 5, senderNickname: m.sendID,
          sessionType: 1, msgFrom: 100, contentType: 101, content: new TextEncoder().encode(JSON.stringify({ content: m.text })), sendTime, createTime: sendTime,
        }),
      );
      if (batch.length >= TX_BATCH) flush();
    }
    if (batch.length > 0) flush();
    // Pushes the logic scheduled for (nobody is connected) run before the store closes.
    await new Promise((r) => setImmediate(r));
  } finally {
    store.close();
  }
  const seedMs = performance.now() - t0;
  const server = await startDevServer({ wsPort: 0, apiPort: 0, dataFile: file, secret: SECRET, adminUserIDs: [ADMIN], log: null });
  return { ...(await withAdmin(server)), seededMessages: stored, seedMs };
}

/** An in-memory devserver, for benchmarks that seed through the HTTP API. */
export async function plainDevServer(): Promise<Omit<SeededServer, "seededMessages" | "seedMs">> {
  return withAdmin(await startDevServer({ wsPort: 0, apiPort: 0, memory: true, secret: SECRET, adminUserIDs: [ADMIN], log: null }));
}

async function withAdmin(server: DevServer): Promise<Omit<SeededServer, "seededMessages" | "seedMs">> {
  const bootstrap = new HttpClient({ apiAddr: server.apiAddr, routes });
  const adminToken = (await bootstrap.call("/auth/get_admin_token", { secret: SECRET, userID: ADMIN })).token;
  const admin = new HttpClient({ apiAddr: server.apiAddr, routes, adminToken });
  return {
    server,
    admin,
    token: async (userID) => (await admin.call("/auth/get_user_token", { userID, platformID: 5 })).token,
    close: () => server.close(),
  };
}
