/** Conversation kind (official `SessionType`). */
export enum SessionType {
  Single = 1,
  Group = 3,
  Notification = 4,
}

/** Delivery state of a message (official `MessageStatus`). */
export enum MessageStatus {
  Sending = 1,
  Succeed = 2,
  Failed = 3,
}

/** Who produced a message: a user (100) or the system (200). */
export type MsgFrom = 100 | 200;

/** Push payload attached to a sent message. */
export interface OfflinePush {
  title: string;
  desc: string;
  ex: string;
  iOSPushSound: string;
  iOSBadgeCount: boolean;
}

export interface TextElem {
  content: string;
}

export interface CustomElem {
  data: string;
  description: string;
  extension: string;
}

/** Read receipts and flags kept beside a message. */
export interface AttachedInfoElem {
  isPrivateChat: boolean;
  burnDuration: number;
  hasReadTime: number;
}

/** A message as apps see it (subset of the official `MessageItem`; elements grow with the message module). */
export interface MessageItem {
  clientMsgID: string;
  serverMsgID: string;
  createTime: number;
  sendTime: number;
  sessionType: SessionType;
  sendID: string;
  recvID: string;
  msgFrom: MsgFrom;
  contentType: number;
  senderPlatformID: number;
  senderNickname: string;
  senderFaceUrl: string;
  groupID: string;
  /** The element as JSON text, as the Go SDK stores it. */
  content: string;
  seq: number;
  isRead: boolean;
  status: MessageStatus;
  offlinePush?: OfflinePush;
  ex?: string;
  localEx?: string;
  textElem?: TextElem;
  customElem?: CustomElem;
  attachedInfoElem?: AttachedInfoElem;
}
