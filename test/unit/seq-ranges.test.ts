import { describe, expect, it } from "vitest";
import { batches, CHAT_PULL_CAP, missingRanges, PULL_BATCH } from "../../runtime/sync/seq-ranges.js";

describe("missing seq ranges", () => {
  it("starts after the synced seq, skips synced conversations and caps chat ranges to the newest", () => {
    const synced: Record<string, number> = { si_a_b: 3, sg_g: 10 };
    const ranges = missingRanges({ si_a_b: 7, sg_g: 10, si_a_c: 1000, n_a_b: 1500 }, (c) => synced[c] ?? 0);
    expect(ranges).toEqual([
      { conversationID: "n_a_b", begin: 501, end: 1500 },
      { conversationID: "si_a_b", begin: 4, end: 7 },
      { conversationID: "si_a_c", begin: 1000 - CHAT_PULL_CAP + 1, end: 1000 },
    ]);
  });

  it("packs ranges into requests of at most PULL_BATCH messages, cutting long ranges, nothing lost or repeated", () => {
    const ranges = [
      { conversationID: "x", begin: 1, end: 30 },
      { conversationID: "y", begin: 5, end: 184 },
      { conversationID: "z", begin: 2, end: 2 },
    ];
    const out = batches(ranges);
    for (const b of out) expect(b.reduce((n, r) => n + r.num, 0)).toBeLessThanOrEqual(PULL_BATCH);
    for (const b of out) for (const r of b) expect(r.num).toBe(r.end - r.begin + 1);
    const seqs = (cid: string) => out.flat().filter((r) => r.conversationID === cid).flatMap((r) => Array.from({ length: r.num }, (_, i) => r.begin + i));
    expect(seqs("x")).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(seqs("y")).toEqual(Array.from({ length: 180 }, (_, i) => i + 5));
    expect(seqs("z")).toEqual([2]);
    expect(out).toHaveLength(3);
  });
});
