/**
 * Version 2: a NOT NULL column with a default, an optional JSON column, a new index, a new table.
 * @table items
 * @index by_owner(ownerID)
 * @index by_priority(ownerID, priority) since 2
 * @query byOwner(ownerID: string): Item[]
 *   SELECT * FROM items WHERE owner_id = :ownerID ORDER BY item_id
 * @query urgent(ownerID: string, min: number): Item[]
 *   SELECT * FROM items WHERE owner_id = :ownerID AND priority >= :min ORDER BY priority DESC
 */
export interface Item {
  /** @primaryKey */
  itemID: string;
  ownerID: string;
  /** @default false */
  done: boolean;
  /** @since 2 @default 3 */
  priority: number;
  /**
   * @since 2
   * @json
   */
  labels?: string[];
}

/**
 * @table item_notes
 * @since 2
 */
export interface ItemNote {
  /** @primaryKey */
  itemID: string;
  /** @primaryKey */
  at: number;
  text: string;
}
