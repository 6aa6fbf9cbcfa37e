// The message module: builders, sending through the outbox, history pages.
import type { MessageApi } from "../../generated/api/message.js";
import type {
  AdvancedGetMessageResult,
  AdvancedMsgParams,
  AdvancedQuoteMsgParams,
  AtMsgParams,
  CardElem,
  CustomMsgParams,
  FaceMessageParams,
  FileMsgParamsByURL,
  GetAdvancedHistoryMsgParams,
  ImageMsgParamsByURL,
  LocationMsgParams,
  MessageItem,
  QuoteMsgParams,
  SendMsgParams,
  SoundMsgParamsByURL,
  VideoMsgParamsByURL,
} from "../../generated/types/index.js";
import { MessageBuilder } from "../messages/builders.js";
import { historyPage } from "../messages/history.js";
import type { MessagingHub } from "../messages/message-session.js";

export class MessageModule implements MessageApi {
  constructor(private readonly hub: MessagingHub) {}

  private builder(method: string): MessageBuilder {
    const { session } = this.hub.current(method);
    return new MessageBuilder(() => ({ userID: session.userID, platformID: session.config.platformID }));
  }

  async createTextMessage(text: string): Promise<MessageItem> {
    return this.builder("createTextMessage").text(text);
  }
  async createTextAtMessage(params: AtMsgParams): Promise<MessageItem> {
    return this.builder("createTextAtMessage").at(params);
  }
  async createAdvancedTextMessage(params: AdvancedMsgParams): Promise<MessageItem> {
    return this.builder("createAdvancedTextMessage").advancedText(params);
  }
  async createMarkdownMessage(text: string): Promise<MessageItem> {
    return this.builder("createMarkdownMessage").markdown(text);
  }
  async createQuoteMessage(params: QuoteMsgParams): Promise<MessageItem> {
    return this.builder("createQuoteMessage").quote(params);
  }
  async createAdvancedQuoteMessage(params: AdvancedQuoteMsgParams): Promise<MessageItem> {
    return this.builder("createAdvancedQuoteMessage").advancedQuote(params);
  }
  async createCustomMessage(params: CustomMsgParams): Promise<MessageItem> {
    return this.builder("createCustomMessage").custom(params);
  }
  async createCardMessage(card: CardElem): Promise<MessageItem> {
    return this.builder("createCardMessage").card(card);
  }
  async createLocationMessage(params: LocationMsgParams): Promise<MessageItem> {
    return this.builder("createLocationMessage").location(params);
  }
  async createFaceMessage(params: FaceMessageParams): Promise<MessageItem> {
    return this.builder("createFaceMessage").face(params);
  }
  async createImageMessageByURL(params: ImageMsgParamsByURL): Promise<MessageItem> {
    return this.builder("createImageMessageByURL").image(params);
  }
  async createSoundMessageByURL(params: SoundMsgParamsByURL): Promise<MessageItem> {
    return this.builder("createSoundMessageByURL").sound(params);
  }
  async createVideoMessageByURL(params: VideoMsgParamsByURL): Promise<MessageItem> {
    return this.builder("createVideoMessageByURL").video(params);
  }
  async createFileMessageByURL(params: FileMsgParamsByURL): Promise<MessageItem> {
    return this.builder("createFileMessageByURL").file(params);
  }

  async sendMessage(params: SendMsgParams): Promise<MessageItem> {
    return this.hub.current("sendMessage").outbox.submit(params.message, params, "sendMessage");
  }

  /** Media here carry URLs already (the ByURL builders), so both sends share the outbox path. */
  async sendMessageNotOss(params: SendMsgParams): Promise<MessageItem> {
    return this.hub.current("sendMessageNotOss").outbox.submit(params.message, params, "sendMessageNotOss");
  }

  async getAdvancedHistoryMessageList(params: GetAdvancedHistoryMsgParams): Promise<AdvancedGetMessageResult> {
    const method = "getAdvancedHistoryMessageList";
    return historyPage(this.hub.current(method), params, false, method);
  }

  async getAdvancedHistoryMessageListReverse(params: GetAdvancedHistoryMsgParams): Promise<AdvancedGetMessageResult> {
    const method = "getAdvancedHistoryMessageListReverse";
    return historyPage(this.hub.current(method), params, true, method);
  }
}
