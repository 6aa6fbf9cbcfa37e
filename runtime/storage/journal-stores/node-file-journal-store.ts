// Journal in an append-only file (`<db>.journal`). Appends are synchronous write + fdatasync so
// the caller's promise settles only after the record is on disk. A failed write is cut back to
// the last intact frame, so one failure never hides later records behind a torn frame.
import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  renameSync,
  statSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { StorageError } from "../../contracts/storage.js";
import { encodeFrame, parseFrames, type JournalRecord } from "./journal-frame.js";
import type { JournalReadResult, JournalStore } from "./journal-store.js";
import { OwnerLock } from "./owner-lock.js";

export class NodeFileJournalStore implements JournalStore {
  private fd: number | null = null;
  // Length of the intact prefix; writes are positional at this offset, so a failed append's
  // leftovers are overwritten by the next one even if cutting them off failed.
  private size = -1;
  private lastSeq = 0;

  private readonly lock: OwnerLock;

  constructor(readonly location: string) {
    this.lock = new OwnerLock(`${location}.lock`);
  }

  async readAll(): Promise<JournalReadResult> {
    this.closeFd();
    try {
      mkdirSync(dirname(this.location), { recursive: true });
    } catch (err) {
      throw this.failure("create the folder of", err);
    }
    this.lock.acquire();
    this.removeStaleRewrite();
    let bytes: Uint8Array;
    if (existsSync(this.location) && !statSync(this.location).isFile()) {
      throw new StorageError(`journal ${this.location} is not a regular file; point the database at a directory of plain files`);
    }
    try {
      bytes = existsSync(this.location) ? readFileSync(this.location) : new Uint8Array(0);
    } catch (err) {
      throw this.failure("read", err);
    }
    const parsed = parseFrames(bytes);
    this.openForAppend();
    this.size = parsed.validBytes;
    if (parsed.droppedBytes > 0) this.cutTo(parsed.validBytes);
    this.lastSeq = parsed.records.at(-1)?.seq ?? 0;
    return { records: parsed.records, droppedBytes: parsed.droppedBytes };
  }

  appendSync(record: JournalRecord): void {
    const fd = this.fd ?? this.openForAppend();
    const frame = encodeFrame(record);
    try {
      writeFully(fd, frame, this.size);
      fdatasyncSync(fd);
    } catch (err) {
      try {
        this.cutTo(this.size);
      } catch {
        /* the next append overwrites the leftovers at the same offset */
      }
      throw this.failure("append to", err);
    }
    this.size += frame.length;
    this.lastSeq = record.seq;
  }

  async append(record: JournalRecord): Promise<void> {
    this.appendSync(record);
  }

  async truncateThrough(seq: number): Promise<void> {
    if (this.fd === null) this.openForAppend();
    if (seq >= this.lastSeq) {
      this.cutTo(0);
      this.size = 0;
      return;
    }
    // Records newer than the snapshot remain: rewrite the file with only those, atomically.
    const parsed = parseFrames(readFileSync(this.location).subarray(0, this.size));
    const keep = parsed.records.filter((r) => r.seq > seq).map(encodeFrame);
    const temp = join(dirname(this.location), `.${basename(this.location)}.${process.pid}.tmp`);
    try {
      const fd = openSync(temp, "w");
      try {
        let offset = 0;
        for (const frame of keep) {
          writeFully(fd, frame, offset);
          offset += frame.length;
        }
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      this.closeFd();
      renameSync(temp, this.location);
      syncDir(dirname(this.location));
    } catch (err) {
      throw this.failure("rewrite", err);
    }
    this.size = keep.reduce((n, f) => n + f.length, 0);
    this.openForAppend();
  }

  async close(): Promise<void> {
    this.closeFd();
    this.lock.release();
  }

  private openForAppend(): number {
    try {
      mkdirSync(dirname(this.location), { recursive: true });
      const created = !existsSync(this.location);
      // r+ (not "a") so a cut-back tail can be overwritten at a known offset.
      this.fd = openSync(this.location, created ? "w+" : "r+");
      if (created) syncDir(dirname(this.location));
      if (this.size < 0) this.size = fstatSync(this.fd).size;
      return this.fd;
    } catch (err) {
      throw this.failure("open", err);
    }
  }

  // A rewrite killed before its rename leaves a temp file; at open none of ours is in progress.
  private removeStaleRewrite(): void {
    const prefix = `.${basename(this.location)}.`;
    let names: string[] = [];
    try {
      names = readdirSync(dirname(this.location));
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith(prefix) && name.endsWith(".tmp")) rmSync(join(dirname(this.location), name), { force: true });
    }
  }

  private cutTo(length: number): void {
    if (this.fd === null) return;
    ftruncateSync(this.fd, length);
    fsyncSync(this.fd);
  }

  private closeFd(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private failure(action: string, err: unknown): StorageError {
    const code = (err as NodeJS.ErrnoException).code;
    return new StorageError(
      `could not ${action} journal ${this.location}${code ? ` (${code})` : ""}: ${(err as Error).message}; ` +
        "check free disk space and write permission — the write was not made durable",
      undefined,
      err,
    );
  }
}

function writeFully(fd: number, bytes: Uint8Array, position: number): void {
  let written = 0;
  while (written < bytes.length) {
    written += writeSync(fd, bytes, written, bytes.length - written, position + written);
  }
}

function syncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, "r");
  } catch {
    return; // platforms that cannot open directories (Windows) need no directory sync
  }
  try {
    fsyncSync(fd);
  } catch {
    /* EINVAL on some filesystems: nothing more we can do */
  } finally {
    closeSync(fd);
  }
}
