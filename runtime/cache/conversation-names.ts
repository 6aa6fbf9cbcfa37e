// The name and face a conversation shows when its row is first made: the group's (from the synced
// local_groups) or the peer's (from the profiles the user cache stored), so a new conversation
// does not show a bare ID when the profile is already known. Messages and group syncs refresh them.
import type { Daos } from "../../generated/dao/index.js";
import type { LocalConversation } from "../../generated/types/index.js";
import { SessionType } from "../../generated/types/index.js";
import { ErrCode, SdkError } from "../contracts/errors.js";
import { emptyConversation } from "../conversations/conversation-rows.js";
import type { Session } from "../session/session.js";
import { withGroupProfile } from "../groups/group-rows.js";
import { serverCall } from "../http/server-call.js";
import { cacheFor } from "./cache.js";

export function newConversationRow(daos: Daos, conversationID: string, selfID: string): LocalConversation {
  const row = emptyConversation(conversationID, selfID);
  if (row.groupID) return withGroupProfile(row, daos.localGroups.get(row.groupID));
  const peer = row.userID ? daos.localUsers.get(row.userID) : undefined;
  return peer?.nickname ? { ...row, showName: peer.nickname, faceURL: peer.faceURL } : row;
}

/**
 * A new row named after a peer or group that must exist (getOneConversation, as the Go SDK): the
 * peer from the user cache (memory → local_users → server), the group from local_groups, else from
 * the server. An unknown user (10100) or group (10400) is an error, not a phantom conversation.
 */
export async function lookedUpConversationRow(session: Session, conversationID: string, method: string): Promise<LocalConversation> {
  const row = emptyConversation(conversationID, session.userID);
  if (row.conversationType === SessionType.Group) {
    const group = (await serverCall(method, groupProfiles(session, [row.groupID]))).get(row.groupID);
    if (!group) throw new SdkError(ErrCode.GroupIDNotFound, `${method}: group ${row.groupID} does not exist; check the groupID`);
    return { ...row, showName: group.groupName, faceURL: group.faceURL };
  }
  if (row.conversationType !== SessionType.Single) return row;
  const peer = (await serverCall(method, cacheFor(session).users.getUsers([row.userID]))).get(row.userID);
  if (!peer) throw new SdkError(ErrCode.UserIDNotFound, `${method}: user ${row.userID} does not exist; check the userID`);
  return { ...row, showName: peer.nickname || peer.userID, faceURL: peer.faceURL };
}

export interface GroupProfile {
  groupName: string;
  faceURL: string;
}

/** Names and faces of groups: the joined ones from local_groups, the rest in one server request; unknown ones left out. */
export async function groupProfiles(session: Session, groupIDs: readonly string[]): Promise<Map<string, GroupProfile>> {
  const found = new Map<string, GroupProfile>();
  const missing: string[] = [];
  for (const id of new Set(groupIDs)) {
    const local = session.daos.localGroups.get(id);
    if (local) found.set(id, local);
    else missing.push(id);
  }
  if (missing.length > 0) for (const g of (await session.http.call("/group/get_groups_info", { groupIDs: missing })).groupInfos) found.set(g.groupID, g);
  return found;
}

/** The logged-in user's name and face for messages they build (known after the first connect). */
export function senderProfile(session: Session): { nickname?: string; faceURL?: string } {
  const me = cacheFor(session).users.peek(session.userID);
  return me ? { nickname: me.nickname, faceURL: me.faceURL } : {};
}
