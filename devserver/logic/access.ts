// Who may read or act in a conversation: a pair conversation's two users; groups are not served yet.
import { noPermission } from "../errors.js";
import { peerOf } from "./ids.js";

export function isParticipant(userID: string, conversationID: string): boolean {
  return peerOf(conversationID, userID) !== undefined;
}

export function assertParticipant(userID: string, conversationID: string): void {
  if (!isParticipant(userID, conversationID)) {
    throw noPermission(`${userID} is not in conversation ${conversationID}`);
  }
}

/** userID in a body must be the token's user unless the caller is an app admin. */
export function assertSelf(actor: { userID: string; isAdmin: boolean }, userID: string, field = "userID"): void {
  if (!actor.isAdmin && userID !== actor.userID) throw noPermission(`${field} ${JSON.stringify(userID)} is not the token's user ${actor.userID}`);
}
