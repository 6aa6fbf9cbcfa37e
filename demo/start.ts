// `npm start`: the demo chat, then the devserver stays up for the developer's own app.
import { ArgsError, parseArgs, USAGE, type DemoArgs } from "./args.js";
import { DEVELOPER, PortBusyError, runDemo, type DemoRun } from "./run.js";

function printDeveloperInfo(run: DemoRun): void {
  const { server } = run;
  console.log(`
════ The devserver keeps running — point your own app at it (Ctrl-C stops it) ════
  WebSocket gateway : ${server.wsAddr}
  HTTP API          : ${server.apiAddr}
  data              : ${run.dataFile ?? "in memory (gone when it stops)"}
  admin token (${server.adminUserID}) : ${run.adminToken}
  token for user "${DEVELOPER.userID}" (platform 5): ${run.developerToken}

  import { createSDK, CbEvents } from "openim-ts-sdk/node";
  const sdk = createSDK();
  sdk.on(CbEvents.OnRecvNewMessage, (m) => console.log(m.sendID, m.textElem?.content));
  await sdk.initSDK({ apiAddr: "${server.apiAddr}", wsAddr: "${server.wsAddr}", platformID: 5, dataDir: "./.data/my-app" });
  await sdk.login({ userID: "${DEVELOPER.userID}", token: "<the token above>" });
  await sdk.sendMessage({ recvID: "alice", groupID: "", message: await sdk.createTextMessage("Hi Alice!") });

  More users and tokens: POST ${server.apiAddr}/user/user_register and /auth/get_user_token with the admin token
  (see devserver/README.md). Alice and Bob stay online until Ctrl-C.`);
}

async function main(): Promise<number> {
  let args: DemoArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof ArgsError)) throw err;
    console.error(`demo: ${err.message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }

  const running = runDemo(args, (line) => console.log(line));
  let interrupted = false;
  /** Idempotent; false when a shutdown was already under way. */
  const shutdown = (reason: string): boolean => {
    if (interrupted) return false;
    interrupted = true;
    console.error(`\ndemo: ${reason} — logging alice and bob out, closing the devserver`);
    // Mid-chat, let the chat finish or fail first (runDemo closes everything when it fails).
    running.then((run) => run.close(), () => {}).then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`demo: clean shutdown failed: ${(err as Error).message}`);
        process.exit(1);
      },
    );
    return true;
  };
  const onSignal = (signal: string) => {
    if (shutdown(signal)) return;
    console.error(`demo: second ${signal}, exiting without a clean shutdown`);
    process.exit(130);
  };
  process.on("SIGINT", () => onSignal("SIGINT"));
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  // `npm start | head`: once the reader is gone nobody sees the transcript or the tokens.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
    shutdown("the output pipe was closed");
  });

  let run: DemoRun;
  try {
    run = await running;
  } catch (err) {
    console.error(`demo: ${err instanceof PortBusyError ? err.message : ((err as Error).stack ?? String(err))}`);
    return interrupted ? new Promise(() => {}) : 1;
  }
  if (interrupted) return new Promise(() => {}); // stop() exits once the shutdown is done
  if (args.once) {
    await run.close();
    console.log("\ndemo: done (--once), devserver closed");
    return 0;
  }
  printDeveloperInfo(run);
  return new Promise(() => {}); // runs until SIGINT/SIGTERM
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
