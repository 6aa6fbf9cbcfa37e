// Registered users.
import type { Db } from "./database.js";

export interface UserRow {
  userID: string;
  nickname: string;
  faceURL: string;
  ex: string;
  createTime: number;
  appMangerLevel: number;
  globalRecvMsgOpt: number;
}

interface Raw {
  user_id: string;
  nickname: string;
  face_url: string;
  ex: string;
  create_time: number;
  app_manger_level: number;
  global_recv_msg_opt: number;
}

const fromRaw = (r: Raw): UserRow => ({
  userID: r.user_id,
  nickname: r.nickname,
  faceURL: r.face_url,
  ex: r.ex,
  createTime: r.create_time,
  appMangerLevel: r.app_manger_level,
  globalRecvMsgOpt: r.global_recv_msg_opt,
});

export class UserStore {
  private readonly getStmt;
  private readonly insertStmt;
  constructor(private readonly db: Db) {
    this.getStmt = db.prepare<[string], Raw>("SELECT * FROM users WHERE user_id = ?");
    this.insertStmt = db.prepare(
      "INSERT INTO users (user_id, nickname, face_url, ex, create_time, app_manger_level, global_recv_msg_opt) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
  }

  get(userID: string): UserRow | undefined {
    const r = this.getStmt.get(userID);
    return r ? fromRaw(r) : undefined;
  }

  exists(userID: string): boolean {
    return this.getStmt.get(userID) !== undefined;
  }

  /** Users in the order asked; unknown IDs are left out (as OpenIM's get_users_info does). */
  getMany(userIDs: readonly string[]): UserRow[] {
    const out: UserRow[] = [];
    for (const id of userIDs) {
      const u = this.get(id);
      if (u) out.push(u);
    }
    return out;
  }

  insertMany(users: readonly UserRow[]): void {
    this.db.transaction(() => {
      for (const u of users) {
        this.insertStmt.run(u.userID, u.nickname, u.faceURL, u.ex, u.createTime, u.appMangerLevel, u.globalRecvMsgOpt);
      }
    })();
  }

  /** Sets the given columns; fields left undefined keep their value. */
  update(userID: string, patch: Partial<Pick<UserRow, "nickname" | "faceURL" | "ex" | "globalRecvMsgOpt">>): void {
    const cols: string[] = [];
    const vals: (string | number)[] = [];
    const map = { nickname: "nickname", faceURL: "face_url", ex: "ex", globalRecvMsgOpt: "global_recv_msg_opt" } as const;
    for (const k of Object.keys(map) as (keyof typeof map)[]) {
      const v = patch[k];
      if (v !== undefined) {
        cols.push(`${map[k]} = ?`);
        vals.push(v);
      }
    }
    if (cols.length === 0) return;
    this.db.prepare(`UPDATE users SET ${cols.join(", ")} WHERE user_id = ?`).run(...vals, userID);
  }
}
