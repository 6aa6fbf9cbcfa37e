import type { SessionType } from "../types/message.js";
import type { GroupAtType, MessageReceiveOpt } from "../types/conversation.js";

/**
 * The conversation list. `latestMsgSendTime = 0` hides a conversation; maxSeq/minSeq are kept
 * here rather than scanned from chat_logs (see architecture.md, measured hints).
 * @table local_conversations
 * @index latest_msg_send_time(latestMsgSendTime)
 * @query visibleList(offset: number, count: number): LocalConversation[]
 *   SELECT * FROM local_conversations WHERE latest_msg_send_time > 0
 *   ORDER BY is_pinned DESC, max(latest_msg_send_time, draft_text_time) DESC LIMIT :count OFFSET :offset
 * @query totalUnread(): number
 *   SELECT coalesce(sum(unread_count), 0) AS total FROM local_conversations WHERE recv_msg_opt = 0
 * @query maxSeqs(): ConversationSeqs[]
 *   SELECT conversation_id, max_seq, min_seq FROM local_conversations
 * @query emptyAll(): void
 *   UPDATE local_conversations SET latest_msg = '', unread_count = 0
 * @query hideAll(): void
 *   UPDATE local_conversations SET latest_msg_send_time = 0 WHERE latest_msg_send_time > 0
 * @query search(pattern: string): LocalConversation[]
 *   SELECT * FROM local_conversations WHERE latest_msg_send_time > 0
 *   AND (show_name LIKE :pattern ESCAPE '\' OR user_id LIKE :pattern ESCAPE '\' OR group_id LIKE :pattern ESCAPE '\')
 *   ORDER BY is_pinned DESC, max(latest_msg_send_time, draft_text_time) DESC
 * @query setMaxSeq(conversationID: string, maxSeq: number): void
 *   UPDATE local_conversations SET max_seq = :maxSeq WHERE conversation_id = :conversationID AND max_seq < :maxSeq
 */
export interface LocalConversation {
  /** @primaryKey */
  conversationID: string;
  conversationType: SessionType;
  /** @default '' */
  userID: string;
  /** @default '' */
  groupID: string;
  /** @default '' */
  showName: string;
  /** @default '' */
  faceURL: string;
  /** @default 0 */
  recvMsgOpt: MessageReceiveOpt;
  /** @default 0 */
  unreadCount: number;
  /** @default 0 */
  groupAtType: GroupAtType;
  /** JSON text of the latest MessageItem ("" when none). @default '' */
  latestMsg: string;
  /** @default 0 */
  latestMsgSendTime: number;
  /** @default '' */
  draftText: string;
  /** @default 0 */
  draftTextTime: number;
  /** @default 30 */
  burnDuration: number;
  /** @default 604800 */
  msgDestructTime: number;
  /** @default false */
  isPinned: boolean;
  /** @default false */
  isNotInGroup: boolean;
  /** @default false */
  isPrivateChat: boolean;
  /** @default false */
  isMsgDestruct: boolean;
  /** @default false */
  isMarked: boolean;
  /** @default '' */
  attachedInfo: string;
  ex?: string;
  remark?: string;
  /** Highest seq stored locally for this conversation. @default 0 */
  maxSeq: number;
  /** @default 0 */
  minSeq: number;
}

/** Row of maxSeqs: the seq window of one conversation. */
export interface ConversationSeqs {
  conversationID: string;
  maxSeq: number;
  minSeq: number;
}
