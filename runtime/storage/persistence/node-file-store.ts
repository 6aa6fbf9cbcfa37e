// Snapshot in one file. A save writes a sibling temp file, fsyncs it, renames it over the
// target and fsyncs the directory, so a crash at any point leaves either the old or the new
// file whole, never a torn one.
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { StorageError } from "../../contracts/storage.js";
import { NodeFileJournalStore } from "../journal-stores/node-file-journal-store.js";
import type { SnapshotStore } from "./snapshot-store.js";
import type { StoragePersistence } from "./storage-persistence.js";

let tempCounter = 0;

/** `<dir>/<name>.sqlite` snapshots and `<dir>/<name>.sqlite.journal`; `name` is encoded to be file-safe. */
export function nodeFilePersistence(dir: string, name: string): StoragePersistence {
  const path = join(dir, `${fileSafeName(name)}.sqlite`);
  return { snapshots: new NodeFileSnapshotStore(path), journal: new NodeFileJournalStore(`${path}.journal`) };
}

// User IDs may hold characters file systems reject; encode them rather than fail or collide.
export function fileSafeName(name: string): string {
  if (name.trim() === "") throw new StorageError("database name must be a non-empty string (e.g. the user ID)");
  return encodeURIComponent(name).replace(/\*/g, "%2A").replace(/^\./, "%2E");
}

export class NodeFileSnapshotStore implements SnapshotStore {
  constructor(readonly location: string) {}

  async load(): Promise<Uint8Array | null> {
    await removeStaleTempFiles(this.location);
    try {
      const buf = await readFile(this.location);
      // Saves are write-temp-then-rename, so an empty file was not written by us: refuse to start from nothing.
      if (buf.byteLength === 0) {
        throw new StorageError(`snapshot ${this.location} is empty (0 bytes), so it cannot be the last saved database; restore it, or delete it to start over from the server`);
      }
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    } catch (err) {
      if (err instanceof StorageError) throw err;
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw new StorageError(`could not read snapshot ${this.location}: ${(err as Error).message}`, undefined, err);
    }
  }

  async save(snapshot: Uint8Array): Promise<void> {
    const dir = dirname(this.location);
    const temp = join(dir, `${tempPrefix(this.location)}${process.pid}.${++tempCounter}.tmp`);
    try {
      await mkdir(dir, { recursive: true });
      const file = await open(temp, "w");
      try {
        await file.writeFile(snapshot);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, this.location);
      await syncDirectory(dir);
    } catch (err) {
      await rm(temp, { force: true }).catch(() => undefined);
      const code = (err as NodeJS.ErrnoException).code;
      throw new StorageError(
        `could not save snapshot to ${this.location}${code ? ` (${code})` : ""}: ${(err as Error).message}; ` +
          "check free disk space and write permission on that directory",
        undefined,
        err,
      );
    }
  }
}

function tempPrefix(location: string): string {
  return `.${basename(location)}.`;
}

/**
 * A save killed before its rename leaves its temp file behind; at load (database open) no save
 * of ours is running, so every such file is garbage. Only the database's own files are touched.
 */
export async function removeStaleTempFiles(location: string): Promise<number> {
  const prefix = tempPrefix(location);
  let names: string[];
  try {
    names = await readdir(dirname(location));
  } catch {
    return 0; // no directory yet: nothing to clean
  }
  const stale = names.filter((name) => name.startsWith(prefix) && name.endsWith(".tmp"));
  await Promise.all(stale.map((name) => rm(join(dirname(location), name), { force: true })));
  return stale.length;
}

/** Makes a rename durable. Some platforms (Windows) cannot open directories; that is not an error there. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, "r");
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "EINVAL" && code !== "EISDIR" && code !== "EPERM") throw err;
  } finally {
    await handle.close();
  }
}
