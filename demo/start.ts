// `npm start`: the devserver (data under ./.data), two users chatting through the Node binding
// with a readable transcript, then the server keeps running for your own app. Ctrl-C stops it.
import fs from "node:fs";
import path from "node:path";
import { createSDK, type OpenIMSDK } from "../bindings/node/index.js";
import { startDevServer, type DevServer } from "../devserver/index.js";
import { adminApi } from "./admin-api.js";
import { narrate, printConversations, say } from "./transcript.js";

const DATA = path.resolve(".data");
const SECRET = "openIM123"; // the devserver's well-known default: local development only
const WEB = 5;

async function startServer(): Promise<DevServer> {
  fs.mkdirSync(DATA, { recursive: true });
  const base = { dataFile: path.join(DATA, "devserver.sqlite"), secret: SECRET, log: null };
  try {
    return await startDevServer({ ...base, wsPort: 10001, apiPort: 10002 });
  } catch (error) {
    if ((error as { code?: string }).code !== "EADDRINUSE") throw error;
    console.log("ports 10001/10002 are taken; using free ones");
    return startDevServer({ ...base, wsPort: 0, apiPort: 0 });
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function login(server: DevServer, userID: string, token: string): Promise<OpenIMSDK> {
  const sdk = createSDK();
  await sdk.initSDK({ apiAddr: server.apiAddr, wsAddr: server.wsAddr, platformID: WEB, dataDir: path.join(DATA, "sdk") });
  narrate(userID, sdk);
  await sdk.login({ userID, token });
  return sdk;
}

async function main(): Promise<void> {
  const server = await startServer();
  console.log(`devserver: gateway ${server.wsAddr}, API ${server.apiAddr}, data ${DATA}`);
  const admin = await adminApi(server.apiAddr, SECRET);
  await admin.register("alice", "Alice");
  await admin.register("bob", "Bob");
  await admin.register("developer", "Developer");

  console.log("\n── a short conversation ─────────────────────────────────────────");
  const alice = await login(server, "alice", await admin.userToken("alice", WEB));
  const bob = await login(server, "bob", await admin.userToken("bob", WEB));
  await pause(300);
  const cid = await alice.getConversationIDBySessionType({ sourceID: "bob", sessionType: 1 });

  const send = async (who: string, sdk: OpenIMSDK, to: string, build: Promise<Parameters<OpenIMSDK["sendMessage"]>[0]["message"]>) => {
    const sent = await sdk.sendMessage({ recvID: to, groupID: "", message: await build });
    say(who, `⇢ sent ${sent.textElem ? `"${sent.textElem.content}"` : sent.atTextElem ? `"${sent.atTextElem.text}"` : sent.quoteElem ? `"${sent.quoteElem.text}"` : "a message"}`);
    await pause(200);
    return sent;
  };

  const hello = await send("alice", alice, "bob", alice.createTextMessage("Hi Bob! Lunch today?"));
  await bob.changeInputStates({ conversationID: cid, focus: true });
  await pause(200);
  await bob.changeInputStates({ conversationID: cid, focus: false });
  await send("bob", bob, "alice", bob.createQuoteMessage({ text: "Sure, 12:30?", message: JSON.stringify(hello) }));
  await send("bob", bob, "alice", bob.createTextAtMessage({ text: "@alice the usual place", atUserIDList: ["alice"] }));
  await printConversations("alice", alice);
  await alice.markConversationMessageAsRead(cid);
  await pause(200);
  const oops = await send("alice", alice, "bob", alice.createTextMessage("See you at 1!"));
  await alice.revokeMessage({ conversationID: cid, clientMsgID: oops.clientMsgID });
  say("alice", "⊘ revoked her last message");
  await pause(200);
  await send("alice", alice, "bob", alice.createTextMessage("See you at 12:30!"));
  await bob.markConversationMessageAsRead(cid);
  await pause(200);
  await printConversations("alice", alice);
  await printConversations("bob", bob);

  console.log("\n── the devserver keeps running ──────────────────────────────────");
  console.log(`  WebSocket gateway  ${server.wsAddr}`);
  console.log(`  HTTP API           ${server.apiAddr}`);
  console.log(`  user "developer" (platform 5 = Web) token:\n    ${await admin.userToken("developer", WEB)}`);
  console.log(`  admin secret "${SECRET}" (POST /auth/get_admin_token) — local development only`);
  console.log("  Ctrl-C stops it.");

  let stopping = false;
  process.on("SIGINT", () => {
    if (stopping) return;
    stopping = true;
    console.log("\nstopping…");
    void Promise.allSettled([alice.logout(), bob.logout()])
      .then(() => server.close())
      .then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error("npm start failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
