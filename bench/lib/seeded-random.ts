// Seeded randomness so a failing load or fault run replays: print the seed, pass it back.
import { randomInt } from "node:crypto";

export interface Random {
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
}

/** mulberry32: tiny, fast, and good enough for choosing peers and faults. */
export function seededRandom(seed: number = randomInt(1, 2 ** 31)): Random {
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) throw new Error(`seed must be an integer in 0..2^32-1, got ${seed}`);
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    seed,
    next,
    int: (n) => {
      if (!Number.isInteger(n) || n <= 0) throw new Error(`Random.int(n): n must be a positive integer, got ${n}`);
      return Math.floor(next() * n);
    },
    chance: (p) => next() < p,
  };
}
