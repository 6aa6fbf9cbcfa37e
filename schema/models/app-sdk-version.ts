/**
 * Which SDK version created the local data, and whether the first full sync completed.
 * @table local_app_sdk_version
 * @query current(): LocalAppSdkVersion | undefined
 *   SELECT * FROM local_app_sdk_version LIMIT 1
 */
export interface LocalAppSdkVersion {
  /** @primaryKey */
  version: string;
  /** @default false */
  installed: boolean;
}
