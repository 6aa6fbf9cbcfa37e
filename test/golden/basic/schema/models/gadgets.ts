import type { Color, Mood, Tag } from "../types/entities.js";

/**
 * Gadgets: composite key, indexes, JSON, defaults, a column and an index added in version 2.
 * @table gadgets
 * @index by_owner(ownerID, createdAt)
 * @unique by_serial(ownerID, serial)
 * @index by_weight(weight) since 2
 * @query byOwner(ownerID: string, limit: number): Gadget[]
 *   SELECT * FROM gadgets WHERE owner_id = :ownerID ORDER BY created_at DESC LIMIT :limit
 * @query one(ownerID: string, gadgetID: string): Gadget | undefined
 *   SELECT * FROM gadgets WHERE owner_id = :ownerID AND gadget_id = :gadgetID
 * @query countActive(active: boolean): number
 *   SELECT count(*) AS n FROM gadgets WHERE active = :active
 * @query lastSerial(ownerID: string): string
 *   SELECT serial FROM gadgets WHERE owner_id = :ownerID ORDER BY created_at DESC LIMIT 1
 * @query totals(): OwnerTotal[]
 *   SELECT owner_id, count(*) AS gadget_count, max(active) AS any_active FROM gadgets GROUP BY owner_id ORDER BY owner_id
 * @query deactivate(ownerID: string): void
 *   UPDATE gadgets SET active = 0 WHERE owner_id = :ownerID
 */
export interface Gadget {
  /** @primaryKey */
  ownerID: string;
  /** @primaryKey */
  gadgetID: string;
  serial: string;
  color: Color;
  mood?: Mood;
  /** @default true */
  active: boolean;
  createdAt: number;
  /** @real */
  weight?: number;
  /** @json */
  tags: Tag[];
  /** @json */
  meta?: Tag;
  raw?: Uint8Array;
  /** @since 2 @default '' */
  nickname: string;
}

export interface OwnerTotal {
  ownerID: string;
  gadgetCount: number;
  anyActive: boolean;
}
