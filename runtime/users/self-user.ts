// The logged-in user's own profile: fetched at every connect (a sync step, first of all so the
// sender name of new messages is current) and put into the user cache, replacing what it held —
// a profile changed elsewhere while offline reaches this device at the next connect (online, the
// 1303 notification refreshes it at once).
import type { LocalUser, SelfUserInfo } from "../../generated/types/index.js";
import { ErrCode, SdkError } from "../contracts/errors.js";
import { cacheFor } from "../cache/cache.js";
import type { Session } from "../session/session.js";

export function registerSelfUserSync(session: Session): void {
  session.sync.register({ name: "self-user", order: 10, run: () => fetchSelf(session).then(() => undefined) });
}

export async function fetchSelf(session: Session): Promise<SelfUserInfo> {
  const me = (await cacheFor(session).users.refresh([session.userID])).get(session.userID);
  if (!me) throw new SdkError(ErrCode.UserIDNotFound, `the server does not know the logged-in user ${session.userID}`);
  return selfInfo(me);
}

export function selfInfo(row: LocalUser): SelfUserInfo {
  return { userID: row.userID, nickname: row.nickname, faceURL: row.faceURL, createTime: row.createTime, ex: row.ex, globalRecvMsgOpt: row.globalRecvMsgOpt };
}
