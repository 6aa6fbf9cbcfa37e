// The conversationID argument of the API methods: the same clear error everywhere for an empty ID
// and for an ID this device stores no conversation for.
import type { Daos } from "../../generated/dao/index.js";
import type { LocalConversation } from "../../generated/types/index.js";
import { ErrCode, SdkError } from "../contracts/errors.js";

/** `field` names the argument in the message, e.g. "params.conversationID". */
export function requireConversationID(conversationID: string, method: string, field = "conversationID"): void {
  if (conversationID.trim() === "")
    throw new SdkError(ErrCode.Args, `${method}: ${field} is empty; pass an ID from getAllConversationList or getConversationIDBySessionType`);
}

export function storedConversation(daos: Daos, conversationID: string, method: string, field = "conversationID"): LocalConversation {
  requireConversationID(conversationID, method, field);
  const conv = daos.localConversations.get(conversationID);
  if (!conv) throw new SdkError(ErrCode.Args, `${method}: no conversation ${conversationID} on this device; use an ID from getAllConversationList, or open it with getOneConversation first`);
  return conv;
}
