// Command line of `npm start`.

export const USAGE = `usage: npm start -- [--once] [--data .data | --memory] [--ws-port 10001] [--api-port 10002]
                   [--host 127.0.0.1] [--secret S]
Starts the devserver, plays a chat between alice and bob through the Node SDK, then keeps the
devserver running for your own app (Ctrl-C stops it).
  --once         play the chat and exit (CI, tests); also DEMO_ONCE=1
  --data DIR     folder for the devserver database and the demo clients' data (default .data)
  --memory       keep everything in memory; nothing is written
  --ws-port N    WebSocket gateway port (0 = any free port)
  --api-port N   HTTP API port (0 = any free port)
  --secret S     devserver admin secret (default: OpenIM's well-known development secret)`;

export interface DemoArgs {
  once: boolean;
  /** null: in memory. */
  dataDir: string | null;
  wsPort: number;
  apiPort: number;
  host: string;
  secret: string | undefined;
  help: boolean;
}

export class ArgsError extends Error {}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): DemoArgs {
  const a: DemoArgs = { once: env.DEMO_ONCE === "1", dataDir: ".data", wsPort: 10001, apiPort: 10002, host: "127.0.0.1", secret: undefined, help: false };
  let data: string | undefined;
  let memory = false;
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new ArgsError(`${flag} needs a value`);
    return v;
  };
  const port = (v: string, flag: string): number => {
    const n = Number(v);
    if (!/^\d+$/.test(v) || n > 65535) throw new ArgsError(`${flag} must be a port number 0..65535, got ${JSON.stringify(v)}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    switch (flag) {
      case "--once": a.once = true; break;
      case "--memory": memory = true; break;
      case "--data": data = value(i++, flag); break;
      case "--ws-port": a.wsPort = port(value(i++, flag), flag); break;
      case "--api-port": a.apiPort = port(value(i++, flag), flag); break;
      case "--host": a.host = value(i++, flag); break;
      case "--secret": a.secret = value(i++, flag); break;
      case "--help": case "-h": a.help = true; break;
      default: throw new ArgsError(`unknown option ${JSON.stringify(flag)}`);
    }
  }
  if (memory && data !== undefined) throw new ArgsError("--data and --memory exclude each other: pick one");
  a.dataDir = memory ? null : (data ?? ".data");
  if (a.wsPort !== 0 && a.wsPort === a.apiPort) throw new ArgsError(`--ws-port and --api-port are both ${a.wsPort}: they need different ports`);
  return a;
}
