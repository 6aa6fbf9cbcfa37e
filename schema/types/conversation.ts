import type { SessionType } from "./message.js";

/** Receive option of a conversation: 0 receive, 1 do not receive, 2 receive without notification. */
export type MessageReceiveOpt = 0 | 1 | 2;

/** Mention state of a group conversation: 0 none, 1 mentions me, 2 mentions all, 3 both. */
export type GroupAtType = 0 | 1 | 2 | 3;

/** A conversation as apps see it (the official `ConversationItem`). */
export interface ConversationItem {
  conversationID: string;
  conversationType: SessionType;
  userID: string;
  groupID: string;
  showName: string;
  faceURL: string;
  recvMsgOpt: MessageReceiveOpt;
  unreadCount: number;
  groupAtType: GroupAtType;
  /** The latest message as JSON text of a MessageItem. */
  latestMsg: string;
  latestMsgSendTime: number;
  draftText: string;
  draftTextTime: number;
  burnDuration: number;
  msgDestructTime: number;
  isPinned: boolean;
  isNotInGroup: boolean;
  isPrivateChat: boolean;
  isMsgDestruct: boolean;
  isMarked: boolean;
  attachedInfo: string;
  ex?: string;
  remark?: string;
}

/** getOneConversation / getConversationIDBySessionType: the peer's userID (single) or the groupID (group). */
export interface GetOneConversationParams {
  sourceID: string;
  sessionType: SessionType;
}

export interface SplitConversationParams {
  offset: number;
  count: number;
}

export interface SetConversationDraftParams {
  conversationID: string;
  draftText: string;
}

/** setConversation (official `SetConversationParams`): only the fields given change. */
export interface SetConversationParams {
  conversationID: string;
  recvMsgOpt?: MessageReceiveOpt;
  groupAtType?: GroupAtType;
  burnDuration?: number;
  msgDestructTime?: number;
  isPinned?: boolean;
  isPrivateChat?: boolean;
  isMsgDestruct?: boolean;
  ex?: string;
}

export interface SetConversationPinParams {
  conversationID: string;
  isPinned: boolean;
}

export interface SetConversationRecvOptParams {
  conversationID: string;
  opt: MessageReceiveOpt;
}

export interface SetConversationPrivateStateParams {
  conversationID: string;
  isPrivate: boolean;
}

export interface SetBurnDurationParams {
  conversationID: string;
  burnDuration: number;
}

export interface SetConversationExParams {
  conversationID: string;
  ex: string;
}
