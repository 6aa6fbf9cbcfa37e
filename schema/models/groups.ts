/**
 * The groups the logged-in user belongs to, kept by the joined-group version sync.
 * @table local_groups
 * @query all(): LocalGroup[]
 *   SELECT * FROM local_groups ORDER BY create_time, group_id
 * @query deleteAll(): void
 *   DELETE FROM local_groups
 */
export interface LocalGroup {
  /** @primaryKey */
  groupID: string;
  /** @default '' */
  groupName: string;
  /** @default '' */
  notification: string;
  /** @default '' */
  notificationUserID: string;
  /** @default 0 */
  notificationUpdateTime: number;
  /** @default '' */
  introduction: string;
  /** @default '' */
  faceURL: string;
  /** @default '' */
  ownerUserID: string;
  /** @default 0 */
  createTime: number;
  /** @default 0 */
  memberCount: number;
  /** @default 0 */
  status: number;
  /** @default '' */
  creatorUserID: string;
  /** @default 2 */
  groupType: number;
  /** @default 0 */
  needVerification: number;
  /** @default '' */
  ex: string;
  /** @default 0 */
  applyMemberFriend: number;
  /** @default 0 */
  lookMemberInfo: number;
  /** @default false */
  displayIsRead: boolean;
}
