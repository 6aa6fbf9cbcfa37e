// The create…Message builders: pure functions of their input and the logged-in sender. Nothing is
// stored until sendMessage; the result is a complete MessageItem the app may inspect or keep.
import type {
  AdvancedMsgParams,
  AdvancedQuoteMsgParams,
  AtMsgParams,
  CardElem,
  CustomMsgParams,
  FaceMessageParams,
  FileMsgParamsByURL,
  ImageMsgParamsByURL,
  LocationMsgParams,
  MergerMsgParams,
  MessageItem,
  QuoteMsgParams,
  SoundMsgParamsByURL,
  VideoMsgParamsByURL,
} from "../../generated/types/index.js";
import { MessageStatus, MessageType } from "../../generated/types/index.js";
import { ErrCode, SdkError } from "../contracts/errors.js";
import { elemKeyOf } from "./content.js";
import { newClientMsgID } from "./ids.js";

export interface Sender {
  userID: string;
  platformID: number;
  nickname?: string;
  faceURL?: string;
}

function base(sender: Sender, contentType: number, elem: unknown, now: number): MessageItem {
  const item: MessageItem = {
    clientMsgID: newClientMsgID(),
    serverMsgID: "",
    createTime: now,
    sendTime: now,
    sessionType: 0,
    sendID: sender.userID,
    recvID: "",
    msgFrom: 100,
    contentType,
    senderPlatformID: sender.platformID,
    senderNickname: sender.nickname ?? "",
    senderFaceUrl: sender.faceURL ?? "",
    groupID: "",
    content: JSON.stringify(elem),
    seq: 0,
    isRead: false,
    status: MessageStatus.Sending,
  };
  (item as unknown as Record<string, unknown>)[elemKeyOf(contentType)!] = elem;
  return item;
}

function argError(method: string, what: string): SdkError {
  return new SdkError(ErrCode.Args, `${method}: ${what}`);
}

function nonEmpty(method: string, field: string, value: string): void {
  if (value.trim() === "") throw argError(method, `${field} is empty; give the text to send`);
}

/** A quoted message without its own quote (quotes do not nest, as in the official SDKs). */
function quotable(method: string, message: MessageItem): MessageItem {
  if (!message.clientMsgID) throw argError(method, "the quoted message has no clientMsgID; quote a message you got from the SDK");
  const { quoteElem: _q, ...rest } = message;
  return rest;
}

export class MessageBuilder {
  constructor(
    private readonly sender: () => Sender,
    private readonly now: () => number = Date.now,
  ) {}

  private make(contentType: number, elem: unknown): MessageItem {
    return base(this.sender(), contentType, elem, this.now());
  }

  text(text: string): MessageItem {
    nonEmpty("createTextMessage", "text", text);
    return this.make(MessageType.TextMessage, { content: text });
  }

  markdown(text: string): MessageItem {
    nonEmpty("createMarkdownMessage", "text", text);
    return this.make(MessageType.MarkdownText, { content: text });
  }

  advancedText(p: AdvancedMsgParams): MessageItem {
    nonEmpty("createAdvancedTextMessage", "params.text", p.text);
    return this.make(MessageType.AdvancedText, { text: p.text, messageEntityList: p.messageEntityList ?? [] });
  }

  at(p: AtMsgParams): MessageItem {
    const m = "createTextAtMessage";
    if (p.atUserIDList.length === 0) throw argError(m, "params.atUserIDList is empty; list the userIDs to mention (\"AtAllTag\" for everyone)");
    if (p.atUserIDList.some((id) => id.trim() === "")) throw argError(m, "params.atUserIDList holds an empty userID");
    const self = this.sender().userID;
    return this.make(MessageType.AtTextMessage, {
      text: p.text,
      atUserList: [...p.atUserIDList],
      ...(p.atUsersInfo ? { atUsersInfo: p.atUsersInfo } : {}),
      ...(p.message ? { quoteMessage: quotable(m, p.message) } : {}),
      isAtSelf: p.atUserIDList.includes(self),
    });
  }

  quote(p: QuoteMsgParams): MessageItem {
    const m = "createQuoteMessage";
    nonEmpty(m, "params.text", p.text);
    let quoted: MessageItem;
    try {
      quoted = JSON.parse(p.message) as MessageItem;
    } catch {
      throw argError(m, "params.message is not JSON; pass JSON.stringify(message) of the message to quote");
    }
    if (typeof quoted !== "object" || quoted === null) throw argError(m, "params.message must be a MessageItem as JSON text");
    return this.make(MessageType.QuoteMessage, { text: p.text, quoteMessage: quotable(m, quoted) });
  }

  advancedQuote(p: AdvancedQuoteMsgParams): MessageItem {
    const m = "createAdvancedQuoteMessage";
    nonEmpty(m, "params.text", p.text);
    return this.make(MessageType.QuoteMessage, { text: p.text, quoteMessage: quotable(m, p.message), messageEntityList: p.messageEntityList ?? [] });
  }

  merger(p: MergerMsgParams): MessageItem {
    const m = "createMergerMessage";
    if (p.messageList.length === 0) throw argError(m, "params.messageList is empty; give the messages to bundle");
    nonEmpty(m, "params.title", p.title);
    if (p.messageList.some((x) => !x.clientMsgID)) throw argError(m, "params.messageList holds a message without clientMsgID; bundle messages you got from the SDK");
    return this.make(MessageType.MergeMessage, { title: p.title, abstractList: [...p.summaryList], multiMessage: p.messageList.map((x) => ({ ...x })) });
  }

  /** The same element under a new identity: nothing of the original's delivery state is kept. */
  forward(message: MessageItem): MessageItem {
    const m = "createForwardMessage";
    const key = elemKeyOf(message.contentType);
    const elem = key ? message[key] : undefined;
    if (!key || elem === undefined || key === "notificationElem" || key === "typingElem")
      throw argError(m, `contentType ${message.contentType} cannot be forwarded; forward a message with content (text, picture, …)`);
    return this.make(message.contentType, elem);
  }

  custom(p: CustomMsgParams): MessageItem {
    return this.make(MessageType.CustomMessage, { data: p.data, description: p.description, extension: p.extension });
  }

  card(c: CardElem): MessageItem {
    if (c.userID.trim() === "") throw argError("createCardMessage", "card.userID is empty; give the user the card shows");
    return this.make(MessageType.CardMessage, { userID: c.userID, nickname: c.nickname, faceURL: c.faceURL, ex: c.ex });
  }

  location(p: LocationMsgParams): MessageItem {
    const m = "createLocationMessage";
    if (!Number.isFinite(p.longitude) || p.longitude < -180 || p.longitude > 180) throw argError(m, `params.longitude must be within -180..180, got ${p.longitude}`);
    if (!Number.isFinite(p.latitude) || p.latitude < -90 || p.latitude > 90) throw argError(m, `params.latitude must be within -90..90, got ${p.latitude}`);
    return this.make(MessageType.LocationMessage, { description: p.description, longitude: p.longitude, latitude: p.latitude });
  }

  face(p: FaceMessageParams): MessageItem {
    if (!Number.isInteger(p.index)) throw argError("createFaceMessage", `params.index must be an integer, got ${p.index}`);
    return this.make(MessageType.FaceMessage, { index: p.index, data: p.data });
  }

  image(p: ImageMsgParamsByURL): MessageItem {
    if (p.sourcePicture.url === "") throw argError("createImageMessageByURL", "params.sourcePicture.url is empty; upload the picture first");
    return this.make(MessageType.PictureMessage, { sourcePath: p.sourcePath, sourcePicture: p.sourcePicture, bigPicture: p.bigPicture, snapshotPicture: p.snapshotPicture });
  }

  sound(p: SoundMsgParamsByURL): MessageItem {
    if (p.sourceUrl === "") throw argError("createSoundMessageByURL", "params.sourceUrl is empty; upload the recording first");
    return this.make(MessageType.VoiceMessage, { ...p });
  }

  video(p: VideoMsgParamsByURL): MessageItem {
    if (p.videoUrl === "") throw argError("createVideoMessageByURL", "params.videoUrl is empty; upload the video first");
    return this.make(MessageType.VideoMessage, { ...p });
  }

  /** A typing tip (113): "yes" / "no" from changeInputStates, anything from typingStatusUpdate. */
  typing(msgTips: string): MessageItem {
    return this.make(MessageType.TypingMessage, { msgTips });
  }

  file(p: FileMsgParamsByURL): MessageItem {
    if (p.sourceUrl === "") throw argError("createFileMessageByURL", "params.sourceUrl is empty; upload the file first");
    return this.make(MessageType.FileMessage, { ...p });
  }
}
