import type { CreateGroupParams, GroupItem, GroupMemberItem, GroupMembersQuery } from "../types/group.js";

/**
 * The group pieces group chats need: create a group, list the joined groups (kept by a version sync
 * at every connect), look up groups and members. Messages to a group go through sendMessage with
 * its groupID (conversation `sg_<groupID>`).
 * @module group
 */
export interface GroupApi {
  /**
   * Creates a work group (groupType 2) owned by the logged-in user; the members get its
   * conversation and the creation notice. Resolves with the group as the server stored it.
   * @errors 10002 10009
   */
  createGroup(params: CreateGroupParams): GroupItem;

  /**
   * Every group the logged-in user belongs to, oldest first.
   * @local
   * @errors 10009
   */
  getJoinedGroupList(): GroupItem[];

  /**
   * The joined groups with these IDs, in the order asked; groups not joined are left out.
   * @local
   * @errors 10002 10009
   */
  getSpecifiedGroupsInfo(groupIDs: string[]): GroupItem[];

  /**
   * Members of a group by userID, from the server (the caller must be a member); non-members are left out.
   * @errors 10002 10009
   */
  getSpecifiedGroupMembersInfo(params: GroupMembersQuery): GroupMemberItem[];
}
