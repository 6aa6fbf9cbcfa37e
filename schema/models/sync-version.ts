/**
 * Incremental version-sync state per (table, entity), with the ordered ID list used for paging.
 * @table local_sync_version
 * @query byTable(tableName: string): LocalSyncVersion[]
 *   SELECT * FROM local_sync_version WHERE table_name = :tableName ORDER BY entity_id
 */
export interface LocalSyncVersion {
  /** @primaryKey */
  tableName: string;
  /** @primaryKey */
  entityID: string;
  versionID: string;
  version: number;
  createTime: number;
  /** @json */
  idList: string[];
}
