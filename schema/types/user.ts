/** Another user's public profile (the official `PublicUserItem`). */
export interface PublicUserItem {
  userID: string;
  nickname: string;
  faceURL: string;
  ex: string;
}

/** The logged-in user's own profile (the official `SelfUserInfo`). */
export interface SelfUserInfo {
  userID: string;
  nickname: string;
  faceURL: string;
  createTime: number;
  ex: string;
  /** 0 receive, 1 do not receive, 2 receive without notification. */
  globalRecvMsgOpt: 0 | 1 | 2;
}
