// The demo as a function: devserver up, users registered, alice and bob logged in through the
// Node binding, the chat played. `start.ts` is the command line around it; tests call it directly.
import fs from "node:fs";
import path from "node:path";
import { startDevServer, type DevServer } from "../devserver/index.js";
import { Accounts } from "./accounts.js";
import type { DemoArgs } from "./args.js";
import { playConversation, type ChatReport } from "./conversation.js";
import { Participant, PLATFORM_ID } from "./participant.js";
import { Transcript } from "./transcript.js";

/** OpenIM's stock development secret, which the devserver uses unless given --secret. */
const OPENIM_DEFAULT_SECRET = "openIM123";

export const ALICE = { userID: "alice", nickname: "Alice" };
export const BOB = { userID: "bob", nickname: "Bob" };
/** Registered for the developer's own app; the demo never logs in as this user. */
export const DEVELOPER = { userID: "you", nickname: "You" };

export interface DemoRun {
  server: DevServer;
  report: ChatReport;
  adminToken: string;
  developerToken: string;
  /** Still logged in until close(): an app on the devserver can message them. */
  alice: Participant;
  bob: Participant;
  /** Where the devserver keeps its database; null in memory. */
  dataFile: string | null;
  /** Logs alice and bob out and closes the devserver; safe to call twice. */
  close(): Promise<void>;
}

export class PortBusyError extends Error {}

export async function runDemo(args: DemoArgs, out: (line: string) => void): Promise<DemoRun> {
  const t = new Transcript(out);
  const dataFile = args.dataDir === null ? null : path.join(args.dataDir, "devserver.sqlite");
  if (args.dataDir !== null) fs.mkdirSync(path.join(args.dataDir, "clients"), { recursive: true });
  const server = await startServer(args, dataFile, t);
  const people: Participant[] = [];
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      for (const p of people) await p.logout().catch((err: unknown) => out(`demo: ${p.name} logout failed: ${(err as Error).message}`));
      await server.close();
    })());
  try {
    t.line(`devserver: WebSocket ${server.wsAddr}, HTTP API ${server.apiAddr}, data ${dataFile ?? "in memory"}`);
    t.line("Alice and Bob chat through the Node SDK.  ▶ an SDK call a user makes   ◀ an SDK event that user's app receives");
    t.line("(connection and sync-progress events are left out of the story)");
    const accounts = await Accounts.connect(server.apiAddr, args.secret ?? OPENIM_DEFAULT_SECRET, server.adminUserID);
    const created = await accounts.register([ALICE, BOB, DEVELOPER]);
    const kept = [ALICE, BOB, DEVELOPER].map((u) => u.userID).filter((id) => !created.includes(id));
    t.line(`registered ${created.length > 0 ? created.join(", ") : "nobody new"}${kept.length > 0 ? ` (already registered: ${kept.join(", ")})` : ""}`);

    for (const u of [ALICE, BOB]) {
      const p = await Participant.login(u.nickname, {
        apiAddr: server.apiAddr,
        wsAddr: server.wsAddr,
        userID: u.userID,
        token: await accounts.userToken(u.userID, PLATFORM_ID),
        dataDir: args.dataDir === null ? null : path.join(args.dataDir, "clients"),
      });
      people.push(p);
      const earlier = (await p.conversations()).length;
      t.line(`${u.nickname} logged in through the Node binding as "${u.userID}" and synced (${earlier} conversation${earlier === 1 ? "" : "s"} from earlier runs, total unread ${await p.sdk.getTotalUnreadMsgCount()})`);
    }
    const [alice, bob] = people as [Participant, Participant];
    const report = await playConversation(alice, bob, t);
    return {
      server,
      report,
      adminToken: accounts.admin,
      developerToken: await accounts.userToken(DEVELOPER.userID, PLATFORM_ID),
      alice,
      bob,
      dataFile,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

async function startServer(args: DemoArgs, dataFile: string | null, t: Transcript): Promise<DevServer> {
  try {
    return await startDevServer({
      wsPort: args.wsPort,
      apiPort: args.apiPort,
      host: args.host,
      ...(dataFile === null ? { memory: true } : { dataFile }),
      ...(args.secret !== undefined ? { secret: args.secret } : {}),
      log: (line) => t.line(line),
    });
  } catch (err) {
    const busy = /EADDRINUSE.*:(\d+)\b/.exec((err as Error).message);
    if (busy) {
      const port = Number(busy[1]);
      const flag = port === args.wsPort ? "--ws-port, the WebSocket gateway" : port === args.apiPort ? "--api-port, the HTTP API" : "one of the ports";
      throw new PortBusyError(
        `port ${port} on ${args.host} (${flag}) is already in use — is another devserver or \`npm start\` running?\n` +
          `Stop it, or pick free ports: npm start -- --ws-port 20001 --api-port 20002 (0 = any free port)`,
      );
    }
    throw err;
  }
}
