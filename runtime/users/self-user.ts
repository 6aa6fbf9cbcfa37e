// The logged-in user's own profile: fetched at every connect (a sync step, first of all so the
// sender name of new messages is current) and put into the user cache, replacing what it held —
// a profile changed elsewhere reaches this device's names at the next connect.
import type { SelfUserInfo } from "../../generated/types/index.js";
import { ErrCode, SdkError } from "../contracts/errors.js";
import { cacheFor, userRow } from "../cache/cache.js";
import type { Session } from "../session/session.js";

export function registerSelfUserSync(session: Session): void {
  session.sync.register({ name: "self-user", order: 10, run: () => fetchSelf(session).then(() => undefined) });
}

export async function fetchSelf(session: Session): Promise<SelfUserInfo> {
  const resp = await session.http.call("/user/get_users_info", { userIDs: [session.userID] });
  const me = resp.usersInfo.find((u) => u.userID === session.userID);
  if (!me) throw new SdkError(ErrCode.UserIDNotFound, `the server does not know the logged-in user ${session.userID}`);
  const row = userRow(me);
  cacheFor(session).users.replace([row]);
  return selfInfo(row);
}

export function selfInfo(row: ReturnType<typeof userRow>): SelfUserInfo {
  return { userID: row.userID, nickname: row.nickname, faceURL: row.faceURL, createTime: row.createTime, ex: row.ex, globalRecvMsgOpt: row.globalRecvMsgOpt };
}
