// OpenIM's msg service records who an @ message (contentType 106) in a group mentions on their
// conversations (setConversationAtInfo), so a member who was offline still sees it after a settings sync.
import type { sdkws } from "../../generated/protocol/index.js";
import { setGroupAtType } from "./conversations.js";
import type { Services } from "./services.js";

/** The everyone-mention marker in atUserIDList. */
const AT_ALL_TAG = "AtAllTag";

/** Conversation groupAtType values (OpenIM constant AtMe, AtAll, AtAllAtMe). */
const GroupAtType = { AtMe: 1, AtAll: 2, AtAllAtMe: 3 } as const;

/**
 * Named members get AtMe (the sender too, when they name themselves). With the everyone tag, every
 * member but the sender gets AtAll, and those also named get AtAllAtMe. Names that are not members
 * are ignored.
 */
export function recordMentions(s: Services, m: sdkws.MsgData): void {
  const members = new Set(s.store.groups.members(m.groupID).map((x) => x.userID));
  const named = new Set(m.atUserIDList.filter((id) => id !== AT_ALL_TAG && members.has(id)));
  if (!m.atUserIDList.includes(AT_ALL_TAG)) {
    setGroupAtType(s, [...named], m.groupID, GroupAtType.AtMe);
    return;
  }
  members.delete(m.sendID);
  named.delete(m.sendID);
  setGroupAtType(s, [...named], m.groupID, GroupAtType.AtAllAtMe);
  setGroupAtType(s, [...members].filter((id) => !named.has(id)), m.groupID, GroupAtType.AtAll);
}
