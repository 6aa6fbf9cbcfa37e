/**
 * Profiles of users this device has looked up (the logged-in user included), so names and faces
 * survive a restart without asking the server. Rows are replaced whenever the server is asked again.
 * @table local_users
 */
export interface LocalUser {
  /** @primaryKey */
  userID: string;
  /** @default '' */
  nickname: string;
  /** @default '' */
  faceURL: string;
  /** @default '' */
  ex: string;
  /** @default 0 */
  createTime: number;
  /** @default 0 */
  globalRecvMsgOpt: 0 | 1 | 2;
}
