// Conversation events, emitted after the writes that caused them and read back from the table, so
// an app that queries right after an event sees exactly what the event said.
import type { Daos } from "../../generated/dao/index.js";
import { CbEvents } from "../../generated/listeners/events.js";
import type { SdkEventBus } from "../events/sdk-events.js";
import { itemFromConversation } from "./conversation-rows.js";

/** Names new conversations before they are announced (conversation-titles.ts). */
export interface ConversationNamer {
  /** Those of these conversations that have no name of their own yet. */
  unnamed(conversationIDs: readonly string[]): string[];
  /** Names them (one lookup for all); never throws — a conversation it cannot name keeps its ID. */
  name(conversationIDs: readonly string[]): Promise<void>;
}

export class ConversationNotifier {
  private readonly changed = new Set<string>();
  private readonly appeared = new Set<string>();
  /** New conversations whose name is being looked up: held back, so their first event carries it. */
  private readonly naming = new Set<string>();
  private lastTotal: number;
  namer: ConversationNamer = { unnamed: () => [], name: async () => {} };

  constructor(
    private readonly daos: Daos,
    private readonly events: SdkEventBus,
  ) {
    this.lastTotal = daos.localConversations.totalUnread() ?? 0;
  }

  /** Call before changing a row: remembers whether it was visible, to tell new from changed. */
  touch(conversationID: string, wasVisible: boolean): void {
    if (!wasVisible) this.appeared.add(conversationID);
    else this.changed.add(conversationID);
  }

  /**
   * Names the conversations that appeared since the last flush and still lack a name (one lookup);
   * until it is done, flushes leave them out. Undefined when there is nothing to name, so callers
   * with nothing to wait for flush in the same tick as their writes (no other flush between them).
   */
  nameAppeared(): Promise<void> | undefined {
    const unnamed = this.namer.unnamed([...this.appeared].filter((id) => !this.naming.has(id)));
    if (unnamed.length === 0) return undefined;
    for (const id of unnamed) this.naming.add(id);
    return this.namer.name(unnamed).finally(() => {
      for (const id of unnamed) this.naming.delete(id);
    });
  }

  /** nameAppeared, then flush (at once when nothing needs a name). */
  async flushNamed(): Promise<void> {
    const naming = this.nameAppeared();
    if (naming) await naming;
    this.flush();
  }

  /** Emits what changed since the last flush (except conversations still being named). */
  flush(): void {
    const rows = (ids: readonly string[]) => {
      const found = this.daos.localConversations.getMany(ids);
      return ids.map((id) => found.get(id)).filter((r) => r !== undefined && r.latestMsgSendTime > 0).map((r) => itemFromConversation(r!));
    };
    const appearedIDs = [...this.appeared].filter((id) => !this.naming.has(id));
    // A conversation still being named is announced later with all its changes: it stays in `appeared`.
    const changed = rows([...this.changed].filter((id) => !this.appeared.has(id)));
    const appeared = rows(appearedIDs);
    for (const id of appearedIDs) this.appeared.delete(id);
    this.changed.clear();
    if (appeared.length > 0) this.events.emit(CbEvents.OnNewConversation, appeared);
    if (changed.length > 0) this.events.emit(CbEvents.OnConversationChanged, changed);
    // A conversation still being named is not announced yet: its unread joins the total with it.
    let total = this.daos.localConversations.totalUnread() ?? 0;
    for (const held of this.daos.localConversations.getMany([...this.naming]).values()) if (held.recvMsgOpt === 0) total -= held.unreadCount;
    if (total !== this.lastTotal) {
      this.lastTotal = total;
      this.events.emit(CbEvents.OnTotalUnreadMessageCountChanged, total);
    }
  }
}
