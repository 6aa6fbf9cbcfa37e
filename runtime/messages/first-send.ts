// The first message into a conversation this device has not stored yet. The peer or group is
// looked up before anything is stored, so a send to a user or group that does not exist, or to a
// group the user is not in, is refused without leaving a conversation behind that holds nothing but
// the failed message. A lookup that cannot reach the server does not hold the message back: it is
// stored and queued as before (the durable outbox works offline) and the server's answer decides.
import type { LocalConversation } from "../../generated/types/index.js";
import { ErrCode, SdkError, ServerErrCode } from "../contracts/errors.js";
import type { Logger } from "../events/logger.js";
import { lookedUpConversationRow } from "../cache/conversation-names.js";
import { ApiError } from "../http/errors.js";
import type { Session } from "../session/session.js";

/** Answers that the recipient cannot be sent to; anything else (network, server trouble) is not. */
const REFUSALS = new Set<number>([ErrCode.UserIDNotFound, ErrCode.GroupIDNotFound, ServerErrCode.NotInGroupYet]);

/** The named row for the new conversation, or undefined when the server could not be asked. */
export async function conversationForFirstSend(session: Session, conversationID: string, method: string, logger: Logger): Promise<LocalConversation | undefined> {
  try {
    const row = await lookedUpConversationRow(session, conversationID, method);
    // local_groups holds the joined groups; one missing there may still be joined but not synced yet.
    if (row.groupID && !session.daos.localGroups.get(row.groupID)) await assertMember(session, row.groupID, method);
    return row;
  } catch (error) {
    if (error instanceof SdkError && REFUSALS.has(error.errCode)) throw error;
    logger.warn("send: could not look up the recipient; the message is stored and queued, the server decides", { conversationID, error: String(error) });
    return undefined;
  }
}

async function assertMember(session: Session, groupID: string, method: string): Promise<void> {
  let members: { userID: string }[];
  try {
    ({ members } = await session.http.call("/group/get_group_members_info", { groupID, userIDs: [session.userID] }));
  } catch (error) {
    // OpenIM answers a non-member's member query with NoPermission.
    if (!(error instanceof ApiError && error.errCode === ServerErrCode.NoPermission)) throw error;
    members = [];
  }
  if (!members.some((m) => m.userID === session.userID))
    throw new SdkError(ServerErrCode.NotInGroupYet, `${method}: you are not a member of group ${groupID}; only members can send to it`);
}
