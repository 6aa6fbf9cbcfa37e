// The message module: builders, sending through the outbox, history pages.
import type { MessageApi } from "../../generated/api/message.js";
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
  SearchMessageResultItem,
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
} from "../../generated/types/index.js";
import { SessionType } from "../../generated/types/index.js";
import { CbEvents } from "../../generated/listeners/events.js";
import { ErrCode, SdkError, ServerErrCode } from "../contracts/errors.js";
import type { SdkEventBus } from "../events/sdk-events.js";
import { newConversationRow, senderProfile } from "../cache/conversation-names.js";
import { MessageBuilder } from "../messages/builders.js";
import { itemFromRow, RowStatus, rowFromItem } from "../messages/convert.js";
import { applyRevoke } from "../messages/revoke.js";
import { searchLocal } from "../messages/search.js";
import { serverCall } from "../http/server-call.js";
import { deleteRows } from "../messages/local-delete.js";
import { conversationIDOf } from "../messages/ids.js";
import { journalOps } from "../messages/journal-ops.js";
import { requireConversationID } from "../conversations/conversation-args.js";
import { withLatest } from "../conversations/conversation-rows.js";
import { historyPage } from "../messages/history.js";
import type { MessageSession, MessagingHub } from "../messages/message-session.js";

/** How long revokeMessage waits for a just-sent message's seq (it arrives with the push echo). */
const SEQ_WAIT_MS = 5000;

export class MessageModule implements MessageApi {
  constructor(
    private readonly hub: MessagingHub,
    private readonly events: SdkEventBus,
  ) {}

  private async builder(method: string): Promise<MessageBuilder> {
    const { session } = this.hub.current(method);
    return new MessageBuilder(() => ({ userID: session.userID, platformID: session.config.platformID, ...senderProfile(session) }));
  }

  async createTextMessage(text: string): Promise<MessageItem> {
    return (await this.builder("createTextMessage")).text(text);
  }
  async createTextAtMessage(params: AtMsgParams): Promise<MessageItem> {
    return (await this.builder("createTextAtMessage")).at(params);
  }
  async createAdvancedTextMessage(params: AdvancedMsgParams): Promise<MessageItem> {
    return (await this.builder("createAdvancedTextMessage")).advancedText(params);
  }
  async createMarkdownMessage(text: string): Promise<MessageItem> {
    return (await this.builder("createMarkdownMessage")).markdown(text);
  }
  async createQuoteMessage(params: QuoteMsgParams): Promise<MessageItem> {
    return (await this.builder("createQuoteMessage")).quote(params);
  }
  async createAdvancedQuoteMessage(params: AdvancedQuoteMsgParams): Promise<MessageItem> {
    return (await this.builder("createAdvancedQuoteMessage")).advancedQuote(params);
  }
  async createCustomMessage(params: CustomMsgParams): Promise<MessageItem> {
    return (await this.builder("createCustomMessage")).custom(params);
  }
  async createCardMessage(card: CardElem): Promise<MessageItem> {
    return (await this.builder("createCardMessage")).card(card);
  }
  async createLocationMessage(params: LocationMsgParams): Promise<MessageItem> {
    return (await this.builder("createLocationMessage")).location(params);
  }
  async createFaceMessage(params: FaceMessageParams): Promise<MessageItem> {
    return (await this.builder("createFaceMessage")).face(params);
  }
  async createMergerMessage(params: MergerMsgParams): Promise<MessageItem> {
    return (await this.builder("createMergerMessage")).merger(params);
  }
  async createForwardMessage(message: MessageItem): Promise<MessageItem> {
    return (await this.builder("createForwardMessage")).forward(message);
  }
  async createImageMessageByURL(params: ImageMsgParamsByURL): Promise<MessageItem> {
    return (await this.builder("createImageMessageByURL")).image(params);
  }
  async createSoundMessageByURL(params: SoundMsgParamsByURL): Promise<MessageItem> {
    return (await this.builder("createSoundMessageByURL")).sound(params);
  }
  async createVideoMessageByURL(params: VideoMsgParamsByURL): Promise<MessageItem> {
    return (await this.builder("createVideoMessageByURL")).video(params);
  }
  async createFileMessageByURL(params: FileMsgParamsByURL): Promise<MessageItem> {
    return (await this.builder("createFileMessageByURL")).file(params);
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
    if (row.contentType === 2101) throw new SdkError(ServerErrCode.MsgAlreadyRevoke, `${method}: message ${row.clientMsgID} is already revoked`);
    if (row.status !== RowStatus.Succeed && row.status !== RowStatus.Sending) throw new SdkError(ErrCode.Args, `${method}: only sent messages can be revoked (status ${row.status})`);
    // The server's answer for anyone else's message it will not let this user revoke (as in groups).
    if (row.sessionType === SessionType.Single && row.sendID !== userID)
      throw new SdkError(ServerErrCode.NoPermission, `${method}: message ${row.clientMsgID} was sent by ${row.sendID}; in a single chat only your own messages can be revoked`);
    for (const deadline = Date.now() + SEQ_WAIT_MS; row.seq === 0 && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 50));
      row = daos.chatLogs.get(row.clientMsgID) ?? row;
    }
    if (row.seq === 0) throw new SdkError(ErrCode.Network, `${method}: the server has not stored message ${row.clientMsgID} yet (no seq); try again once it is sent`);
    await serverCall(method, http.call("/msg/revoke_msg", { conversationID: params.conversationID, seq: row.seq, userID }));
    const revoker = { conversationID: params.conversationID, userID };
    await ms.revokerRoles.lookUp([revoker]);
    const facts = {
      conversationID: params.conversationID,
      seq: row.seq,
      clientMsgID: row.clientMsgID,
      revokerID: userID,
      revokerNickname: row.sendID === userID ? row.senderNickname : (senderProfile(ms.session).nickname ?? ""),
      revokerRole: ms.revokerRoles.roleOf(revoker.conversationID, revoker.userID),
      revokeTime: Date.now(),
      isAdminRevoke: false,
    };
    const info = ms.session.db.driver.transaction(() => applyRevoke(daos, ms.notifier, userID, facts));
    ms.notifier.flush();
    if (info) this.events.emit(CbEvents.OnNewRecvMessageRevoked, info);
  }

  async deleteMessageFromLocalStorage(params: AccessMessageParams): Promise<void> {
    const method = "deleteMessageFromLocalStorage";
    const ms = this.hub.current(method);
    const row = this.stored(ms, params, method);
    ms.session.db.driver.transaction(() => deleteRows(ms.session.daos, ms.notifier, ms.session.userID, [row]));
    ms.notifier.flush();
  }

  async deleteMessage(params: AccessMessageParams): Promise<void> {
    const method = "deleteMessage";
    const ms = this.hub.current(method);
    const { http, userID } = ms.session;
    const row = this.stored(ms, params, method);
    if (row.seq > 0) {
      const deleteSyncOpt = { IsSyncSelf: true, IsSyncOther: false };
      // The server's 2102 echo may arrive before the reply; it is this device's own delete.
      ms.ownDeletes.add(row.clientMsgID);
      try {
        await serverCall(method, http.call("/msg/delete_msgs", { conversationID: params.conversationID, seqs: [row.seq], userID, deleteSyncOpt }));
      } catch (error) {
        ms.ownDeletes.delete(row.clientMsgID);
        throw error;
      }
    }
    ms.session.db.driver.transaction(() => deleteRows(ms.session.daos, ms.notifier, userID, [ms.session.daos.chatLogs.get(row.clientMsgID) ?? row]));
    ms.notifier.flush();
  }

  async deleteAllMsgFromLocal(): Promise<void> {
    this.deleteAllLocally(this.hub.current("deleteAllMsgFromLocal"));
  }

  async deleteAllMsgFromLocalAndSvr(): Promise<void> {
    const method = "deleteAllMsgFromLocalAndSvr";
    const ms = this.hub.current(method);
    await serverCall(method, ms.session.http.call("/msg/user_clear_all_msg", { userID: ms.session.userID, deleteSyncOpt: { IsSyncSelf: true, IsSyncOther: false } }));
    this.deleteAllLocally(ms);
  }

  async findMessageList(params: FindMessageParams[]): Promise<SearchMessageResult> {
    const ms = this.hub.current("findMessageList");
    const { daos } = ms.session;
    const findResultItems: SearchMessageResultItem[] = [];
    for (const p of params) {
      const rows = p.clientMsgIDList.map((id) => daos.chatLogs.get(id)).filter((r): r is NonNullable<typeof r> => r !== undefined && r.conversationID === p.conversationID && r.status < RowStatus.Deleted);
      if (rows.length === 0) continue;
      const conv = daos.localConversations.get(p.conversationID);
      findResultItems.push({
        conversationID: p.conversationID,
        messageCount: rows.length,
        conversationType: conv?.conversationType ?? rows[0]!.sessionType,
        showName: conv?.showName ?? "",
        faceURL: conv?.faceURL ?? "",
        messageList: rows.map(itemFromRow),
      });
    }
    return { totalCount: findResultItems.reduce((n, i) => n + i.messageCount, 0), searchResultItems: [], findResultItems };
  }

  async setMessageLocalEx(params: SetMessageLocalExParams): Promise<void> {
    const method = "setMessageLocalEx";
    const ms = this.hub.current(method);
    const row = this.stored(ms, params, method);
    // Local-only data: durable before the call returns.
    await ms.session.db.journal.append(journalOps((d) => d.chatLogs.update({ ...row, localEx: params.localEx })));
  }

  async fetchSurroundingMessages(params: FetchSurroundingParams): Promise<SurroundingMessages> {
    const method = "fetchSurroundingMessages";
    const ms = this.hub.current(method);
    const start = this.stored(ms, { conversationID: "", clientMsgID: params.startMessage.clientMsgID }, method, true);
    for (const k of ["before", "after"] as const)
      if (!Number.isInteger(params[k]) || params[k] < 0 || params[k] > 1000) throw new SdkError(ErrCode.Args, `${method}: params.${k} must be an integer in 0..1000, got ${params[k]}`);
    const req = { conversationID: start.conversationID, startClientMsgID: start.clientMsgID };
    const older = params.before > 0 ? (await historyPage(ms, { ...req, count: params.before }, false, method)).messageList : [];
    const newer = params.after > 0 ? (await historyPage(ms, { ...req, count: params.after }, true, method)).messageList : [];
    return { messageList: [...older, itemFromRow(start), ...newer] };
  }

  async insertSingleMessageToLocalStorage(params: InsertSingleMsgParams): Promise<MessageItem> {
    const method = "insertSingleMessageToLocalStorage";
    const ms = this.hub.current(method);
    const { userID } = ms.session;
    if (params.sendID !== userID && params.recvID !== userID) throw new SdkError(ErrCode.Args, `${method}: sendID or recvID must be the logged-in user ${userID}`);
    if (params.sendID === "" || params.recvID === "") throw new SdkError(ErrCode.Args, `${method}: sendID and recvID must both be set`);
    return this.insertLocal(ms, method, params.message, SessionType.Single, params.sendID, params.recvID, "");
  }

  async insertGroupMessageToLocalStorage(params: InsertGroupMsgParams): Promise<MessageItem> {
    const method = "insertGroupMessageToLocalStorage";
    const ms = this.hub.current(method);
    if (params.groupID === "" || params.sendID === "") throw new SdkError(ErrCode.Args, `${method}: groupID and sendID must both be set`);
    return this.insertLocal(ms, method, params.message, SessionType.Group, params.sendID, "", params.groupID);
  }

  /** A message stored on this device only (local-only data: journaled before returning). */
  private async insertLocal(ms: MessageSession, method: string, message: MessageItem, sessionType: SessionType, sendID: string, recvID: string, groupID: string): Promise<MessageItem> {
    const { daos, db, userID } = ms.session;
    if (!message.clientMsgID) throw new SdkError(ErrCode.Args, `${method}: params.message has no clientMsgID; build it with a create…Message method`);
    if (daos.chatLogs.get(message.clientMsgID)) throw new SdkError(ErrCode.Args, `${method}: message ${message.clientMsgID} is already stored`);
    const cid = sessionType === SessionType.Group ? conversationIDOf(sessionType, userID, groupID) : conversationIDOf(sessionType, sendID, recvID);
    const item: MessageItem = { ...message, sendID, recvID, groupID, sessionType, status: RowStatus.Succeed, seq: 0, sendTime: message.sendTime || Date.now() };
    const conv = daos.localConversations.get(cid) ?? newConversationRow(daos, cid, userID);
    await db.journal.append(
      journalOps((d) => {
        d.chatLogs.insert(rowFromItem(item, cid));
        d.localConversations.upsert(withLatest(conv, item));
      }),
    );
    ms.notifier.touch(cid, conv.latestMsgSendTime > 0);
    await ms.notifier.flushNamed();
    return item;
  }

  private deleteAllLocally(ms: MessageSession): void {
    const { daos, db } = ms.session;
    const visible = daos.localConversations.visibleList(0, 1_000_000_000);
    db.driver.transaction(() => {
      daos.chatLogs.markAllDeleted();
      for (const r of daos.localSendingMessages.oldestFirst(1_000_000_000)) daos.localSendingMessages.delete(r.conversationID, r.clientMsgID);
      daos.localConversations.emptyAll();
    });
    for (const c of visible) ms.notifier.touch(c.conversationID, true);
    ms.notifier.flush();
  }

  async searchLocalMessages(params: SearchLocalParams): Promise<SearchMessageResult> {
    const method = "searchLocalMessages";
    return searchLocal(this.hub.current(method), params, method);
  }

  /** The stored, shown message; `anyConversation` accepts an empty conversationID (MessageItem has none). */
  private stored(ms: MessageSession, params: AccessMessageParams, method: string, anyConversation = false) {
    if (!anyConversation) requireConversationID(params.conversationID, method, "params.conversationID");
    const row = ms.session.daos.chatLogs.get(params.clientMsgID);
    const conversationOK = row !== undefined && (row.conversationID === params.conversationID || (anyConversation && params.conversationID === ""));
    if (!row || !conversationOK || row.status >= RowStatus.Deleted)
      throw new SdkError(ErrCode.Args, `${method}: no message ${params.clientMsgID} in ${params.conversationID}`);
    return row;
  }
}
