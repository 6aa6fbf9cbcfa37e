import type { AttachedInfoElem, MessageStatus, MsgFrom, SessionType } from "../types/message.js";

/**
 * Every message of every conversation, in ONE table keyed by clientMsgID. Ordered per
 * conversation by seq (index conv_seq); sending messages have seq 0 until the server acks.
 * @table chat_logs
 * @index conv_seq(conversationID, seq)
 * @index conv_send_time(conversationID, sendTime)
 * @query historyBefore(conversationID: string, beforeSeq: number, limit: number): LocalChatLog[]
 *   SELECT * FROM chat_logs WHERE conversation_id = :conversationID AND seq < :beforeSeq AND seq > 0
 *   ORDER BY seq DESC LIMIT :limit
 * @query historyAfter(conversationID: string, afterSeq: number, limit: number): LocalChatLog[]
 *   SELECT * FROM chat_logs WHERE conversation_id = :conversationID AND seq > :afterSeq
 *   ORDER BY seq ASC LIMIT :limit
 * @query bySeq(conversationID: string, seq: number): LocalChatLog | undefined
 *   SELECT * FROM chat_logs WHERE conversation_id = :conversationID AND seq = :seq
 * @query maxSeq(conversationID: string): number
 *   SELECT coalesce(max(seq), 0) AS max_seq FROM chat_logs WHERE conversation_id = :conversationID
 * @query maxSeqPerConversation(): ConversationMaxSeq[]
 *   SELECT conversation_id, max(seq) AS max_seq FROM chat_logs GROUP BY conversation_id ORDER BY conversation_id
 * @query countUnread(conversationID: string, selfID: string): number
 *   SELECT count(*) AS n FROM chat_logs WHERE conversation_id = :conversationID AND is_read = 0 AND send_id != :selfID
 * @query markAllRead(conversationID: string): void
 *   UPDATE chat_logs SET is_read = 1 WHERE conversation_id = :conversationID AND is_read = 0
 * @query deleteConversation(conversationID: string): void
 *   DELETE FROM chat_logs WHERE conversation_id = :conversationID
 */
export interface LocalChatLog {
  /** @primaryKey */
  clientMsgID: string;
  conversationID: string;
  /** @default '' */
  serverMsgID: string;
  sendID: string;
  recvID: string;
  senderPlatformID: number;
  /** @default '' */
  senderNickname: string;
  /** @default '' */
  senderFaceUrl: string;
  sessionType: SessionType;
  msgFrom: MsgFrom;
  contentType: number;
  /** The element as JSON text. */
  content: string;
  /** @default false */
  isRead: boolean;
  status: MessageStatus;
  /** @default 0 */
  seq: number;
  sendTime: number;
  createTime: number;
  /** @json */
  attachedInfo?: AttachedInfoElem;
  ex?: string;
  localEx?: string;
}

/** Row of maxSeqPerConversation. */
export interface ConversationMaxSeq {
  conversationID: string;
  maxSeq: number;
}
