// A devserver that can be restarted mid-run the way a real deployment restarts: the process goes
// away (every connection dropped), comes back on the same database file and the same API port,
// and the gateway behind the fault proxy is retargeted to its new port.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startDevServer, type DevServer } from "../../../devserver/index.js";

export class RestartableDevServer {
  private constructor(
    private current: DevServer,
    readonly dataFile: string,
    private readonly dir: string,
  ) {}

  static async start(): Promise<RestartableDevServer> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openim-reliability-"));
    const dataFile = path.join(dir, "devserver.sqlite");
    const server = await startDevServer({ wsPort: 0, apiPort: 0, dataFile, log: null });
    return new RestartableDevServer(server, dataFile, dir);
  }

  get server(): DevServer {
    return this.current;
  }

  get apiAddr(): string {
    return this.current.apiAddr;
  }

  get wsPort(): number {
    return this.current.wsPort;
  }

  /** Stops the server, stays down for `downMs`, starts it again; resolves with the new gateway port. */
  async restart(downMs: number): Promise<number> {
    const apiPort = this.current.apiPort;
    await this.current.close();
    await new Promise((r) => setTimeout(r, downMs));
    this.current = await startDevServer({ wsPort: 0, apiPort, dataFile: this.dataFile, log: null });
    return this.current.wsPort;
  }

  async close(): Promise<void> {
    await this.current.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
