import type {
  AccessMessageParams,
  AdvancedGetMessageResult,
  AdvancedMsgParams,
  AdvancedQuoteMsgParams,
  AtMsgParams,
  CardElem,
  FetchSurroundingParams,
  FindMessageParams,
  InsertGroupMsgParams,
  InsertSingleMsgParams,
  SetMessageLocalExParams,
  SurroundingMessages,
  CustomMsgParams,
  FaceMessageParams,
  FileMsgParamsByURL,
  GetAdvancedHistoryMsgParams,
  ImageMsgParamsByURL,
  LocationMsgParams,
  MergerMsgParams,
  MessageItem,
  QuoteMsgParams,
  SearchLocalParams,
  SearchMessageResult,
  SendMsgParams,
  SoundMsgParamsByURL,
  VideoMsgParamsByURL,
} from "../types/message.js";

/**
 * Messages: build, send through the durable outbox, read history.
 * @module message
 */
export interface MessageApi {
  /**
   * Builds a text message for sendMessage.
   * @local
   * @errors 10002 10009
   */
  createTextMessage(text: string): MessageItem;

  /**
   * Builds a text message that mentions users ("AtAllTag" mentions everyone), optionally quoting one.
   * @local
   * @errors 10002 10009
   */
  createTextAtMessage(params: AtMsgParams): MessageItem;

  /**
   * Builds a text message with entities (links, mentions) for clients that render them.
   * @local
   * @errors 10002 10009
   */
  createAdvancedTextMessage(params: AdvancedMsgParams): MessageItem;

  /**
   * Builds a Markdown text message (contentType 118).
   * @local
   * @errors 10002 10009
   */
  createMarkdownMessage(text: string): MessageItem;

  /**
   * Builds a reply quoting another message; `params.message` is that message as JSON text.
   * @local
   * @errors 10002 10009
   */
  createQuoteMessage(params: QuoteMsgParams): MessageItem;

  /**
   * Builds a reply quoting another message, with entities.
   * @local
   * @errors 10002 10009
   */
  createAdvancedQuoteMessage(params: AdvancedQuoteMsgParams): MessageItem;

  /**
   * Builds a custom message: `data` is the app's payload, carried opaquely.
   * @local
   * @errors 10002 10009
   */
  createCustomMessage(params: CustomMsgParams): MessageItem;

  /**
   * Builds a contact card message.
   * @local
   * @errors 10002 10009
   */
  createCardMessage(card: CardElem): MessageItem;

  /**
   * Builds a location message (longitude −180…180, latitude −90…90).
   * @local
   * @errors 10002 10009
   */
  createLocationMessage(params: LocationMsgParams): MessageItem;

  /**
   * Builds a sticker ("face") message.
   * @local
   * @errors 10002 10009
   */
  createFaceMessage(params: FaceMessageParams): MessageItem;

  /**
   * Builds one message bundling others (chat history forwarded as a whole).
   * @local
   * @errors 10002 10009
   */
  createMergerMessage(params: MergerMsgParams): MessageItem;

  /**
   * Builds a copy of a message to send elsewhere: same content, new clientMsgID, this user as sender.
   * @local
   * @errors 10002 10009
   */
  createForwardMessage(message: MessageItem): MessageItem;

  /**
   * Builds a picture message from already uploaded URLs.
   * @local
   * @errors 10002 10009
   */
  createImageMessageByURL(params: ImageMsgParamsByURL): MessageItem;

  /**
   * Builds a voice message from an already uploaded URL.
   * @local
   * @errors 10002 10009
   */
  createSoundMessageByURL(params: SoundMsgParamsByURL): MessageItem;

  /**
   * Builds a video message from already uploaded URLs (video and snapshot).
   * @local
   * @errors 10002 10009
   */
  createVideoMessageByURL(params: VideoMsgParamsByURL): MessageItem;

  /**
   * Builds a file message from an already uploaded URL.
   * @local
   * @errors 10002 10009
   */
  createFileMessageByURL(params: FileMsgParamsByURL): MessageItem;

  /**
   * Sends a message to a user (recvID) or a group (groupID). The message is stored locally and put
   * in the durable outbox before anything goes on the network; it resolves with the stored message
   * (status 2) once the server acknowledged it. Sends of one conversation go out in call order.
   * Without a connection the message waits (status 1) and is sent after the reconnect, or after the
   * next login. A message the server refuses, or that fails after the retries, gets status 3
   * (OnMsgSendFailed) and the call rejects. Resending a failed message (same clientMsgID) is allowed.
   * The first message into a conversation this device does not store yet looks the peer or group up
   * first: an unknown user (10100), an unknown group (10400) or a group the user is not in (1203)
   * rejects it with nothing stored; if the lookup cannot reach the server the message is queued as usual.
   * The resolved message has `seq` 0: OpenIM's acknowledgement carries no seq. The seq comes with the
   * server's push of the message moments later and is stored then (findMessageList and history show it).
   * @errors 10002 10009 10100 10204 10400 1203
   */
  sendMessage(params: SendMsgParams): MessageItem;

  /**
   * sendMessage for messages whose media are already uploaded (no upload step); same outbox, same
   * checks, and it also resolves with `seq` 0 (see sendMessage).
   * @errors 10002 10009 10100 10204 10400 1203
   */
  sendMessageNotOss(params: SendMsgParams): MessageItem;

  /**
   * A page of a conversation's history, newest first, starting before `startClientMsgID` ("" = newest).
   * Gaps in the local seqs are pulled from the server before the page is returned; deleted messages
   * are skipped; messages with equal send times keep a stable order (by seq, then clientMsgID).
   * @errors 10002 10009
   */
  getAdvancedHistoryMessageList(params: GetAdvancedHistoryMsgParams): AdvancedGetMessageResult;

  /**
   * Like getAdvancedHistoryMessageList, oldest first, starting after `startClientMsgID`.
   * @errors 10002 10009
   */
  getAdvancedHistoryMessageListReverse(params: GetAdvancedHistoryMsgParams): AdvancedGetMessageResult;

  /**
   * Revokes a sent message (single chat: one's own): the server replaces it for everyone; locally it
   * becomes a revoke notice (contentType 2101), quotes of it are rewritten, and
   * OnNewRecvMessageRevoked fires (on the peer too). Rejects with 1404 (MsgAlreadyRevoke) when the
   * message is already revoked, and with 1002 (NoPermission) when the user may not revoke it: the
   * peer's message in a single chat (checked here), or in a group another member's message without
   * being owner or admin (the server's answer).
   * @errors 10002 10009 1002 1404
   */
  revokeMessage(params: AccessMessageParams): void;

  /**
   * Deletes a message on this device only: it disappears from history and search; unread and the
   * conversation's latest message follow. The server copy stays (it is not pulled again).
   * @local
   * @errors 10002 10009
   */
  deleteMessageFromLocalStorage(params: AccessMessageParams): void;

  /**
   * Searches stored messages by text, sender, type and time, grouped by conversation, newest first.
   * @local
   * @errors 10002 10009
   */
  searchLocalMessages(params: SearchLocalParams): SearchMessageResult;

  /**
   * Deletes a message for this user: on the server (the user's other devices follow, OnMsgDeleted
   * there) and locally like deleteMessageFromLocalStorage.
   * @errors 10002 10009
   */
  deleteMessage(params: AccessMessageParams): void;

  /**
   * Deletes every message on this device (conversations stay, empty); the server copies stay.
   * @local
   * @errors 10009
   */
  deleteAllMsgFromLocal(): void;

  /**
   * Clears every conversation of this user on the server, then deletes every message locally.
   * @errors 10009
   */
  deleteAllMsgFromLocalAndSvr(): void;

  /**
   * Stored messages by clientMsgID (in `findResultItems`, per conversation, in the order asked).
   * @local
   * @errors 10002 10009
   */
  findMessageList(params: FindMessageParams[]): SearchMessageResult;

  /**
   * Sets the local-only extension of a message (never sent; durable before the call returns).
   * @local
   * @errors 10002 10009
   */
  setMessageLocalEx(params: SetMessageLocalExParams): void;

  /**
   * Up to `before` older and `after` newer messages around `startMessage`, oldest first, the start
   * message included (gaps pulled like history).
   * @errors 10002 10009
   */
  fetchSurroundingMessages(params: FetchSurroundingParams): SurroundingMessages;

  /**
   * Stores a message in a single chat on this device only (status 2, seq 0); the conversation follows.
   * @local
   * @errors 10002 10009
   */
  insertSingleMessageToLocalStorage(params: InsertSingleMsgParams): MessageItem;

  /**
   * Stores a message in a group conversation on this device only (status 2, seq 0).
   * @local
   * @errors 10002 10009
   */
  insertGroupMessageToLocalStorage(params: InsertGroupMsgParams): MessageItem;
}
