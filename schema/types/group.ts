/** A group (the official `GroupItem`). */
export interface GroupItem {
  groupID: string;
  groupName: string;
  notification: string;
  notificationUserID: string;
  notificationUpdateTime: number;
  introduction: string;
  faceURL: string;
  ownerUserID: string;
  createTime: number;
  memberCount: number;
  /** 0 ok, 1 banned, 2 dismissed, 3 muted. */
  status: number;
  creatorUserID: string;
  /** 2 (work group) is the only type servers since v3 create. */
  groupType: number;
  /** 0 apply and invite need approval, 1 all need approval, 2 anyone may join. */
  needVerification: number;
  ex: string;
  /** 0 allowed, 1 not allowed. */
  applyMemberFriend: number;
  /** 0 allowed, 1 not allowed. */
  lookMemberInfo: number;
  displayIsRead: boolean;
}

/** The group fields createGroup accepts (the official `Partial<GroupItem>`); unset ones get server defaults. */
export interface CreateGroupInfo {
  /** Empty or absent: the server picks an ID. */
  groupID?: string;
  groupName?: string;
  notification?: string;
  introduction?: string;
  faceURL?: string;
  ex?: string;
  /** Must be 2 when given (the server refuses other types). */
  groupType?: number;
  needVerification?: number;
  applyMemberFriend?: number;
  lookMemberInfo?: number;
}

/** Parameters of createGroup (the official `CreateGroupParams`). */
export interface CreateGroupParams {
  /** Ordinary members besides the owner and the admins. */
  memberUserIDs: string[];
  groupInfo: CreateGroupInfo;
  adminUserIDs?: string[];
  /** Defaults to the logged-in user; the server only accepts the caller. */
  ownerUserID?: string;
}

/** A member of a group (the official `GroupMemberItem`). */
export interface GroupMemberItem {
  groupID: string;
  userID: string;
  nickname: string;
  faceURL: string;
  /** 100 owner, 60 admin, 20 member. */
  roleLevel: number;
  muteEndTime: number;
  joinTime: number;
  /** 2 invited, 3 searched, 4 QR code. */
  joinSource: number;
  inviterUserID: string;
  operatorUserID: string;
  ex: string;
}

/** Which members of a group to look up (the official `Omit<AccessToGroupParams, 'reason'>`). */
export interface GroupMembersQuery {
  groupID: string;
  userIDList: string[];
}
