// Conversation events, emitted after the writes that caused them and read back from the table, so
// an app that queries right after an event sees exactly what the event said.
import type { Daos } from "../../generated/dao/index.js";
import { CbEvents } from "../../generated/listeners/events.js";
import type { SdkEventBus } from "../events/sdk-events.js";
import { itemFromConversation } from "./conversation-rows.js";

export class ConversationNotifier {
  private readonly changed = new Set<string>();
  private readonly appeared = new Set<string>();
  private lastTotal: number;
  /** Told which conversations appeared, after the event (titles are looked up then). */
  onAppeared: (conversationIDs: string[]) => void = () => {};

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

  /** Emits what changed since the last flush. */
  flush(): void {
    const rows = (ids: Set<string>) =>
      [...ids].map((id) => this.daos.localConversations.get(id)).filter((r) => r !== undefined && r.latestMsgSendTime > 0).map((r) => itemFromConversation(r!));
    const appeared = rows(this.appeared);
    const changed = rows(new Set([...this.changed].filter((id) => !this.appeared.has(id))));
    this.appeared.clear();
    this.changed.clear();
    if (appeared.length > 0) this.events.emit(CbEvents.OnNewConversation, appeared);
    if (changed.length > 0) this.events.emit(CbEvents.OnConversationChanged, changed);
    const total = this.daos.localConversations.totalUnread() ?? 0;
    if (total !== this.lastTotal) {
      this.lastTotal = total;
      this.events.emit(CbEvents.OnTotalUnreadMessageCountChanged, total);
    }
    if (appeared.length > 0) this.onAppeared(appeared.map((c) => c.conversationID));
  }
}
