// Reading messages: 1001 max seqs, 1002 range pull, 1005 explicit seqs, 1006 read/max seqs,
// 1007 last messages — with OpenIM's window clamping (§3.3) and status-4 placeholders.
import { msg, sdkws } from "../../generated/protocol/index.js";
import { argsError } from "../errors.js";
import { assertParticipant } from "./access.js";
import { MsgStatus } from "./deliver.js";
import { isNotificationConversation, notificationTwin } from "./ids.js";
import type { Services } from "./services.js";

const placeholder = (seq: number) => sdkws.MsgData.create({ seq, status: MsgStatus.HasDeleted });

/** Messages for these seqs as the user sees them: placeholders for missing or self-deleted. */
function load(s: Services, userID: string, conversationID: string, seqs: readonly number[]): sdkws.MsgData[] {
  if (seqs.length === 0) return [];
  const lo = Math.min(...seqs);
  const hi = Math.max(...seqs);
  const stored = new Map(s.store.messages.range(conversationID, lo, hi).map((m) => [m.seq, m]));
  const deleted = s.store.messages.deletedForUser(userID, conversationID, lo, hi);
  return seqs.map((seq) => {
    const m = stored.get(seq);
    if (!m || deleted.has(seq)) return placeholder(seq);
    return sdkws.MsgData.decode(m.body);
  });
}

function seqRange(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

export function maxSeqs(s: Services, userID: string): sdkws.GetMaxSeqResp {
  const ids = new Set<string>();
  for (const c of s.store.conversations.list(userID)) {
    ids.add(c.conversationID);
    ids.add(notificationTwin(c.conversationID));
  }
  ids.add(`n_${userID}_${userID}`);
  const out: Record<string, number> = {};
  for (const id of ids) {
    const max = s.store.seqs.maxSeq(id);
    if (max > 0) out[id] = max;
  }
  return sdkws.GetMaxSeqResp.create({ maxSeqs: out });
}

/** Upper bound on seqs walked per range, so a huge end cannot stall the server. */
const MAX_RANGE = 10_000;

export function pullByRange(s: Services, userID: string, req: sdkws.PullMessageBySeqsReq): sdkws.PullMessageBySeqsResp {
  const resp = sdkws.PullMessageBySeqsResp.create({});
  for (const r of req.seqRanges) {
    assertParticipant(s, userID, r.conversationID);
    const notification = isNotificationConversation(r.conversationID);
    // A chat conversation the user has no row for is skipped silently, as OpenIM does.
    if (!notification && !s.store.conversations.get(userID, r.conversationID)) continue;
    const win = s.store.seqs.window(userID, r.conversationID);
    const begin = Math.max(r.begin, win.minSeq);
    const end = Math.min(r.end, win.maxSeq);
    if (end < begin) continue; // OpenIM: ArgsError for that range, which is skipped
    let from = begin;
    if (!notification && end - begin + 1 > r.num) from = end - r.num + 1; // the newest `num`
    if (end - from + 1 > MAX_RANGE) throw argsError(`range ${r.conversationID} [${from}, ${end}] is wider than ${MAX_RANGE} seqs; page it`);
    const msgs = load(s, userID, r.conversationID, seqRange(from, end));
    if (msgs.length === 0) continue;
    const isEnd = req.order === sdkws.PullOrder.PullOrderDesc ? r.begin <= win.minSeq : win.maxSeq <= r.end;
    (notification ? resp.notificationMsgs : resp.msgs)[r.conversationID] = sdkws.PullMsgs.create({ Msgs: msgs, isEnd });
  }
  return resp;
}

export function pullBySeqs(s: Services, userID: string, req: msg.GetSeqMessageReq): msg.GetSeqMessageResp {
  const resp = msg.GetSeqMessageResp.create({});
  const desc = req.order === sdkws.PullOrder.PullOrderDesc;
  for (const c of req.conversations) {
    assertParticipant(s, userID, c.conversationID);
    const win = s.store.seqs.window(userID, c.conversationID);
    let isEnd = false;
    let endSeq = 0;
    const inWindow: number[] = [];
    for (const seq of c.seqs) {
      if (seq <= 0) continue;
      if (seq > win.maxSeq) {
        if (!desc) [isEnd, endSeq] = [true, win.maxSeq];
      } else if (seq < win.minSeq) {
        if (desc) [isEnd, endSeq] = [true, win.minSeq];
      } else inWindow.push(seq);
    }
    if (inWindow.length > MAX_RANGE) throw argsError(`more than ${MAX_RANGE} seqs for ${c.conversationID}; page it`);
    const msgs = load(s, userID, c.conversationID, inWindow);
    // As OpenIM's GetSeqMessage: every requested conversation gets an entry, even an empty one
    // (@openim/client-sdk reads msgs[conversationID].Msgs without a check).
    const target = isNotificationConversation(c.conversationID) ? resp.notificationMsgs : resp.msgs;
    target[c.conversationID] = sdkws.PullMsgs.create({ Msgs: msgs, isEnd, endSeq });
  }
  return resp;
}

export function hasReadAndMaxSeqs(s: Services, userID: string, conversationIDs: readonly string[]): msg.GetConversationsHasReadAndMaxSeqResp {
  const ids = conversationIDs.length > 0 ? conversationIDs : s.store.conversations.list(userID).map((c) => c.conversationID);
  const seqs: Record<string, msg.Seqs> = {};
  for (const id of ids) {
    assertParticipant(s, userID, id);
    const win = s.store.seqs.window(userID, id);
    seqs[id] = msg.Seqs.create({ maxSeq: win.maxSeq, hasReadSeq: s.store.seqs.user(userID, id).readSeq, maxSeqTime: s.store.seqs.maxSeqTime(id) });
  }
  return msg.GetConversationsHasReadAndMaxSeqResp.create({ seqs });
}

export function lastMessages(s: Services, userID: string, conversationIDs: readonly string[]): msg.GetLastMessageResp {
  const msgs: Record<string, sdkws.MsgData> = {};
  for (const id of conversationIDs) {
    assertParticipant(s, userID, id);
    const win = s.store.seqs.window(userID, id);
    const m = s.store.messages.last(id, userID, win.minSeq, win.maxSeq);
    if (m) msgs[id] = sdkws.MsgData.decode(m.body);
  }
  return msg.GetLastMessageResp.create({ msgs });
}
