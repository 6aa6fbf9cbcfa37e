// Conversation rows: the public ConversationItem view and the updates messages make to a row.
import type { ConversationItem, LocalChatLog, LocalConversation, MessageItem } from "../../generated/types/index.js";
import { SessionType } from "../../generated/types/index.js";
import type { NameAndFace } from "../cache/user-cache.js";
import { peerOf } from "../messages/ids.js";

export function itemFromConversation(row: LocalConversation): ConversationItem {
  const { maxSeq: _max, minSeq: _min, ...item } = row;
  return item;
}

/** An empty, hidden row (latestMsgSendTime 0) for a conversationID. */
export function emptyConversation(conversationID: string, selfID: string): LocalConversation {
  const type = conversationID.startsWith("sg_") ? SessionType.Group : conversationID.startsWith("sn_") ? SessionType.Notification : SessionType.Single;
  return {
    conversationID,
    conversationType: type,
    userID: type === SessionType.Group || conversationID.startsWith("n_") ? "" : peerOf(conversationID, selfID),
    groupID: type === SessionType.Group ? conversationID.slice(3) : "",
    showName: type === SessionType.Single && !conversationID.startsWith("n_") ? peerOf(conversationID, selfID) : "",
    faceURL: "",
    recvMsgOpt: 0,
    unreadCount: 0,
    groupAtType: 0,
    latestMsg: "",
    latestMsgSendTime: 0,
    draftText: "",
    draftTextTime: 0,
    burnDuration: 30,
    msgDestructTime: 604800,
    isPinned: false,
    isNotInGroup: false,
    isPrivateChat: false,
    isMsgDestruct: false,
    isMarked: false,
    attachedInfo: "",
    maxSeq: 0,
    minSeq: 0,
  };
}

/** Makes `message` the row's latest message when it is at least as new as the current one. */
export function withLatest(row: LocalConversation, message: MessageItem): LocalConversation {
  return withNewest(row, [message]);
}

/** withLatest with each of `messages` in turn, serialising only the one that stays (a batch). */
export function withNewest(row: LocalConversation, messages: readonly MessageItem[]): LocalConversation {
  let kept: MessageItem | undefined;
  let time = row.latestMsgSendTime;
  for (const message of messages) {
    if (message.sendTime < time) {
      // An older message may still be the same one as the latest (status/seq update).
      const current = kept ?? (row.latestMsg ? (JSON.parse(row.latestMsg) as MessageItem) : undefined);
      if (current?.clientMsgID !== message.clientMsgID) continue;
    }
    kept = message;
    time = Math.max(message.sendTime, 1);
  }
  return kept ? { ...row, latestMsg: JSON.stringify(kept), latestMsgSendTime: time } : row;
}

/**
 * The peer's name and face from a message they sent (single chats show the peer). `known`, the
 * peer's cached profile, wins over the message's copy: a pulled message carries the name it was
 * sent with, the cache the newest one (the friend sync, or the newest message of the batch).
 */
export function withPeerProfile(row: LocalConversation, message: LocalChatLog, selfID: string, known?: NameAndFace): LocalConversation {
  if (row.conversationType !== SessionType.Single || message.sendID === selfID) return row;
  const showName = known?.nickname || message.senderNickname || row.showName || message.sendID;
  const faceURL = known ? known.faceURL : message.senderFaceUrl || row.faceURL;
  return showName === row.showName && faceURL === row.faceURL ? row : { ...row, showName, faceURL };
}
