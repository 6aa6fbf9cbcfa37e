// Server-side account chores an app's backend does against OpenIM's HTTP API (the devserver
// speaks the same routes): an admin token, user registration, and user tokens for the SDK.
import { randomBytes } from "node:crypto";

/** OpenIM's "already registered" code: a rerun on the same data sees it and carries on. */
const REGISTERED_ALREADY = 1102;

interface Envelope {
  errCode: number;
  errMsg: string;
  errDlt?: string;
  data?: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly route: string,
    readonly errCode: number,
    detail: string,
  ) {
    super(`${route} failed with errCode ${errCode}: ${detail}`);
  }
}

export interface DemoUser {
  userID: string;
  nickname: string;
}

export class Accounts {
  private constructor(
    private readonly apiAddr: string,
    private readonly adminToken: string,
  ) {}

  /** Logs the backend in as admin with the server's admin secret. */
  static async connect(apiAddr: string, secret: string, adminUserID: string): Promise<Accounts> {
    const data = (await call(apiAddr, "/auth/get_admin_token", { secret, userID: adminUserID })) as { token: string };
    return new Accounts(apiAddr, data.token);
  }

  get admin(): string {
    return this.adminToken;
  }

  /** Registers each user; one already registered (a rerun on kept data) is not an error. Returns the new ones. */
  async register(users: DemoUser[]): Promise<string[]> {
    const created: string[] = [];
    for (const u of users) {
      try {
        await call(this.apiAddr, "/user/user_register", { users: [{ userID: u.userID, nickname: u.nickname, faceURL: "" }] }, this.adminToken);
        created.push(u.userID);
      } catch (err) {
        if (!(err instanceof ApiError && err.errCode === REGISTERED_ALREADY)) throw err;
      }
    }
    return created;
  }

  /** A token the SDK logs in with; it is bound to one platform (5 = Web, what the Node binding reports). */
  async userToken(userID: string, platformID: number): Promise<string> {
    const data = (await call(this.apiAddr, "/auth/get_user_token", { userID, platformID }, this.adminToken)) as { token: string };
    return data.token;
  }
}

async function call(apiAddr: string, route: string, body: unknown, token?: string): Promise<unknown> {
  const res = await fetch(apiAddr + route, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      // OpenIM requires an operationID on every request; it ties server logs to this call.
      operationID: `demo_${randomBytes(6).toString("hex")}`,
      ...(token ? { token } : {}),
    },
    body: JSON.stringify(body),
  });
  const env = (await res.json()) as Envelope;
  if (env.errCode !== 0) throw new ApiError(route, env.errCode, `${env.errMsg}${env.errDlt ? ` (${env.errDlt})` : ""}`);
  return env.data;
}
