// Bodies of the routes whose JSON is not a proto message (the server binds them to Go structs
// of its own). Copied verbatim into generated/protocol/json-types.ts.

/** Content of an /msg/send_msg offline push, as in sdkws.OfflinePushInfo. */
export interface ApiOfflinePushInfo {
  title: string;
  desc: string;
  ex: string;
  iOSPushSound: string;
  iOSBadgeCount: boolean;
  signalInfo: string;
}

/**
 * /msg/send_msg (admin): the server's apistruct.SendMsgReq. `content` is the element object itself
 * (e.g. {"content": "hi"} for text), not a JSON string. Only content types 101-106, 110 and 1400 are accepted.
 */
export interface ApiSendMsgReq {
  sendID: string;
  /** Required for sessionType 1 and 4. */
  recvID?: string;
  /** Required for sessionType 3. */
  groupID?: string;
  senderNickname?: string;
  senderFaceURL?: string;
  senderPlatformID?: number;
  content: Record<string, unknown>;
  contentType: number;
  sessionType: number;
  isOnlineOnly?: boolean;
  notOfflinePush?: boolean;
  /** ms; 0 lets the server use its clock. */
  sendTime?: number;
  offlinePushInfo?: ApiOfflinePushInfo | null;
  ex?: string;
}

/** One connection of a user, in /user/get_users_online_status. */
export interface ApiPlatformStatus {
  platformID: number;
  connID: string;
  isBackground: boolean;
  token: string;
}

/** /user/get_users_online_status returns an array of these as `data`. */
export interface ApiUserOnlineStatus {
  userID: string;
  /** 1 online, 0 offline. */
  status: number;
  /** null when offline. */
  detailPlatformStatus: ApiPlatformStatus[] | null;
}
