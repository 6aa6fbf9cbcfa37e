// Revoke: the stored message becomes a 2101 MessageRevokedContent, and a stored 2101
// RevokeMsgTips notification goes to the conversation (§5.8).
import { sdkws } from "../../generated/protocol/index.js";
import { CodeError, ErrCode, noPermission } from "../errors.js";
import { RoleLevel } from "../store/groups.js";
import { assertParticipant } from "./access.js";
import { SessionType } from "./ids.js";
import { ContentType, notificationContent, notify } from "./notify.js";
import type { Actor, Services } from "./services.js";

/** Group owners revoke anyone's message; group admins revoke ordinary members' messages. */
function mayRevokeOthers(s: Services, m: sdkws.MsgData, userID: string): boolean {
  if (m.sessionType !== SessionType.Group) return false;
  const me = s.store.groups.member(m.groupID, userID);
  const sender = s.store.groups.member(m.groupID, m.sendID);
  if (me?.roleLevel === RoleLevel.Owner) return true;
  return me?.roleLevel === RoleLevel.Admin && (sender?.roleLevel ?? RoleLevel.Member) === RoleLevel.Member;
}

export function revokeMessage(s: Services, actor: Actor, userID: string, conversationID: string, seq: number): void {
  if (!actor.isAdmin) assertParticipant(s, userID, conversationID);
  const win = s.store.seqs.window(userID, conversationID);
  const stored = seq >= win.minSeq && seq <= win.maxSeq ? s.store.messages.get(conversationID, seq) : undefined;
  if (!stored) throw new CodeError(ErrCode.RecordNotFound, `no message with seq ${seq} in ${conversationID}`);
  if (stored.revoked) throw new CodeError(ErrCode.MsgAlreadyRevoke, `message ${seq} in ${conversationID} is already revoked`);
  const m = sdkws.MsgData.decode(stored.body);
  if (m.contentType === ContentType.MsgRevoke) throw new CodeError(ErrCode.MsgAlreadyRevoke, `message ${seq} is a revoke notice`);
  if (!actor.isAdmin && m.sendID !== userID && !mayRevokeOthers(s, m, userID)) {
    throw noPermission("only the sender, a group owner, a group admin (for ordinary members' messages) or an app admin can revoke this message");
  }
  const now = s.now();
  const nickname = s.store.users.get(userID)?.nickname ?? "";
  const revoked = sdkws.MessageRevokedContent.toGoJSON({
    revokerID: userID,
    revokerRole: s.store.groups.member(m.groupID, userID)?.roleLevel ?? 0,
    clientMsgID: m.clientMsgID,
    revokerNickname: nickname,
    revokeTime: now,
    sourceMessageSendTime: m.sendTime,
    sourceMessageSendID: m.sendID,
    sourceMessageSenderNickname: m.senderNickname,
    sessionType: m.sessionType,
    seq: m.seq,
    ex: m.ex,
  });
  const replaced: sdkws.MsgData = { ...m, contentType: ContentType.MsgRevoke, content: notificationContent(revoked) };
  s.store.tx(() => {
    s.store.messages.replace(conversationID, seq, sdkws.MsgData.encode(replaced), true);
    notify(s, {
      sendID: userID,
      recvID: m.sessionType === SessionType.Group ? m.groupID : m.recvID,
      groupID: m.groupID,
      sessionType: m.sessionType,
      contentType: ContentType.MsgRevoke,
      tips: sdkws.RevokeMsgTips.toGoJSON({
        revokerUserID: userID,
        clientMsgID: m.clientMsgID,
        revokeTime: now,
        sesstionType: m.sessionType,
        seq,
        conversationID,
        isAdminRevoke: userID !== m.sendID,
      }),
      onlineOnly: false,
    });
  });
}
