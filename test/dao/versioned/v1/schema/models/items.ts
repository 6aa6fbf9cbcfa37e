/**
 * Version 1 of a model that grows.
 * @table items
 * @index by_owner(ownerID)
 * @query byOwner(ownerID: string): Item[]
 *   SELECT * FROM items WHERE owner_id = :ownerID ORDER BY item_id
 */
export interface Item {
  /** @primaryKey */
  itemID: string;
  ownerID: string;
  /** @default false */
  done: boolean;
}
