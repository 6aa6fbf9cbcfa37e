// Entry of a load worker process (forked by slice-handle.ts): owns one TrafficSlice and
// answers the coordinator's connect / send / status / finish requests over IPC.
import type { WorkerReply, WorkerRequest } from "./slice-handle.js";
import { TrafficSlice } from "./traffic-slice.js";

let slice: TrafficSlice | undefined;

const reply = (r: WorkerReply) => process.send!(r);

async function handle(req: WorkerRequest): Promise<unknown> {
  if (req.cmd === "connect") {
    if (!req.spec) throw new Error("connect needs the slice spec");
    slice = new TrafficSlice(req.spec);
    return slice.connect();
  }
  if (!slice) throw new Error(`${req.cmd} before connect`);
  switch (req.cmd) {
    case "send":
      return slice.send();
    case "status":
      return slice.status();
    case "finish":
      return slice.finish();
  }
}

if (!process.send) {
  console.error("traffic-worker.ts is started by the press / msg-delay tools (fork with IPC), not by hand");
  process.exit(2);
}
process.on("message", (m) => {
  const req = m as WorkerRequest;
  handle(req).then(
    (value) => reply({ id: req.id, ok: true, value }),
    (err: unknown) => reply({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
});
process.on("disconnect", () => process.exit(0));
