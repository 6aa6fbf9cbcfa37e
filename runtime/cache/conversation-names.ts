// The name and face a conversation shows when its row is first made: the group's (from the synced
// local_groups) or the peer's (from the profiles the user cache stored), so a new conversation
// does not show a bare ID when the profile is already known. Messages and group syncs refresh them.
import type { Daos } from "../../generated/dao/index.js";
import type { LocalConversation } from "../../generated/types/index.js";
import { emptyConversation } from "../conversations/conversation-rows.js";
import type { Session } from "../session/session.js";
import { withGroupProfile } from "../groups/group-rows.js";
import { cacheFor } from "./cache.js";

export function newConversationRow(daos: Daos, conversationID: string, selfID: string): LocalConversation {
  const row = emptyConversation(conversationID, selfID);
  if (row.groupID) return withGroupProfile(row, daos.localGroups.get(row.groupID));
  const peer = row.userID ? daos.localUsers.get(row.userID) : undefined;
  return peer?.nickname ? { ...row, showName: peer.nickname, faceURL: peer.faceURL } : row;
}

/** The logged-in user's name and face for messages they build (known after the first connect). */
export function senderProfile(session: Session): { nickname?: string; faceURL?: string } {
  const me = cacheFor(session).users.peek(session.userID);
  return me ? { nickname: me.nickname, faceURL: me.faceURL } : {};
}
