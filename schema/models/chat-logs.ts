import type { MsgFrom, SessionType } from "../types/message.js";

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
 * @query markReceivedRead(conversationID: string, selfID: string): void
 *   UPDATE chat_logs SET is_read = 1 WHERE conversation_id = :conversationID AND is_read = 0 AND send_id != :selfID
 * @query markReceivedReadUpTo(conversationID: string, selfID: string, seq: number): void
 *   UPDATE chat_logs SET is_read = 1 WHERE conversation_id = :conversationID AND is_read = 0 AND send_id != :selfID
 *   AND seq > 0 AND seq <= :seq
 * @query quoting(conversationID: string, clientMsgID: string): LocalChatLog[]
 *   SELECT * FROM chat_logs WHERE conversation_id = :conversationID AND content_type IN (106, 114)
 *   AND instr(content, :clientMsgID) > 0
 * @query searchText(conversationID: string, pattern: string, fromTime: number, toTime: number): LocalChatLog[]
 *   SELECT * FROM chat_logs WHERE (:conversationID = '' OR conversation_id = :conversationID) AND status < 4
 *   AND send_time BETWEEN :fromTime AND :toTime
 *   AND coalesce(json_extract(content, '$.content'), json_extract(content, '$.text'), '') LIKE :pattern ESCAPE '\'
 *   ORDER BY send_time DESC, seq DESC
 * @query markConversationDeleted(conversationID: string): void
 *   UPDATE chat_logs SET status = 4 WHERE conversation_id = :conversationID AND status < 4
 * @query markAllDeleted(): void
 *   UPDATE chat_logs SET status = 4 WHERE status < 4
 * @query deleteConversation(conversationID: string): void
 *   DELETE FROM chat_logs WHERE conversation_id = :conversationID
 * @query pageBefore(conversationID: string, sendTime: number, seq: number, clientMsgID: string, limit: number): LocalChatLog[]
 *   SELECT * FROM chat_logs WHERE conversation_id = :conversationID
 *   AND (send_time, seq, client_msg_id) < (:sendTime, :seq, :clientMsgID)
 *   ORDER BY send_time DESC, seq DESC, client_msg_id DESC LIMIT :limit
 * @query pageAfter(conversationID: string, sendTime: number, seq: number, clientMsgID: string, limit: number): LocalChatLog[]
 *   SELECT * FROM chat_logs WHERE conversation_id = :conversationID
 *   AND (send_time, seq, client_msg_id) > (:sendTime, :seq, :clientMsgID)
 *   ORDER BY send_time ASC, seq ASC, client_msg_id ASC LIMIT :limit
 * @query latestShown(conversationID: string): LocalChatLog | undefined
 *   SELECT * FROM chat_logs WHERE conversation_id = :conversationID AND status < 4
 *   ORDER BY send_time DESC, seq DESC, client_msg_id DESC LIMIT 1
 * @query unreadFromOthers(conversationID: string, selfID: string): LocalChatLog[]
 *   SELECT * FROM chat_logs WHERE conversation_id = :conversationID AND is_read = 0 AND send_id != :selfID AND seq > 0
 *   ORDER BY seq
 * @query countUnreadAfter(conversationID: string, selfID: string, afterSeq: number): number
 *   SELECT count(*) AS n FROM chat_logs WHERE conversation_id = :conversationID AND is_read = 0
 *   AND send_id != :selfID AND seq > :afterSeq AND status < 4 AND content_type != 2101
 * @query countRevokedFromOthers(conversationID: string, selfID: string, fromSeq: number, toSeq: number): number
 *   SELECT count(*) AS n FROM chat_logs WHERE conversation_id = :conversationID AND send_id != :selfID
 *   AND content_type = 2101 AND seq BETWEEN :fromSeq AND :toSeq
 * @query bySeqs(conversationID: string, fromSeq: number, toSeq: number): LocalChatLog[]
 *   SELECT * FROM chat_logs WHERE conversation_id = :conversationID AND seq BETWEEN :fromSeq AND :toSeq ORDER BY seq
 * @query seqStates(conversationID: string, fromSeq: number, toSeq: number): ChatLogSeqState[]
 *   SELECT seq, status FROM chat_logs WHERE conversation_id = :conversationID AND seq BETWEEN :fromSeq AND :toSeq ORDER BY seq
 * @query markReadBySeqs(conversationID: string, fromSeq: number, toSeq: number, senderID: string, readTime: number): void
 *   UPDATE chat_logs SET is_read = 1,
 *   attached_info = json_set(coalesce(attached_info, json_object('isPrivateChat', json('false'), 'burnDuration', 0, 'hasReadTime', 0)), '$.hasReadTime', :readTime)
 *   WHERE conversation_id = :conversationID AND seq BETWEEN :fromSeq AND :toSeq AND send_id = :senderID AND is_read = 0
 */
export interface LocalChatLog {
  /** @primaryKey */
  clientMsgID: string;
  conversationID: string;
  /** @default '' */
  serverMsgID: string;
  sendID: string;
  recvID: string;
  /** @default '' */
  groupID: string;
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
  /** 1 sending, 2 sent, 3 failed, 4 deleted or a placeholder for a seq the server has no message for, 5 filtered. */
  status: number;
  /** @default 0 */
  seq: number;
  sendTime: number;
  createTime: number;
  /** @json */
  attachedInfo?: ChatLogAttachedInfo;
  ex?: string;
  localEx?: string;
}

/** Read state kept beside a stored message (JSON column). */
export interface ChatLogAttachedInfo {
  isPrivateChat: boolean;
  burnDuration: number;
  hasReadTime: number;
}

/** Row of maxSeqPerConversation. */
export interface ConversationMaxSeq {
  conversationID: string;
  maxSeq: number;
}

/** Row of seqStates: which seqs of a range are stored, and whether each is shown (status < 4), without reading the messages. */
export interface ChatLogSeqState {
  seq: number;
  status: number;
}
