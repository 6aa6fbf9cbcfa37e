// Version log for incremental conversation sync (§5.7): a 24-hex versionID per user, a counter,
// and per conversation the version it last changed at (and when it first appeared).
import { randomBytes } from "node:crypto";
import type { Db } from "./database.js";

export interface VersionChanges {
  version: number;
  versionID: string;
  full: boolean;
  inserted: string[];
  updated: string[];
  deleted: string[];
}

/** More changes than this since the client's version → full resync (OpenIM's limit). */
const MAX_CHANGES = 200;

export class VersionStore {
  private readonly getStmt;
  private readonly putStmt;
  private readonly logStmt;
  private readonly sinceStmt;
  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { version_id: string; version: number }>("SELECT version_id, version FROM conversation_versions WHERE user_id = ?");
    this.putStmt = db.prepare(
      "INSERT INTO conversation_versions (user_id, version_id, version) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET version = excluded.version",
    );
    this.logStmt = db.prepare(
      `INSERT INTO conversation_version_log (user_id, conversation_id, version, deleted, insert_version) VALUES (@user, @cid, @version, @deleted, @version)
       ON CONFLICT (user_id, conversation_id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted`,
    );
    this.sinceStmt = db.prepare<[string, number], { conversation_id: string; deleted: number; insert_version: number }>(
      "SELECT conversation_id, deleted, insert_version FROM conversation_version_log WHERE user_id = ? AND version > ? ORDER BY version, conversation_id",
    );
  }

  current(userID: string): { versionID: string; version: number } {
    const r = this.getStmt.get(userID);
    if (r) return { versionID: r.version_id, version: r.version };
    const versionID = randomBytes(12).toString("hex");
    this.putStmt.run(userID, versionID, 0);
    return { versionID, version: 0 };
  }

  /** Records that these conversations changed (or were removed) for the user: one new version. */
  bump(userID: string, conversationIDs: readonly string[], deleted = false): number {
    if (conversationIDs.length === 0) return this.current(userID).version;
    const cur = this.current(userID);
    const version = cur.version + 1;
    this.putStmt.run(userID, cur.versionID, version);
    for (const id of conversationIDs) this.logStmt.run({ user: userID, cid: id, version, deleted: deleted ? 1 : 0 });
    return version;
  }

  changesSince(userID: string, versionID: string, version: number): VersionChanges {
    const cur = this.current(userID);
    const base = { version: cur.version, versionID: cur.versionID, inserted: [], updated: [], deleted: [] };
    if (version <= 0 || versionID !== cur.versionID || version > cur.version) return { ...base, full: true };
    if (version === cur.version) return { ...base, full: false };
    const rows = this.sinceStmt.all(userID, version);
    if (rows.length > MAX_CHANGES) return { ...base, full: true };
    const out: VersionChanges = { ...base, full: false, inserted: [], updated: [], deleted: [] };
    for (const r of rows) {
      if (r.deleted) out.deleted.push(r.conversation_id);
      else if (r.insert_version > version) out.inserted.push(r.conversation_id);
      else out.updated.push(r.conversation_id);
    }
    return out;
  }
}
