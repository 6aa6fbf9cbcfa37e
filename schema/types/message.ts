/** Conversation kind (official `SessionType`). */
export enum SessionType {
  Single = 1,
  Group = 3,
  Notification = 4,
}

/** Delivery state of a message (official `MessageStatus`). */
export enum MessageStatus {
  Sending = 1,
  Succeed = 2,
  Failed = 3,
}

/** Content types of the messages the SDK builds and shows (official `MessageType` + 117/118 + notifications it applies). */
export enum MessageType {
  TextMessage = 101,
  PictureMessage = 102,
  VoiceMessage = 103,
  VideoMessage = 104,
  FileMessage = 105,
  AtTextMessage = 106,
  MergeMessage = 107,
  CardMessage = 108,
  LocationMessage = 109,
  CustomMessage = 110,
  TypingMessage = 113,
  QuoteMessage = 114,
  FaceMessage = 115,
  AdvancedText = 117,
  MarkdownText = 118,
  OANotification = 1400,
  RevokeMessage = 2101,
  HasReadReceipt = 2200,
}

/** Which list a history call pages (official `ViewType`). */
export enum ViewType {
  History = 0,
  Search = 1,
}

/** How searchLocalMessages combines its keywords: 0 any of them (OR), 1 all of them (AND). */
export type KeywordMatchType = 0 | 1;

/** Who produced a message: a user (100) or the system (200). */
export type MsgFrom = 100 | 200;

/** Push payload attached to a sent message. */
export interface OfflinePush {
  title: string;
  desc: string;
  ex: string;
  iOSPushSound: string;
  iOSBadgeCount: boolean;
}

export interface TextElem {
  content: string;
}

/** A span of an advanced text (link, mention, …). */
export interface MessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  info?: string;
}

export interface AdvancedTextElem {
  text: string;
  messageEntityList: MessageEntity[];
}

export interface MarkdownTextElem {
  content: string;
}

export interface AtUsersInfoItem {
  atUserID: string;
  groupNickname: string;
}

export interface AtTextElem {
  text: string;
  atUserList: string[];
  atUsersInfo?: AtUsersInfoItem[];
  quoteMessage?: MessageItem;
  isAtSelf?: boolean;
}

export interface QuoteElem {
  text: string;
  quoteMessage: MessageItem;
  messageEntityList?: MessageEntity[];
}

export interface CustomElem {
  data: string;
  description: string;
  extension: string;
}

export interface CardElem {
  userID: string;
  nickname: string;
  faceURL: string;
  ex: string;
}

export interface LocationElem {
  description: string;
  longitude: number;
  latitude: number;
}

export interface FaceElem {
  index: number;
  data: string;
}

/** One rendition of a picture (official `PicBaseInfo`). */
export interface PicBaseInfo {
  uuid: string;
  type: string;
  size: number;
  width: number;
  height: number;
  url: string;
}

export interface PictureElem {
  sourcePath: string;
  sourcePicture: PicBaseInfo;
  bigPicture: PicBaseInfo;
  snapshotPicture: PicBaseInfo;
}

export interface SoundElem {
  uuid: string;
  soundPath: string;
  sourceUrl: string;
  dataSize: number;
  duration: number;
  soundType?: string;
}

export interface VideoElem {
  videoPath: string;
  videoUUID: string;
  videoUrl: string;
  videoType: string;
  videoSize: number;
  duration: number;
  snapshotPath: string;
  snapshotUUID: string;
  snapshotSize: number;
  snapshotUrl: string;
  snapshotWidth: number;
  snapshotHeight: number;
  snapShotType?: string;
}

export interface FileElem {
  filePath: string;
  uuid: string;
  sourceUrl: string;
  fileName: string;
  fileSize: number;
  fileType?: string;
}

/** Server notifications (revoke, receipts, OA): `detail` is the tip as JSON text. */
/** A bundle of forwarded messages (contentType 107). */
export interface MergeElem {
  title: string;
  abstractList: string[];
  multiMessage: MessageItem[];
  messageEntityList?: MessageEntity[];
}

export interface NotificationElem {
  detail: string;
}

export interface TypingElem {
  msgTips: string;
}

/** Read receipts and flags kept beside a message. */
export interface AttachedInfoElem {
  isPrivateChat: boolean;
  burnDuration: number;
  hasReadTime: number;
}

/**
 * A message as apps see it (the official `MessageItem`). `content` is the element as JSON text;
 * exactly one `…Elem` field is set, matching `contentType`. `sessionType` is 0 until sent.
 */
export interface MessageItem {
  clientMsgID: string;
  serverMsgID: string;
  createTime: number;
  sendTime: number;
  sessionType: number;
  sendID: string;
  recvID: string;
  msgFrom: MsgFrom;
  contentType: number;
  senderPlatformID: number;
  senderNickname: string;
  senderFaceUrl: string;
  groupID: string;
  content: string;
  seq: number;
  isRead: boolean;
  status: MessageStatus;
  offlinePush?: OfflinePush;
  ex?: string;
  localEx?: string;
  textElem?: TextElem;
  advancedTextElem?: AdvancedTextElem;
  markdownTextElem?: MarkdownTextElem;
  atTextElem?: AtTextElem;
  quoteElem?: QuoteElem;
  customElem?: CustomElem;
  cardElem?: CardElem;
  locationElem?: LocationElem;
  faceElem?: FaceElem;
  pictureElem?: PictureElem;
  soundElem?: SoundElem;
  videoElem?: VideoElem;
  fileElem?: FileElem;
  mergeElem?: MergeElem;
  notificationElem?: NotificationElem;
  typingElem?: TypingElem;
  attachedInfoElem?: AttachedInfoElem;
}

/** sendMessage / sendMessageNotOss (official `SendMsgParams`): set recvID for a single chat, groupID for a group. */
export interface SendMsgParams {
  recvID: string;
  groupID: string;
  message: MessageItem;
  offlinePushInfo?: OfflinePush;
  /** Deliver only to online devices: no seq, not stored, no unread. */
  isOnlineOnly?: boolean;
}

export interface AtMsgParams {
  text: string;
  atUserIDList: string[];
  atUsersInfo?: AtUsersInfoItem[];
  message?: MessageItem;
}

/** createQuoteMessage: `message` is the quoted MessageItem as JSON text (official shape). */
export interface QuoteMsgParams {
  text: string;
  message: string;
}

export interface AdvancedQuoteMsgParams {
  text: string;
  message: MessageItem;
  messageEntityList?: MessageEntity[];
}

export interface AdvancedMsgParams {
  text: string;
  messageEntityList?: MessageEntity[];
}

/** createMergerMessage: `summaryList` are the lines shown in the bundle's preview. */
export interface MergerMsgParams {
  messageList: MessageItem[];
  title: string;
  summaryList: string[];
}

export interface CustomMsgParams {
  data: string;
  extension: string;
  description: string;
}

export interface LocationMsgParams {
  description: string;
  longitude: number;
  latitude: number;
}

export interface FaceMessageParams {
  index: number;
  data: string;
}

export interface ImageMsgParamsByURL {
  sourcePicture: PicBaseInfo;
  bigPicture: PicBaseInfo;
  snapshotPicture: PicBaseInfo;
  sourcePath: string;
}

export interface SoundMsgParamsByURL {
  uuid: string;
  soundPath: string;
  sourceUrl: string;
  dataSize: number;
  duration: number;
  soundType?: string;
}

export interface VideoMsgParamsByURL {
  videoPath: string;
  duration: number;
  videoType: string;
  snapshotPath: string;
  videoUUID: string;
  videoUrl: string;
  videoSize: number;
  snapshotUUID: string;
  snapshotSize: number;
  snapshotUrl: string;
  snapshotWidth: number;
  snapshotHeight: number;
  snapShotType?: string;
}

export interface FileMsgParamsByURL {
  filePath: string;
  fileName: string;
  uuid: string;
  sourceUrl: string;
  fileSize: number;
  fileType?: string;
}

/** getAdvancedHistoryMessageList(+Reverse): `startClientMsgID` "" starts at the newest (oldest for Reverse). */
export interface GetAdvancedHistoryMsgParams {
  conversationID: string;
  startClientMsgID: string;
  count: number;
  viewType?: ViewType;
}

export interface AdvancedGetMessageResult {
  messageList: MessageItem[];
  isEnd: boolean;
  errCode: number;
  errMsg: string;
}

/** A single-chat read receipt (official `ReceiptInfo`): the peer read these messages. */
export interface ReceiptInfo {
  userID: string;
  groupID: string;
  msgIDList: string[];
  readTime: number;
  msgFrom: number;
  contentType: number;
  sessionType: number;
}

/** Why a message left the outbox as failed. */
export interface MessageSendFailure {
  message: MessageItem;
  errCode: number;
  errMsg: string;
}

/** A revoked message (official `RevokedInfo`); also the `detail` of a revoked message's NotificationElem. */
export interface RevokedInfo {
  revokerID: string;
  revokerRole: number;
  clientMsgID: string;
  revokerNickname: string;
  revokeTime: number;
  sourceMessageSendTime: number;
  sourceMessageSendID: string;
  sourceMessageSenderNickname: string;
  sessionType: number;
  seq: number;
  ex: string;
  isAdminRevoke: boolean;
}

/** revokeMessage, deleteMessageFromLocalStorage, … (official `AccessMessageParams`). */
export interface AccessMessageParams {
  conversationID: string;
  clientMsgID: string;
}

/** changeInputStates: `focus` true while the user types in the conversation. */
export interface ChangeInputStatesParams {
  conversationID: string;
  focus: boolean;
}

/** typingStatusUpdate (deprecated by changeInputStates): `msgTip` is sent as is to a single-chat peer. */
export interface TypingUpdateParams {
  recvID: string;
  msgTip: string;
}

export interface GetInputStatesParams {
  conversationID: string;
  userID: string;
}

/** Who is typing where (official `ConversationInputStatus`); an empty platformIDs means stopped. */
export interface ConversationInputStatus {
  conversationID: string;
  userID: string;
  platformIDs: number[];
}

/**
 * searchLocalMessages (official `SearchLocalParams`). Keywords match the text of text-like messages
 * literally (`%`, `_` and quotes are not wildcards); keywordListMatchType combines them (default 0, any).
 * searchTimePosition: the newest send time in seconds (0 = now); searchTimePeriod: seconds before it (0 = all).
 */
export interface SearchLocalParams {
  conversationID: string;
  keywordList: string[];
  keywordListMatchType?: KeywordMatchType;
  senderUserIDList?: string[];
  messageTypeList?: number[];
  searchTimePosition?: number;
  searchTimePeriod?: number;
  pageIndex?: number;
  count?: number;
}

export interface SearchMessageResultItem {
  conversationID: string;
  messageCount: number;
  conversationType: number;
  showName: string;
  faceURL: string;
  messageList: MessageItem[];
}

export interface SearchMessageResult {
  totalCount: number;
  searchResultItems: SearchMessageResultItem[];
  /** Set by findMessageList instead of searchResultItems. */
  findResultItems?: SearchMessageResultItem[];
}

/** findMessageList: messages by clientMsgID, per conversation. */
export interface FindMessageParams {
  conversationID: string;
  clientMsgIDList: string[];
}

export interface SetMessageLocalExParams {
  conversationID: string;
  clientMsgID: string;
  localEx: string;
}

/** fetchSurroundingMessages: `before` older and `after` newer messages around `startMessage`. */
export interface FetchSurroundingParams {
  startMessage: MessageItem;
  viewType?: ViewType;
  before: number;
  after: number;
}

export interface SurroundingMessages {
  messageList: MessageItem[];
}

/** insertGroupMessageToLocalStorage: a message stored in a group conversation on this device only. */
export interface InsertGroupMsgParams {
  message: MessageItem;
  groupID: string;
  sendID: string;
}

/** insertSingleMessageToLocalStorage: a message stored on this device only (e.g. a local tip). */
export interface InsertSingleMsgParams {
  message: MessageItem;
  recvID: string;
  sendID: string;
}
