// Who may read or act in a conversation: the two users of a pair conversation (si_/sn_/n_<a>_<b>),
// or the members of the group of sg_<g> / n_<g>.
import { noPermission } from "../errors.js";
import { peerOf } from "./ids.js";
import type { Services } from "./services.js";

/** The group a conversation ID names (sg_<g> or a non-pair n_<g>), if any. */
export function groupIDOf(conversationID: string): string | undefined {
  if (conversationID.startsWith("sg_")) return conversationID.slice(3);
  if (conversationID.startsWith("n_")) return conversationID.slice(2);
  return undefined;
}

export function isParticipant(s: Services, userID: string, conversationID: string): boolean {
  if (peerOf(conversationID, userID) !== undefined) return true;
  const groupID = groupIDOf(conversationID);
  return groupID !== undefined && s.store.groups.member(groupID, userID) !== undefined;
}

export function assertParticipant(s: Services, userID: string, conversationID: string): void {
  if (!isParticipant(s, userID, conversationID)) {
    throw noPermission(`${userID} is not in conversation ${conversationID}`);
  }
}

/** userID in a body must be the token's user unless the caller is an app admin. */
export function assertSelf(actor: { userID: string; isAdmin: boolean }, userID: string, field = "userID"): void {
  if (!actor.isAdmin && userID !== actor.userID) throw noPermission(`${field} ${JSON.stringify(userID)} is not the token's user ${actor.userID}`);
}
