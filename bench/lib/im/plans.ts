// Who talks to whom in a load run, derived from a seed so a run replays exactly.
import type { Random } from "../seeded-random.js";

export interface PlannedClient {
  userID: string;
  sends: string[];
}

/** Press: every user sends `messages` messages, each to a random other user. */
export function randomPeersPlan(userIDs: readonly string[], messages: number, rng: Random): PlannedClient[] {
  if (userIDs.length < 2) throw new Error(`a press run needs at least 2 clients (got ${userIDs.length}): each sends to peers`);
  return userIDs.map((userID, i) => ({
    userID,
    sends: Array.from({ length: messages }, () => userIDs[(i + 1 + rng.int(userIDs.length - 1)) % userIDs.length]!),
  }));
}

/** Message delay: pair k is (sender 2k, receiver 2k+1); only senders send. */
export function pairsPlan(userIDs: readonly string[], messages: number): PlannedClient[] {
  if (userIDs.length < 2 || userIDs.length % 2 !== 0) throw new Error(`pairs need an even number of users ≥ 2, got ${userIDs.length}`);
  return userIDs.map((userID, i) => ({ userID, sends: i % 2 === 0 ? Array.from({ length: messages }, () => userIDs[i + 1]!) : [] }));
}

/** User IDs unique to one run, so a run against a long-lived server never meets old data. */
export function runUserIDs(prefix: string, seed: number, n: number): string[] {
  const stamp = Date.now().toString(36);
  return Array.from({ length: n }, (_, i) => `${prefix}_${seed}_${stamp}_${i}`);
}
