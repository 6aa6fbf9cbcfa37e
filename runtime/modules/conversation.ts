// The conversation module: the list kept by the inbox and outbox, unread counts, read marks, drafts.
import type { ConversationApi } from "../../generated/api/conversation.js";
import type {
  ChangeInputStatesParams,
  ConversationItem,
  GetInputStatesParams,
  GetOneConversationParams,
  LocalConversation,
  SetBurnDurationParams,
  SetConversationDraftParams,
  SetConversationExParams,
  SetConversationParams,
  SetConversationPinParams,
  SetConversationPrivateStateParams,
  SetConversationRecvOptParams,
  SplitConversationParams,
  TypingUpdateParams,
} from "../../generated/types/index.js";
import { SessionType } from "../../generated/types/index.js";
import { ErrCode, SdkError } from "../contracts/errors.js";
import { requireConversationID, storedConversation } from "../conversations/conversation-args.js";
import { itemFromConversation } from "../conversations/conversation-rows.js";
import { lookedUpConversationRow } from "../cache/conversation-names.js";
import { itemFromRow } from "../messages/convert.js";
import { MessageBuilder } from "../messages/builders.js";
import { likePattern } from "../messages/search.js";
import { emptyConversation as emptyLocally } from "../messages/local-delete.js";
import { serverCall } from "../http/server-call.js";
import { conversationIDOf } from "../messages/ids.js";
import { journalOps } from "../messages/journal-ops.js";
import type { MessageSession, MessagingHub } from "../messages/message-session.js";

const ALL = 1_000_000_000;

export class ConversationModule implements ConversationApi {
  constructor(private readonly hub: MessagingHub) {}

  async getAllConversationList(): Promise<ConversationItem[]> {
    return this.hub.current("getAllConversationList").session.daos.localConversations.visibleList(0, ALL).map(itemFromConversation);
  }

  async getConversationListSplit(params: SplitConversationParams): Promise<ConversationItem[]> {
    const method = "getConversationListSplit";
    const ms = this.hub.current(method);
    if (!Number.isInteger(params.offset) || params.offset < 0) throw new SdkError(ErrCode.Args, `${method}: params.offset must be an integer ≥ 0, got ${params.offset}`);
    if (!Number.isInteger(params.count) || params.count < 0) throw new SdkError(ErrCode.Args, `${method}: params.count must be an integer ≥ 0, got ${params.count}`);
    return ms.session.daos.localConversations.visibleList(params.offset, params.count).map(itemFromConversation);
  }

  async getOneConversation(params: GetOneConversationParams): Promise<ConversationItem> {
    const method = "getOneConversation";
    const ms = this.hub.current(method);
    const cid = this.idOf(method, ms, params);
    const { localConversations } = ms.session.daos;
    const stored = localConversations.get(cid);
    if (stored) return itemFromConversation(stored);
    const row = await lookedUpConversationRow(ms.session, cid, method);
    // A message may have made the row while the peer or group was looked up.
    const raced = localConversations.get(cid);
    if (raced) return itemFromConversation(raced);
    localConversations.insert(row);
    return itemFromConversation(row);
  }

  async getMultipleConversation(conversationIDs: string[]): Promise<ConversationItem[]> {
    const ms = this.hub.current("getMultipleConversation");
    const { localConversations } = ms.session.daos;
    return conversationIDs.map((id) => localConversations.get(id)).filter((r): r is LocalConversation => r !== undefined).map(itemFromConversation);
  }

  async getConversationIDBySessionType(params: GetOneConversationParams): Promise<string> {
    const method = "getConversationIDBySessionType";
    return this.idOf(method, this.hub.current(method), params);
  }

  async getTotalUnreadMsgCount(): Promise<number> {
    return this.hub.current("getTotalUnreadMsgCount").session.daos.localConversations.totalUnread() ?? 0;
  }

  async markConversationMessageAsRead(conversationID: string): Promise<void> {
    const method = "markConversationMessageAsRead";
    const ms = this.hub.current(method);
    const { daos, http, userID } = ms.session;
    const conv = storedConversation(daos, conversationID, method);
    const hasReadSeq = Math.max(conv.maxSeq, ms.sync.syncedSeq(conversationID));
    // Always ask the server when there is anything to read, even if no unread row is stored locally
    // (the count comes from the server at connect: scenario "unread cannot be cleared").
    if (hasReadSeq > 0) {
      const seqs = conv.conversationType === SessionType.Single ? daos.chatLogs.unreadFromOthers(conversationID, userID).map((r) => r.seq) : [];
      await serverCall(method, http.call("/msg/mark_conversation_as_read", { conversationID, userID, hasReadSeq, seqs }));
    }
    // Read mentions are no longer news. OpenIM's server also records them on the conversation
    // (groupAtType, set when an @ message is sent), so it is reset there too, or the next settings
    // sync would bring the mention back.
    if (conv.groupAtType !== 0) await this.applySettings(method, { conversationID, groupAtType: 0 });
    const fresh = daos.localConversations.get(conversationID) ?? conv;
    // Only what was there when the call began is read: a message that arrived while the server was
    // asked lies above hasReadSeq on the server too, so it stays unread here as on every other device.
    const left = daos.chatLogs.countUnreadAfter(conversationID, userID, hasReadSeq) ?? 0;
    const groupAtType = left > 0 && conv.groupAtType === 0 ? fresh.groupAtType : 0;
    ms.session.db.driver.transaction(() => {
      if (hasReadSeq > 0) daos.chatLogs.markReceivedReadUpTo(conversationID, userID, hasReadSeq);
      const latest = fresh.latestMsg ? daos.chatLogs.get((JSON.parse(fresh.latestMsg) as { clientMsgID: string }).clientMsgID) : undefined;
      daos.localConversations.upsert({ ...fresh, unreadCount: left, groupAtType, ...(latest ? { latestMsg: JSON.stringify(itemFromRow(latest)) } : {}) });
    });
    if (fresh.unreadCount !== left || fresh.groupAtType !== groupAtType) ms.notifier.touch(conversationID, fresh.latestMsgSendTime > 0);
    ms.notifier.flush();
  }

  async setConversationDraft(params: SetConversationDraftParams): Promise<void> {
    const method = "setConversationDraft";
    const ms = this.hub.current(method);
    const { daos, db } = ms.session;
    const conv = storedConversation(daos, params.conversationID, method, "params.conversationID");
    const next = { ...conv, draftText: params.draftText, draftTextTime: params.draftText === "" ? 0 : Date.now() };
    // A draft exists only on this device: durable before the call returns.
    await db.journal.append(journalOps((d) => d.localConversations.upsert(next)));
    ms.notifier.touch(conv.conversationID, conv.latestMsgSendTime > 0);
    ms.notifier.flush();
  }

  private idOf(method: string, ms: MessageSession, params: GetOneConversationParams): string {
    if (params.sourceID.trim() === "") throw new SdkError(ErrCode.Args, `${method}: params.sourceID is empty; give the peer's userID or the groupID`);
    try {
      return conversationIDOf(params.sessionType, ms.session.userID, params.sourceID);
    } catch (error) {
      throw new SdkError(ErrCode.Args, `${method}: ${(error as Error).message}`);
    }
  }

  async changeInputStates(params: ChangeInputStatesParams): Promise<void> {
    const method = "changeInputStates";
    const ms = this.hub.current(method);
    // Typing goes to a conversation the user has open, so it must be stored here (this also refuses
    // malformed IDs such as si_<self>, which no row has).
    const target = this.targetOf(storedConversation(ms.session.daos, params.conversationID, method, "params.conversationID"), method);
    const tip = ms.typing.next(params.conversationID, params.focus);
    if (tip) await this.sendTyping(ms, target, tip, method);
  }

  async typingStatusUpdate(params: TypingUpdateParams): Promise<void> {
    const method = "typingStatusUpdate";
    const ms = this.hub.current(method);
    if (params.recvID.trim() === "") throw new SdkError(ErrCode.Args, `${method}: params.recvID is empty`);
    await this.sendTyping(ms, { recvID: params.recvID, groupID: "" }, params.msgTip, method);
  }

  async getInputStates(params: GetInputStatesParams): Promise<number[]> {
    return this.hub.current("getInputStates").inputStates.platforms(params.conversationID, params.userID);
  }

  private targetOf(conv: LocalConversation, method: string): { recvID: string; groupID: string } {
    if (conv.conversationType === SessionType.Single) return { recvID: conv.userID, groupID: "" };
    if (conv.conversationType === SessionType.Group) return { recvID: "", groupID: conv.groupID };
    throw new SdkError(ErrCode.Args, `${method}: ${JSON.stringify(conv.conversationID)} is not a chat conversationID (si_… or sg_…)`);
  }

  private async sendTyping(ms: MessageSession, target: { recvID: string; groupID: string }, tip: string, method: string): Promise<void> {
    const { session } = ms;
    const message = new MessageBuilder(() => ({ userID: session.userID, platformID: session.config.platformID })).typing(tip);
    await ms.outbox.submit(message, { ...target, message, isOnlineOnly: true }, method);
  }

  async setConversation(params: SetConversationParams): Promise<void> {
    await this.applySettings("setConversation", params);
  }
  async pinConversation(params: SetConversationPinParams): Promise<void> {
    await this.applySettings("pinConversation", { conversationID: params.conversationID, isPinned: params.isPinned });
  }
  async setConversationRecvMessageOpt(params: SetConversationRecvOptParams): Promise<void> {
    await this.applySettings("setConversationRecvMessageOpt", { conversationID: params.conversationID, recvMsgOpt: params.opt });
  }
  async setConversationPrivateChat(params: SetConversationPrivateStateParams): Promise<void> {
    await this.applySettings("setConversationPrivateChat", { conversationID: params.conversationID, isPrivateChat: params.isPrivate });
  }
  async setConversationBurnDuration(params: SetBurnDurationParams): Promise<void> {
    await this.applySettings("setConversationBurnDuration", { conversationID: params.conversationID, burnDuration: params.burnDuration });
  }
  async setConversationEx(params: SetConversationExParams): Promise<void> {
    await this.applySettings("setConversationEx", { conversationID: params.conversationID, ex: params.ex });
  }
  async resetConversationGroupAtType(conversationID: string): Promise<void> {
    const method = "resetConversationGroupAtType";
    requireConversationID(conversationID, method);
    await this.applySettings(method, { conversationID, groupAtType: 0 });
  }

  async hideConversation(conversationID: string): Promise<void> {
    const method = "hideConversation";
    const ms = this.hub.current(method);
    const conv = storedConversation(ms.session.daos, conversationID, method);
    ms.session.daos.localConversations.upsert({ ...conv, latestMsgSendTime: 0 });
    // Hidden rows are not reported; the total may drop.
    ms.notifier.flush();
  }

  async hideAllConversations(): Promise<void> {
    const ms = this.hub.current("hideAllConversations");
    ms.session.daos.localConversations.hideAll();
    ms.notifier.flush();
  }

  async searchConversation(keyword: string): Promise<ConversationItem[]> {
    const method = "searchConversation";
    const ms = this.hub.current(method);
    if (keyword === "") throw new SdkError(ErrCode.Args, `${method}: keyword is empty`);
    return ms.session.daos.localConversations.search(likePattern(keyword)).map(itemFromConversation);
  }

  async clearConversationAndDeleteAllMsg(conversationID: string): Promise<void> {
    await this.clear("clearConversationAndDeleteAllMsg", conversationID, false);
  }

  async deleteConversationAndDeleteAllMsg(conversationID: string): Promise<void> {
    await this.clear("deleteConversationAndDeleteAllMsg", conversationID, true);
  }

  private async clear(method: string, conversationID: string, hide: boolean): Promise<void> {
    const ms = this.hub.current(method);
    const { daos, http, userID, db } = ms.session;
    storedConversation(daos, conversationID, method);
    await serverCall(method, http.call("/msg/clear_conversation_msg", { conversationIDs: [conversationID], userID, deleteSyncOpt: { IsSyncSelf: true, IsSyncOther: false } }));
    db.driver.transaction(() => emptyLocally(daos, ms.notifier, conversationID, hide));
    ms.notifier.flush();
  }

  private async applySettings(method: string, p: SetConversationParams): Promise<void> {
    const ms = this.hub.current(method);
    const { daos, http, userID } = ms.session;
    const conv = storedConversation(daos, p.conversationID, method, "params.conversationID");
    const { conversationID, ...changes } = p;
    if (Object.values(changes).every((v) => v === undefined))
      throw new SdkError(ErrCode.Args, `${method}: nothing to change; set at least one of the conversation's settings besides conversationID`);
    if (p.recvMsgOpt !== undefined && ![0, 1, 2].includes(p.recvMsgOpt)) throw new SdkError(ErrCode.Args, `${method}: recvMsgOpt must be 0, 1 or 2`);
    for (const k of ["burnDuration", "msgDestructTime"] as const)
      if (p[k] !== undefined && (!Number.isInteger(p[k]) || p[k]! < 0)) throw new SdkError(ErrCode.Args, `${method}: ${k} must be an integer ≥ 0 (seconds), got ${p[k]}`);
    await serverCall(
      method,
      http.call("/conversation/set_conversations", {
        userIDs: [userID],
        conversation: {
          conversationID,
          conversationType: conv.conversationType,
          userID: conv.userID,
          groupID: conv.groupID,
          recvMsgOpt: changes.recvMsgOpt,
          isPinned: changes.isPinned,
          isPrivateChat: changes.isPrivateChat,
          ex: changes.ex,
          burnDuration: changes.burnDuration,
          groupAtType: changes.groupAtType,
          msgDestructTime: changes.msgDestructTime,
          isMsgDestruct: changes.isMsgDestruct,
          // Unset wrappers leave the server's values alone.
          attachedInfo: undefined,
          minSeq: undefined,
          maxSeq: undefined,
        },
      }),
    );
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const fresh = daos.localConversations.get(conversationID) ?? conv;
    daos.localConversations.upsert({ ...fresh, ...defined });
    ms.notifier.touch(conversationID, fresh.latestMsgSendTime > 0);
    ms.notifier.flush();
  }
}
