// The few admin calls the demo needs (register users, mint tokens), over plain HTTP like any
// OpenIM deployment tool would make them.
export interface AdminApi {
  register(userID: string, nickname: string): Promise<void>;
  userToken(userID: string, platformID: number): Promise<string>;
}

const RegisteredAlready = 1102;

export async function adminApi(apiAddr: string, secret: string): Promise<AdminApi> {
  let n = 0;
  const call = async (path: string, body: unknown, token?: string): Promise<{ errCode: number; errMsg: string; errDlt?: string; data?: any }> => {
    const res = await fetch(apiAddr + path, {
      method: "POST",
      headers: { "Content-Type": "application/json", operationID: `demo-${Date.now()}-${++n}`, ...(token ? { token } : {}) },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { errCode: number; errMsg: string; data?: any };
  };
  const admin = await call("/auth/get_admin_token", { secret, userID: "imAdmin" });
  if (admin.errCode !== 0) throw new Error(`admin token refused: ${admin.errCode} ${admin.errMsg}`);
  const token = admin.data.token as string;
  return {
    async register(userID, nickname) {
      const r = await call("/user/user_register", { users: [{ userID, nickname, faceURL: "" }] }, token);
      if (r.errCode !== 0 && r.errCode !== RegisteredAlready) throw new Error(`registering ${userID}: ${r.errCode} ${r.errMsg}`);
    },
    async userToken(userID, platformID) {
      const r = await call("/auth/get_user_token", { userID, platformID }, token);
      if (r.errCode !== 0) throw new Error(`token for ${userID}: ${r.errCode} ${r.errMsg}`);
      return r.data.token as string;
    },
  };
}
