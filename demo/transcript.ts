// Turns what the two clients did and saw into readable lines; keeps the lines for tests.
import type { ConversationItem, MessageItem } from "../generated/types/index.js";
import type { Received } from "./participant.js";

/** OpenIM content types the demo shows (constant.go). */
const CONTENT = { text: 101, atText: 106, quote: 114, revoked: 2101 } as const;

export class Transcript {
  readonly lines: string[] = [];

  constructor(private readonly out: (line: string) => void) {}

  line(text = ""): void {
    this.lines.push(text);
    this.out(text);
  }

  step(n: number, title: string): void {
    this.line();
    this.line(`── step ${n}: ${title} ${"─".repeat(Math.max(0, 60 - title.length))}`);
  }

  action(who: string, text: string): void {
    this.line(`  ${who} ▶ ${text}`);
  }

  received(who: string, events: Received[]): void {
    for (const r of events) this.line(`  ${who} ◀ ${r.event}: ${describeEvent(r)}`);
  }

  conversations(who: string, total: number, list: ConversationItem[]): void {
    this.line(`  ${who}'s conversations (total unread ${total}):`);
    if (list.length === 0) this.line("    (none)");
    for (const c of list) {
      const latest = c.latestMsg ? describeMessage(JSON.parse(c.latestMsg) as MessageItem) : "(no message)";
      this.line(`    ${c.showName || c.userID} [${c.conversationID}] unread ${c.unreadCount} — latest: ${latest}`);
    }
  }
}

export function describeMessage(m: MessageItem): string {
  const from = m.senderNickname || m.sendID;
  switch (m.contentType) {
    case CONTENT.text:
      return `${from}: "${m.textElem?.content ?? ""}"`;
    case CONTENT.atText:
      return `${from}: "${m.atTextElem?.text ?? ""}" (mentions ${(m.atTextElem?.atUserList ?? []).join(", ")})`;
    case CONTENT.quote: {
      const q = m.quoteElem?.quoteMessage;
      return `${from}: "${m.quoteElem?.text ?? ""}" (replying to ${q ? describeMessage(q) : "?"})`;
    }
    case CONTENT.revoked:
      return `[a message by ${from} was revoked]`;
    default:
      return `${from}: (content type ${m.contentType})`;
  }
}

function describeEvent(r: Received): string {
  const p: unknown = r.payload;
  switch (r.event) {
    case "OnRecvNewMessage":
      return describeMessage(p as MessageItem);
    case "OnNewConversation":
      return (p as ConversationItem[]).map((c) => `${c.showName || c.userID} (${c.conversationID})`).join(", ");
    case "OnTotalUnreadMessageCountChanged":
      return `total unread is now ${p as number}`;
    case "OnRecvC2CReadReceipt": {
      const receipts = p as { userID: string; msgIDList: string[] }[];
      return receipts.map((x) => `${x.userID} read ${x.msgIDList.length} of my messages`).join("; ");
    }
    case "OnNewRecvMessageRevoked": {
      const info = p as { revokerID: string; clientMsgID: string };
      return `${info.revokerID} revoked message ${info.clientMsgID}`;
    }
    case "OnConversationUserInputStatusChanged": {
      const s = p as { userID: string; platformIDs: number[] };
      return s.platformIDs.length > 0 ? `${s.userID} is typing (platforms ${s.platformIDs.join(", ")})` : `${s.userID} stopped typing`;
    }
    default:
      return JSON.stringify(p);
  }
}
