/**
 * The outbox: one row per message the user sent that the server has not acknowledged yet.
 * Written before sendMessage returns, deleted on the ack.
 * @table local_sending_messages
 * @query byConversation(conversationID: string): LocalSendingMessage[]
 *   SELECT * FROM local_sending_messages WHERE conversation_id = :conversationID ORDER BY create_time
 * @query oldestFirst(limit: number): LocalSendingMessage[]
 *   SELECT * FROM local_sending_messages ORDER BY create_time, client_msg_id LIMIT :limit
 */
export interface LocalSendingMessage {
  /** @primaryKey */
  conversationID: string;
  /** @primaryKey */
  clientMsgID: string;
  /** When the send was first attempted (ms). */
  createTime: number;
  /** @default 0 */
  attempts: number;
  ex?: string;
}
