// History pages with gap filling: before a page is read, the seqs it should cover that are missing
// locally are pulled with 1005 (explicit seq lists; the server answers deleted ones with status-4
// placeholders, which are stored so they are not asked again, and never shown).
import type { AdvancedGetMessageResult, LocalChatLog } from "../../generated/types/index.js";
import { ErrCode, SdkError } from "../contracts/errors.js";
import { requireConversationID } from "../conversations/conversation-args.js";
import { wsCall } from "../sync/ws-call.js";
import { itemFromRow, RowStatus } from "./convert.js";
import { groupsOf } from "./inbox.js";
import type { MessageSession } from "./message-session.js";

/** Seqs per 1005 request. */
const PULL_LIMIT = 100;
/** Gap-fill rounds per page (each round pulls what the page still lacks). */
const MAX_ROUNDS = 8;

const shown = (r: Pick<LocalChatLog, "status">) => r.status < RowStatus.Deleted;

export interface HistoryRequest {
  conversationID: string;
  startClientMsgID: string;
  count: number;
}

export async function historyPage(ms: MessageSession, req: HistoryRequest, reverse: boolean, method: string): Promise<AdvancedGetMessageResult> {
  const { daos } = ms.session;
  requireConversationID(req.conversationID, method, "params.conversationID");
  if (!Number.isInteger(req.count) || req.count < 1 || req.count > 1000) throw new SdkError(ErrCode.Args, `${method}: params.count must be an integer in 1..1000, got ${req.count}`);
  let start: LocalChatLog | undefined;
  if (req.startClientMsgID !== "") {
    start = daos.chatLogs.get(req.startClientMsgID);
    if (!start || start.conversationID !== req.conversationID)
      throw new SdkError(ErrCode.Args, `${method}: startClientMsgID ${req.startClientMsgID} is not a message of ${req.conversationID}; pass "" to start at the ${reverse ? "oldest" : "newest"}`);
  }
  const conv = daos.localConversations.get(req.conversationID);
  const maxSeq = Math.max(conv?.maxSeq ?? 0, ms.sync.syncedSeq(req.conversationID));
  const result: AdvancedGetMessageResult = { messageList: [], isEnd: false, errCode: 0, errMsg: "" };

  // Which seqs the page covers: below the start (or from the newest), or above it for Reverse.
  let covered = true;
  try {
    covered = reverse
      ? await fillAbove(ms, req.conversationID, (start?.seq ?? 0) + 1, maxSeq, req.count + 1)
      : await fillBelow(ms, req.conversationID, start && start.seq > 0 ? start.seq - 1 : maxSeq, req.count + 1);
  } catch (error) {
    // Offline: answer from what is stored, and say the page may have holes.
    result.errCode = (error as { errCode?: number }).errCode ?? ErrCode.Network;
    result.errMsg = `could not pull missing messages: ${error instanceof Error ? error.message : String(error)}`;
    covered = false;
  }

  const rows: LocalChatLog[] = [];
  let cursor = start ? { t: start.sendTime, s: start.seq, id: start.clientMsgID } : reverse ? { t: -1, s: -1, id: "" } : { t: Number.MAX_SAFE_INTEGER, s: Number.MAX_SAFE_INTEGER, id: "\uffff" };
  while (rows.length <= req.count) {
    const page = reverse
      ? daos.chatLogs.pageAfter(req.conversationID, cursor.t, cursor.s, cursor.id, req.count + 1)
      : daos.chatLogs.pageBefore(req.conversationID, cursor.t, cursor.s, cursor.id, req.count + 1);
    if (page.length === 0) break;
    rows.push(...page.filter(shown));
    const last = page[page.length - 1]!;
    cursor = { t: last.sendTime, s: last.seq, id: last.clientMsgID };
  }
  result.isEnd = rows.length <= req.count && covered;
  const pageRows = rows.slice(0, req.count);
  // Apps render oldest → newest in both directions.
  if (!reverse) pageRows.reverse();
  result.messageList = pageRows.map(itemFromRow);
  return result;
}

/** Pulls missing seqs at or below `high` until `want` shown messages exist there; true when seq 1 was reached. */
async function fillBelow(ms: MessageSession, cid: string, high: number, want: number): Promise<boolean> {
  let hi = high;
  let shownCount = 0;
  for (let round = 0; round < MAX_ROUNDS && hi >= 1 && shownCount < want; round++) {
    const lo = Math.max(1, hi - Math.min(PULL_LIMIT, want - shownCount) + 1);
    shownCount += await fillRange(ms, cid, lo, hi);
    hi = lo - 1;
  }
  return hi < 1;
}

/** Pulls missing seqs from `low` up to `max` until `want` shown messages exist there; true when max was reached. */
async function fillAbove(ms: MessageSession, cid: string, low: number, max: number, want: number): Promise<boolean> {
  let lo = low;
  let shownCount = 0;
  for (let round = 0; round < MAX_ROUNDS && lo <= max && shownCount < want; round++) {
    const hi = Math.min(max, lo + Math.min(PULL_LIMIT, want - shownCount) - 1);
    shownCount += await fillRange(ms, cid, lo, hi);
    lo = hi + 1;
  }
  return lo > max;
}

/** Pulls the seqs of [lo, hi] not stored yet; returns how many shown messages the range now holds. */
async function fillRange(ms: MessageSession, cid: string, lo: number, hi: number): Promise<number> {
  const { daos, connection, userID } = ms.session;
  // Seqs and statuses only: the messages themselves are read once, by the page query.
  const have = new Set(daos.chatLogs.seqStates(cid, lo, hi).map((r) => r.seq));
  const missing: number[] = [];
  for (let s = lo; s <= hi; s++) if (!have.has(s)) missing.push(s);
  if (missing.length > 0) {
    const resp = await wsCall(connection, 1005, { userID, conversations: [{ conversationID: cid, seqs: missing }], order: 0 });
    ms.inbox.ingest(groupsOf([resp.msgs, resp.notificationMsgs]), { countUnread: false });
    // History is not news: the pulled messages raise no events, and only the latest may change.
    await ms.notifier.flushNamed();
  }
  return daos.chatLogs.seqStates(cid, lo, hi).filter(shown).length;
}
