// The seed's conversation cache methods, read and written straight through local_conversations.
// No memory copy on purpose: the inbox, outbox and sync write that table directly, so a copy here
// would go stale, and the in-process SQLite table is already the fast path.
import type { Daos } from "../../generated/dao/index.js";
import type { LocalConversation } from "../../generated/types/index.js";
import type { StorageDriver } from "../contracts/storage.js";

const ALL = 1_000_000_000;

export class ConversationView {
  constructor(
    private readonly driver: StorageDriver,
    private readonly daos: Daos,
  ) {}

  getConversation(conversationID: string): LocalConversation | undefined {
    return this.daos.localConversations.get(conversationID);
  }

  /** The visible conversations in list order (pinned first, then latest activity). */
  getAllConversations(): LocalConversation[] {
    return this.daos.localConversations.visibleList(0, ALL);
  }

  getAllHasUnreadMessageConversations(): LocalConversation[] {
    return this.getAllConversations().filter((c) => c.unreadCount > 0);
  }

  updateConversation(row: LocalConversation): void {
    this.daos.localConversations.upsert(row);
  }

  /** All rows in one transaction: a reader never sees half of them. */
  updateConversations(rows: readonly LocalConversation[]): void {
    if (rows.length === 0) return;
    this.driver.transaction(() => this.daos.localConversations.upsertMany(rows));
  }
}
