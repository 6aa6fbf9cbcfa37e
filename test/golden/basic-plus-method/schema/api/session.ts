/** @module session */
export interface SessionApi {
  /** @local */
  ping(): number;
}
