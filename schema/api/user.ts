import type { PublicUserItem, SelfUserInfo } from "../types/user.js";

/**
 * User profiles: the logged-in user's own, and other users' public ones (through the user cache:
 * memory, then the local database, then one server request for all the misses).
 * @module user
 */
export interface UserApi {
  /**
   * The logged-in user's profile, as synced at connect (asks the server when not synced yet).
   * @errors 10009
   */
  getSelfUserInfo(): SelfUserInfo;

  /**
   * Public profiles of these users, in the order asked; unknown users are left out.
   * @param userIDs at most 1000 user IDs
   * @errors 10002 10009
   */
  getUsersInfo(userIDs: string[]): PublicUserItem[];
}
