import type { MessageItem, MessageSendFailure, ReceiptInfo, RevokedInfo } from "../types/message.js";

/**
 * Incoming messages and receipts (the Go SDK's OnAdvancedMsgListener + OnBatchMsgListener).
 * @listener
 */
export interface OnAdvancedMsgListener {
  /** A new message, one event per message, after it is stored (gaps before it already filled). */
  onRecvNewMessage(message: MessageItem): void;
  /** The same new messages as one batch (oldest first). */
  onRecvNewMessages(messages: MessageItem[]): void;
  /**
   * A new message that arrived while the app is in the background (setAppBackgroundStatus(true)), in
   * a conversation that receives normally; it replaces onRecvNewMessage there. The official event name is lower-case.
   * @event onRecvOfflineNewMessage
   */
  onRecvOfflineNewMessage(message: MessageItem): void;
  /**
   * The same background messages as one batch (oldest first).
   * @event onRecvOfflineNewMessages
   */
  onRecvOfflineNewMessages(messages: MessageItem[]): void;
  /** An online-only message (no seq, never stored), one event per message. */
  onRecvOnlineOnlyMessage(message: MessageItem): void;
  /** The same online-only messages as one batch. */
  onRecvOnlineOnlyMessages(messages: MessageItem[]): void;
  /** The peer of a single chat read these messages. */
  onRecvC2CReadReceipt(receipts: ReceiptInfo[]): void;
  /** A message was revoked (by its sender or an admin); it is now a revoke notice (2101). */
  onNewRecvMessageRevoked(info: RevokedInfo): void;
  /** A message was deleted by this user on another device (deleteMessage there). */
  onMsgDeleted(message: MessageItem): void;
  /** A message left the outbox as failed (status 3): the server refused it or the retries ran out. */
  onMsgSendFailed(failure: MessageSendFailure): void;
}
