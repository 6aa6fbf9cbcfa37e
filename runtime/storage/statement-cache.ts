// Keeps the most recently used one-shot statements compiled. DAOs call driver.get/run/all with
// the same few SQL strings over and over; re-preparing each time costs more than the query.
// Bounded (least recently used is freed first) so distinct SQL strings cannot leak statements.

export const ONE_SHOT_CACHE_SIZE = 64;

export class StatementCache<S extends { free(): void }> {
  private readonly entries = new Map<string, S>();

  constructor(private readonly capacity = ONE_SHOT_CACHE_SIZE) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached statement for `sql`, or a new one from `compile` (cached unless compile throws). */
  obtain(sql: string, compile: () => S): S {
    const hit = this.entries.get(sql);
    if (hit) {
      // Re-insert to mark as most recently used (Map keeps insertion order).
      this.entries.delete(sql);
      this.entries.set(sql, hit);
      return hit;
    }
    const stmt = compile();
    this.entries.set(sql, stmt);
    if (this.entries.size > this.capacity) {
      const [oldestSql, oldest] = this.entries.entries().next().value as [string, S];
      this.entries.delete(oldestSql);
      oldest.free();
    }
    return stmt;
  }

  values(): IterableIterator<S> {
    return this.entries.values();
  }

  freeAll(): void {
    for (const stmt of this.entries.values()) stmt.free();
    this.entries.clear();
  }
}
