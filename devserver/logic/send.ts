// A user's (or admin's) send: MsgData checks, clientMsgID dedup, recvMsgOpt drop, then deliver.
import { msg, type sdkws } from "../../generated/protocol/index.js";
import { argsError, CodeError, ErrCode, noPermission } from "../errors.js";
import { deliver } from "./deliver.js";
import { chatConversationID, SessionType } from "./ids.js";
import { GroupStatus } from "./groups.js";
import { recordMentions } from "./mentions.js";
import { ContentType } from "./notify.js";
import type { Actor, Services } from "./services.js";

const isNotificationType = (t: number) => t >= 1000 && t <= 5000;

/** OpenIM's MsgData.Check() plus what the devserver needs to store it. */
function check(m: sdkws.MsgData): void {
  if (!m.sendID) throw argsError("sendID is empty");
  if (!m.clientMsgID) throw argsError("clientMsgID is empty; it is the dedup key, generate a unique one per message");
  if (m.content.length === 0) throw argsError("content is empty");
  if (m.contentType <= 0) throw argsError(`contentType ${m.contentType} is invalid`);
  if (m.sessionType === SessionType.WriteGroup || ![SessionType.Single, SessionType.Group, SessionType.Notification].includes(m.sessionType as 1)) {
    throw argsError(`unknown sessionType ${m.sessionType}; use 1 (single), 3 (group) or 4 (notification)`);
  }
  if ((m.sessionType === SessionType.Notification) !== (m.contentType === ContentType.OANotification)) {
    throw argsError("notification msg must have correct session type and content type (sessionType 4 ⇔ contentType 1400)");
  }
  if (m.sessionType !== SessionType.Group && !m.recvID) throw argsError("recvID is empty for a single chat");
}

/** The server forces these messages online-only, but only when the client sent options at all (§8.28). */
function forceOptions(m: sdkws.MsgData): void {
  if (Object.keys(m.options).length === 0) return;
  if (m.contentType === ContentType.Typing) {
    Object.assign(m.options, { history: false, persistent: false, senderSync: false, conversationUpdate: false, senderConversationUpdate: false, unreadCount: false, offlinePush: false });
  }
}

/** Whether the single-chat recipient has asked not to receive (globally or for this conversation). */
function recipientDrops(s: Services, m: sdkws.MsgData, conversationID: string): boolean {
  if (m.sessionType !== SessionType.Single || m.sendID === m.recvID || isNotificationType(m.contentType)) return false;
  const user = s.store.users.get(m.recvID);
  if (user?.globalRecvMsgOpt === 1) return true;
  return s.store.conversations.get(m.recvID, conversationID)?.recvMsgOpt === 1;
}

/** The group exists, is not dismissed, and the sender is a member (notifications are exempt, §5.3). */
function checkGroupSend(s: Services, m: sdkws.MsgData): void {
  if (!m.groupID) throw argsError("groupID is empty for sessionType 3");
  const g = s.store.groups.get(m.groupID);
  if (!g) throw new CodeError(ErrCode.GroupIDNotFound, `group ${m.groupID} does not exist`);
  if (g.status === GroupStatus.Dismissed) throw new CodeError(ErrCode.DismissedAlready, `group ${m.groupID} was dismissed`);
  if (!isNotificationType(m.contentType) && !s.store.groups.member(m.groupID, m.sendID)) {
    throw new CodeError(ErrCode.NotInGroupYet, `${m.sendID} is not a member of group ${m.groupID}`);
  }
}

export function sendMessage(s: Services, input: sdkws.MsgData, actor: Actor): msg.SendMsgResp {
  check(input);
  if (!actor.isAdmin && input.sendID !== actor.userID) {
    throw noPermission(`sendID ${input.sendID} is not the connected user ${actor.userID}`);
  }
  const prior = s.store.messages.ack(input.sendID, input.clientMsgID);
  if (prior) return msg.SendMsgResp.create({ serverMsgID: prior.serverMsgID, clientMsgID: prior.serverMsgID ? input.clientMsgID : "", sendTime: prior.sendTime });
  if (input.sessionType === SessionType.Group) checkGroupSend(s, input);
  else if (!s.store.users.exists(input.recvID)) throw new CodeError(ErrCode.UserIDNotFound, `recvID ${input.recvID} is not a registered user`);
  // The server always assigns serverMsgID.
  const m: sdkws.MsgData = { ...input, serverMsgID: "", options: { ...input.options }, msgFrom: input.msgFrom || 100 };
  forceOptions(m);
  const conversationID = chatConversationID(m.sessionType, m.sendID, m.recvID, m.groupID);
  if (recipientDrops(s, m, conversationID)) {
    // OpenIM answers errCode 0 with an empty ack and drops the message.
    s.store.messages.recordAck(m.sendID, m.clientMsgID, { serverMsgID: "", sendTime: 0 });
    return msg.SendMsgResp.create({});
  }
  const { message } = s.store.tx(() => {
    const d = deliver(s, m);
    s.store.messages.recordAck(m.sendID, m.clientMsgID, { serverMsgID: d.message.serverMsgID, sendTime: d.message.sendTime });
    return d;
  });
  if (m.sessionType === SessionType.Group && m.contentType === ContentType.AtText) recordMentions(s, message);
  return msg.SendMsgResp.create({ serverMsgID: message.serverMsgID, clientMsgID: message.clientMsgID, sendTime: message.sendTime });
}
