// @-mentions as the receiver sees them. The sender's atTextElem.isAtSelf says whether the *sender*
// is mentioned, so every stored @ message gets it recomputed for this user; a group conversation
// remembers the latest unread mention in groupAtType until it is read (the latest replaces the
// previous one, as the server and the Go SDK do: AtMe then AtAll leaves AtAll).
import type { GroupAtType, LocalChatLog } from "../../generated/types/index.js";
import { MessageType } from "../../generated/types/index.js";

/** The atUserList entry that mentions everyone. */
export const AT_ALL = "AtAllTag";

/** groupAtType flags (web API enum): AtMe 1 | AtAll 2 = AtAllAtMe 3. */
const AT_ME = 1;
const AT_EVERYONE = 2;

export interface Mention {
  row: LocalChatLog;
  /** The conversation's groupAtType this message sets (0: none; the message mentions nobody here). */
  atType: GroupAtType;
}

/** The row with isAtSelf set for `selfID`, and its mention flags; other rows pass unchanged. */
export function mentionOf(row: LocalChatLog, selfID: string): Mention {
  if (row.contentType !== MessageType.AtTextMessage) return { row, atType: 0 };
  let elem: { atUserList?: unknown; isAtSelf?: boolean };
  try {
    elem = JSON.parse(row.content) as typeof elem;
  } catch {
    return { row, atType: 0 };
  }
  const list = Array.isArray(elem.atUserList) ? elem.atUserList : [];
  const atMe = list.includes(selfID);
  const atAll = list.includes(AT_ALL);
  const isAtSelf = atMe || atAll;
  const next = elem.isAtSelf === isAtSelf ? row : { ...row, content: JSON.stringify({ ...elem, isAtSelf }) };
  return { row: next, atType: ((atMe ? AT_ME : 0) | (atAll ? AT_EVERYONE : 0)) as GroupAtType };
}
