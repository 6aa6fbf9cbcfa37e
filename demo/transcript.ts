// Readable lines for the demo: who did what, what each side's SDK reported, and each side's
// conversation list with unread counts.
import type { OpenIMSDK } from "../generated/facade/sdk.js";
import type { ConversationItem, MessageItem } from "../generated/types/index.js";
import { CbEvents } from "../generated/listeners/events.js";

const pad = (name: string) => name.padEnd(6);

export function describeMessage(m: MessageItem): string {
  if (m.textElem) return `"${m.textElem.content}"`;
  if (m.atTextElem) return `@${m.atTextElem.atUserList.join(",")} "${m.atTextElem.text}"`;
  if (m.quoteElem) return `"${m.quoteElem.text}" (quoting ${describeMessage(m.quoteElem.quoteMessage)})`;
  if (m.contentType === 2101) return "[revoked]";
  return `[content type ${m.contentType}]`;
}

export function say(who: string, line: string): void {
  console.log(`  ${pad(who)}│ ${line}`);
}

/** Prints what the SDK tells `who` about messages, receipts, revokes and typing. */
export function narrate(who: string, sdk: OpenIMSDK): void {
  sdk.on(CbEvents.OnRecvNewMessage, (m) => say(who, `⇠ received ${describeMessage(m)} from ${m.sendID} (seq ${m.seq})`));
  sdk.on(CbEvents.OnRecvC2CReadReceipt, (list) => list.forEach((r) => say(who, `✓✓ ${r.userID} read ${r.msgIDList.length} message(s)`)));
  sdk.on(CbEvents.OnNewRecvMessageRevoked, (r) => say(who, `⊘ ${r.revokerID} revoked a message (seq ${r.seq})`));
  sdk.on(CbEvents.OnConversationUserInputStatusChanged, (s) => say(who, s.platformIDs.length > 0 ? `… ${s.userID} is typing` : `  ${s.userID} stopped typing`));
  sdk.on(CbEvents.OnTotalUnreadMessageCountChanged, (n) => say(who, `unread total → ${n}`));
}

export async function printConversations(who: string, sdk: OpenIMSDK): Promise<void> {
  const list: ConversationItem[] = await sdk.getAllConversationList();
  say(who, `conversations (${list.length}), total unread ${await sdk.getTotalUnreadMsgCount()}:`);
  for (const c of list) {
    const latest = c.latestMsg ? describeMessage(JSON.parse(c.latestMsg) as MessageItem) : "—";
    say(who, `   ${c.isPinned ? "📌 " : ""}${c.showName || c.conversationID}  unread ${c.unreadCount}  latest ${latest}`);
  }
}
