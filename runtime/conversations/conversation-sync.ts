// Conversation settings from the server (pin, receive option, private chat, …): synced on every
// connect (a sync step before the message sync) incrementally — the server's version log since the
// stored version/versionID, or everything when it answers `full` — and again for the conversations
// a 1300 ConversationChange tip names (another device changed them). Messages own latestMsg, unread
// and seqs; the server owns the settings.
import type { Daos } from "../../generated/dao/index.js";
import type { conversation } from "../../generated/protocol/index.js";
import type { sdkRoutes } from "../../generated/protocol/sdk-routes.js";
import type { LocalConversation } from "../../generated/types/index.js";
import type { MessageReceiveOpt, GroupAtType } from "../../generated/types/index.js";
import type { StorageDriver } from "../contracts/storage.js";
import type { Logger } from "../events/logger.js";
import type { HttpClient } from "../http/client.js";
import { emptyConversation } from "./conversation-rows.js";
import type { ConversationNotifier } from "./notifier.js";

type Settings = Pick<LocalConversation, "recvMsgOpt" | "isPinned" | "isPrivateChat" | "burnDuration" | "groupAtType" | "msgDestructTime" | "isMsgDestruct" | "attachedInfo" | "ex">;

export function settingsOf(c: conversation.Conversation): Settings {
  return {
    recvMsgOpt: c.recvMsgOpt as MessageReceiveOpt,
    isPinned: c.isPinned,
    isPrivateChat: c.isPrivateChat,
    burnDuration: c.burnDuration,
    groupAtType: c.groupAtType as GroupAtType,
    msgDestructTime: c.msgDestructTime,
    isMsgDestruct: c.isMsgDestruct,
    attachedInfo: c.attachedInfo,
    ex: c.ex,
  };
}

/** local_sync_version key of the conversation list. */
export const VERSION_TABLE = "local_conversations";

const differs = (row: LocalConversation, s: Settings) => (Object.keys(s) as (keyof Settings)[]).some((k) => (row[k] ?? "") !== (s[k] ?? ""));

export class ConversationSync {
  constructor(
    private readonly selfID: string,
    private readonly http: HttpClient<typeof sdkRoutes>,
    private readonly daos: Daos,
    /** apply() writes its rows in one transaction. */
    private readonly driver: Pick<StorageDriver, "transaction">,
    private readonly notifier: ConversationNotifier,
    private readonly logger: Logger,
  ) {}

  /** The connect step: changes since the stored version, or everything when the server says full. */
  async syncIncremental(): Promise<void> {
    const { localSyncVersion } = this.daos;
    const state = localSyncVersion.get(VERSION_TABLE, this.selfID);
    const resp = await this.http.call("/conversation/get_incremental_conversations", {
      userID: this.selfID,
      versionID: state?.versionID ?? "",
      version: state?.version ?? 0,
    });
    if (resp.full) await this.syncAll();
    // Deleted on the server: kept locally with their messages, as openim-sdk-core v3.8 does (its
    // incremental conversation sync runs the syncer with skipDeletion); the version still advances.
    else this.apply([...resp.insert, ...resp.update]);
    localSyncVersion.upsert({ tableName: VERSION_TABLE, entityID: this.selfID, versionID: resp.versionID, version: resp.version, createTime: Date.now(), idList: [] });
  }

  /** Every conversation of the user. */
  async syncAll(): Promise<void> {
    const resp = await this.http.call("/conversation/get_all_conversations", { ownerUserID: this.selfID });
    this.apply(resp.conversations);
  }

  /** The named conversations (after a 1300 tip). */
  async syncSome(conversationIDs: string[]): Promise<void> {
    if (conversationIDs.length === 0) return;
    const resp = await this.http.call("/conversation/get_conversations", { ownerUserID: this.selfID, conversationIDs });
    this.apply(resp.conversations);
    this.notifier.flush();
  }

  /** Applies server rows; conversation events are flushed by the caller. */
  apply(list: conversation.Conversation[]): void {
    this.driver.transaction(() => {
      const rows = this.daos.localConversations.getMany(list.map((c) => c.conversationID).filter((id) => id !== ""));
      for (const c of list) {
        if (!c.conversationID) continue;
        const row = rows.get(c.conversationID);
        const settings = settingsOf(c);
        if (row && !differs(row, settings)) continue;
        const next = { ...(row ?? emptyConversation(c.conversationID, this.selfID)), ...settings };
        this.daos.localConversations.upsert(next);
        // A conversation listed twice is then compared with what was just written.
        rows.set(c.conversationID, next);
        if (row) this.notifier.touch(c.conversationID, row.latestMsgSendTime > 0);
      }
    });
    this.logger.debug("conversation sync: applied server settings", { count: list.length });
  }
}
