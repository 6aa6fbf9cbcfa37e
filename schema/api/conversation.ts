import type { ChangeInputStatesParams, GetInputStatesParams, TypingUpdateParams } from "../types/message.js";
import type {
  ConversationItem,
  GetOneConversationParams,
  SetBurnDurationParams,
  SetConversationDraftParams,
  SetConversationExParams,
  SetConversationParams,
  SetConversationPinParams,
  SetConversationPrivateStateParams,
  SetConversationRecvOptParams,
  SplitConversationParams,
} from "../types/conversation.js";

/**
 * The conversation list, kept from the messages the SDK stores; unread counts and read marks.
 * @module conversation
 */
export interface ConversationApi {
  /**
   * Every visible conversation: pinned first, then by latest activity (message or draft).
   * @local
   * @errors 10009
   */
  getAllConversationList(): ConversationItem[];

  /**
   * A page of getAllConversationList's order.
   * @local
   * @errors 10002 10009
   */
  getConversationListSplit(params: SplitConversationParams): ConversationItem[];

  /**
   * The conversation with a user or group. One that does not exist locally yet is created (empty,
   * hidden) with the peer's or group's name and face, looked up on the server when not stored;
   * a user or group the server does not know is rejected (10100 / 10400) and nothing is created.
   * @errors 10002 10009 10100 10400
   */
  getOneConversation(params: GetOneConversationParams): ConversationItem;

  /**
   * The conversations with these IDs that exist locally, in the order asked.
   * @local
   * @errors 10002 10009
   */
  getMultipleConversation(conversationIDs: string[]): ConversationItem[];

  /**
   * The conversationID the server uses for a user (`si_` + sorted pair) or group (`sg_` + groupID).
   * @local
   * @errors 10002 10009
   */
  getConversationIDBySessionType(params: GetOneConversationParams): string;

  /**
   * Sum of the unread counts of the conversations whose receive option is 0.
   * @local
   * @errors 10009
   */
  getTotalUnreadMsgCount(): number;

  /**
   * Marks everything in the conversation read: on the server (single chats also send a read receipt
   * to the peer) and locally; unread becomes 0.
   * @errors 10002 10009
   */
  markConversationMessageAsRead(conversationID: string): void;

  /**
   * Saves (or, with "", clears) the draft of a conversation; the draft time orders the list.
   * @local
   * @errors 10002 10009
   */
  setConversationDraft(params: SetConversationDraftParams): void;

  /**
   * Tells the peers whether this user is typing in a conversation (online only, never stored).
   * "Typing" is sent at most once per 10 s per conversation; "stopped" only after a "typing".
   * The conversation must be a single or group chat stored on this device (getOneConversation opens one).
   * @errors 10002 10009
   */
  changeInputStates(params: ChangeInputStatesParams): void;

  /**
   * Sends a typing tip to a single-chat peer (deprecated: use changeInputStates).
   * @deprecated use changeInputStates
   * @errors 10002 10009
   */
  typingStatusUpdate(params: TypingUpdateParams): void;

  /**
   * The platforms on which a user is typing in a conversation now (empty when not typing).
   * @local
   * @errors 10002 10009
   */
  getInputStates(params: GetInputStatesParams): number[];

  /**
   * Changes a conversation's settings on the server (so every device of the user gets them) and
   * locally: pin, receive option, private chat, burn duration, mention state, message destruct, ex.
   * At least one setting besides conversationID must be given (10002 otherwise).
   * @errors 10002 10009
   */
  setConversation(params: SetConversationParams): void;

  /**
   * Pins or unpins a conversation (setConversation with isPinned).
   * @deprecated use setConversation
   * @errors 10002 10009
   */
  pinConversation(params: SetConversationPinParams): void;

  /**
   * Sets the receive option: 0 receive, 1 do not receive, 2 receive without notification.
   * @deprecated use setConversation
   * @errors 10002 10009
   */
  setConversationRecvMessageOpt(params: SetConversationRecvOptParams): void;

  /**
   * Turns burn-after-reading on or off.
   * @deprecated use setConversation
   * @errors 10002 10009
   */
  setConversationPrivateChat(params: SetConversationPrivateStateParams): void;

  /**
   * Sets the burn-after-reading duration in seconds.
   * @deprecated use setConversation
   * @errors 10002 10009
   */
  setConversationBurnDuration(params: SetBurnDurationParams): void;

  /**
   * Sets the conversation's free-form extension.
   * @deprecated use setConversation
   * @errors 10002 10009
   */
  setConversationEx(params: SetConversationExParams): void;

  /**
   * Clears the "mentioned" state of a group conversation.
   * @deprecated use setConversation
   * @errors 10002 10009
   */
  resetConversationGroupAtType(conversationID: string): void;

  /**
   * Removes a conversation from the list on this device (its messages stay); a new message shows it again.
   * @local
   * @errors 10002 10009
   */
  hideConversation(conversationID: string): void;

  /**
   * hideConversation for every conversation.
   * @local
   * @errors 10009
   */
  hideAllConversations(): void;

  /**
   * Visible conversations whose name (or peer/group ID) contains the keyword, literally.
   * @local
   * @errors 10002 10009
   */
  searchConversation(keyword: string): ConversationItem[];

  /**
   * Clears a conversation's messages for this user on the server (the other devices follow) and
   * locally; the conversation stays in the list, empty.
   * @errors 10002 10009
   */
  clearConversationAndDeleteAllMsg(conversationID: string): void;

  /**
   * clearConversationAndDeleteAllMsg, then removes the conversation from the list.
   * @errors 10002 10009
   */
  deleteConversationAndDeleteAllMsg(conversationID: string): void;
}
