import type { ConversationItem } from "../types/conversation.js";
import type { ConversationInputStatus } from "../types/message.js";

/**
 * The conversation list and the message sync (the Go SDK's OnConversationListener).
 * @listener
 */
export interface OnConversationListener {
  /** Message sync started after a connect or a return to the foreground; true on the first sync of this device (empty database). */
  onSyncServerStart(reinstalled: boolean): void;
  /** Sync progress in percent (first sync only). */
  onSyncServerProgress(progress: number): void;
  /** Sync finished: every message the server had at connect time is stored. */
  onSyncServerFinish(reinstalled: boolean): void;
  /** Sync failed; it is retried on the next connect. */
  onSyncServerFailed(reinstalled: boolean): void;
  /** Conversations that appeared (first message, or created by getOneConversation and then messaged). */
  onNewConversation(conversations: ConversationItem[]): void;
  /** Conversations whose latest message, unread count, draft or settings changed. */
  onConversationChanged(conversations: ConversationItem[]): void;
  /** A user started or stopped typing in a conversation (expires 10 s after the last "typing"). */
  onConversationUserInputStatusChanged(status: ConversationInputStatus): void;
  /** The new total of getTotalUnreadMsgCount. */
  onTotalUnreadMessageCountChanged(total: number): void;
}
