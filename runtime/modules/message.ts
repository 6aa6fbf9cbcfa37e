// The message module: builders, sending through the outbox, history pages.
import type { MessageApi } from "../../generated/api/message.js";
import type {
  AccessMessageParams,
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
  SearchLocalParams,
  SearchMessageResult,
  SendMsgParams,
  SoundMsgParamsByURL,
  VideoMsgParamsByURL,
} from "../../generated/types/index.js";
import { SessionType } from "../../generated/types/index.js";
import { CbEvents } from "../../generated/listeners/events.js";
import { ErrCode, SdkError } from "../contracts/errors.js";
import type { SdkEventBus } from "../events/sdk-events.js";
import { ApiError } from "../http/errors.js";
import { senderProfile } from "../cache/conversation-names.js";
import { MessageBuilder } from "../messages/builders.js";
import { itemFromRow, RowStatus } from "../messages/convert.js";
import { applyRevoke } from "../messages/revoke.js";
import { searchLocal } from "../messages/search.js";
import { historyPage } from "../messages/history.js";
import type { MessageSession, MessagingHub } from "../messages/message-session.js";

/** How long revokeMessage waits for a just-sent message's seq (it arrives with the push echo). */
const SEQ_WAIT_MS = 5000;

export class MessageModule implements MessageApi {
  constructor(
    private readonly hub: MessagingHub,
    private readonly events: SdkEventBus,
  ) {}

  private builder(method: string): MessageBuilder {
    const { session } = this.hub.current(method);
    return new MessageBuilder(() => ({ userID: session.userID, platformID: session.config.platformID, ...senderProfile(session) }));
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

  async revokeMessage(params: AccessMessageParams): Promise<void> {
    const method = "revokeMessage";
    const ms = this.hub.current(method);
    const { daos, http, userID } = ms.session;
    let row = this.stored(ms, params, method);
    if (row.contentType === 2101) throw new SdkError(1404, `${method}: message ${row.clientMsgID} is already revoked`);
    if (row.status !== RowStatus.Succeed && row.status !== RowStatus.Sending) throw new SdkError(ErrCode.Args, `${method}: only sent messages can be revoked (status ${row.status})`);
    if (row.sessionType === SessionType.Single && row.sendID !== userID) throw new SdkError(ErrCode.Args, `${method}: in a single chat only your own messages can be revoked`);
    for (const deadline = Date.now() + SEQ_WAIT_MS; row.seq === 0 && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 50));
      row = daos.chatLogs.get(row.clientMsgID) ?? row;
    }
    if (row.seq === 0) throw new SdkError(ErrCode.Network, `${method}: the server has not stored message ${row.clientMsgID} yet (no seq); try again once it is sent`);
    try {
      await http.call("/msg/revoke_msg", { conversationID: params.conversationID, seq: row.seq, userID });
    } catch (error) {
      if (error instanceof ApiError) throw new SdkError(error.errCode, `${method}: ${error.errMsg}`, { cause: error });
      throw error;
    }
    const info = ms.session.db.driver.transaction(() =>
      applyRevoke(daos, ms.notifier, { conversationID: params.conversationID, seq: row.seq, clientMsgID: row.clientMsgID, revokerID: userID, revokerNickname: row.senderNickname, revokeTime: Date.now(), isAdminRevoke: false }),
    );
    ms.notifier.flush();
    if (info) this.events.emit(CbEvents.OnNewRecvMessageRevoked, info);
  }

  async deleteMessageFromLocalStorage(params: AccessMessageParams): Promise<void> {
    const method = "deleteMessageFromLocalStorage";
    const ms = this.hub.current(method);
    const { daos, userID } = ms.session;
    const row = this.stored(ms, params, method);
    ms.session.db.driver.transaction(() => {
      // Kept as a status-4 row: its seq stays known, so sync and history never bring it back.
      daos.chatLogs.update({ ...row, status: RowStatus.Deleted });
      daos.localSendingMessages.delete(row.conversationID, row.clientMsgID);
      const conv = daos.localConversations.get(row.conversationID);
      if (!conv) return;
      const wasUnread = !row.isRead && row.sendID !== userID && row.seq > 0;
      const latestID = conv.latestMsg ? (JSON.parse(conv.latestMsg) as { clientMsgID: string }).clientMsgID : "";
      const latest = latestID === row.clientMsgID ? daos.chatLogs.latestShown(row.conversationID) : undefined;
      daos.localConversations.upsert({
        ...conv,
        unreadCount: wasUnread ? Math.max(0, conv.unreadCount - 1) : conv.unreadCount,
        ...(latestID === row.clientMsgID ? { latestMsg: latest ? JSON.stringify(itemFromRow(latest)) : "" } : {}),
      });
      if (wasUnread || latestID === row.clientMsgID) ms.notifier.touch(conv.conversationID, conv.latestMsgSendTime > 0);
    });
    ms.notifier.flush();
  }

  async searchLocalMessages(params: SearchLocalParams): Promise<SearchMessageResult> {
    const method = "searchLocalMessages";
    return searchLocal(this.hub.current(method), params, method);
  }

  private stored(ms: MessageSession, params: AccessMessageParams, method: string) {
    const row = ms.session.daos.chatLogs.get(params.clientMsgID);
    if (!row || row.conversationID !== params.conversationID || row.status === RowStatus.Deleted)
      throw new SdkError(ErrCode.Args, `${method}: no message ${params.clientMsgID} in ${params.conversationID}`);
    return row;
  }
}
