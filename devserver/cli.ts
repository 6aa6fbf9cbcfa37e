// `npm run devserver -- --ws-port 10001 --api-port 10002 --data .data/devserver.sqlite [--memory] [--secret S]`
import { startDevServer } from "./server.js";
import type { DevServerOptions } from "./options.js";

const USAGE = `usage: npm run devserver -- [--ws-port 10001] [--api-port 10002] [--host 127.0.0.1]
                            [--data .data/devserver.sqlite | --memory] [--secret S]
A local OpenIM-compatible server for development and tests. Not for production: use OpenIM server.`;

function parseArgs(argv: string[]): DevServerOptions {
  const o: DevServerOptions = { dataFile: ".data/devserver.sqlite" };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value`);
    return v;
  };
  const port = (v: string, flag: string): number => {
    if (!/^\d+$/.test(v)) throw new Error(`${flag} must be a port number, got ${JSON.stringify(v)}`);
    return Number(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    switch (a) {
      case "--ws-port": o.wsPort = port(value(i++, a), a); break;
      case "--api-port": o.apiPort = port(value(i++, a), a); break;
      case "--host": o.host = value(i++, a); break;
      case "--data": o.dataFile = value(i++, a); break;
      case "--memory": o.memory = true; break;
      case "--secret": o.secret = value(i++, a); break;
      case "--help": case "-h": console.log(USAGE); process.exit(0);
      default: throw new Error(`unknown option ${a}`);
    }
  }
  return o;
}

async function main(): Promise<void> {
  let opts: DevServerOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`devserver: ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const server = await startDevServer(opts);
  console.log(`devserver: WebSocket gateway ${server.wsAddr}, HTTP API ${server.apiAddr}, data ${opts.memory ? "in memory" : opts.dataFile}`);
  console.log("devserver: development server only — production deployments use OpenIM server");
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`devserver: ${signal}, closing`);
    server.close().then(() => process.exit(0), (err: unknown) => {
      console.error(`devserver: close failed: ${(err as Error).message}`);
      process.exit(1);
    });
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
