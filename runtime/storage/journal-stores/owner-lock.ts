// One owner per database on disk. Two SDK instances (in one process or two) that open the same
// user's files would each snapshot their own copy over the other's, silently losing what the
// first one journalled. The owner writes its pid into `<journal>.lock`; a lock whose process is
// gone (SIGKILL, crash) is stale and taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { StorageError } from "../../contracts/storage.js";

const heldHere = new Set<string>();

export class OwnerLock {
  private held = false;

  constructor(readonly path: string) {}

  acquire(): void {
    if (this.held) return;
    if (heldHere.has(this.path)) throw this.busy(process.pid);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.path, "wx");
        try {
          writeSync(fd, String(process.pid));
        } finally {
          closeSync(fd);
        }
        this.held = true;
        heldHere.add(this.path);
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") {
          throw new StorageError(`could not create the lock file ${this.path}: ${(err as Error).message}`, undefined, err);
        }
        const owner = Number(readFileSync(this.path, "utf8").trim());
        if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) throw this.busy(owner);
        // Stale: its process is gone (or it is our own, left by an instance that never closed).
        rmSync(this.path, { force: true });
      }
    }
    throw this.busy(undefined);
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    heldHere.delete(this.path);
    rmSync(this.path, { force: true });
  }

  private busy(pid: number | undefined): StorageError {
    const who = pid === process.pid ? "another SDK instance in this process" : pid ? `process ${pid}` : "another process";
    return new StorageError(
      `the local database is already open by ${who} (lock ${this.path}); one login per user and dataDir at a time — log out there first or give this instance another dataDir`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
