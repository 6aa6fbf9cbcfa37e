// Which seqs to pull: per-conversation ranges packed into requests of a bounded message count.
import type { sdkws } from "../../generated/protocol/index.js";

/** Newest messages pulled per chat conversation at connect; older ones come with history (1005). */
export const CHAT_PULL_CAP = 200;
/** Notification streams carry receipts and revokes that change stored rows: pulled deeper. */
export const NOTIFICATION_PULL_CAP = 1000;
/** Messages per 1002 request (the Go SDK's batch size). */
export const PULL_BATCH = 100;

export interface MissingRange {
  conversationID: string;
  begin: number;
  end: number;
}

/** The ranges between the synced seqs and the server's max seqs, newest part of each only. */
export function missingRanges(serverMax: Record<string, number>, synced: (conversationID: string) => number): MissingRange[] {
  const out: MissingRange[] = [];
  for (const [conversationID, max] of Object.entries(serverMax).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const from = synced(conversationID) + 1;
    if (max < from) continue;
    const cap = conversationID.startsWith("n_") ? NOTIFICATION_PULL_CAP : CHAT_PULL_CAP;
    out.push({ conversationID, begin: Math.max(from, max - cap + 1), end: max });
  }
  return out;
}

/** Splits ranges into 1002 requests of at most PULL_BATCH messages (a long range is cut into pieces). */
export function batches(ranges: MissingRange[]): sdkws.SeqRange[][] {
  const out: sdkws.SeqRange[][] = [];
  let current: sdkws.SeqRange[] = [];
  let count = 0;
  for (const r of ranges) {
    for (let begin = r.begin; begin <= r.end; ) {
      const take = Math.min(r.end - begin + 1, PULL_BATCH - count);
      const end = begin + take - 1;
      current.push({ conversationID: r.conversationID, begin, end, num: take });
      count += take;
      begin = end + 1;
      if (count >= PULL_BATCH) {
        out.push(current);
        current = [];
        count = 0;
      }
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}
