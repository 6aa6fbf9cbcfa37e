// Revoke: the stored message becomes a 2101 MessageRevokedContent, and a stored 2101
// RevokeMsgTips notification goes to the conversation (§5.8).
import { sdkws } from "../../generated/protocol/index.js";
import { CodeError, ErrCode, noPermission } from "../errors.js";
import { assertParticipant } from "./access.js";
import { SessionType } from "./ids.js";
import { ContentType, notificationContent, notify } from "./notify.js";
import type { Actor, Services } from "./services.js";

export function revokeMessage(s: Services, actor: Actor, userID: string, conversationID: string, seq: number): void {
  if (!actor.isAdmin) assertParticipant(userID, conversationID);
  const win = s.store.seqs.window(userID, conversationID);
  const stored = seq >= win.minSeq && seq <= win.maxSeq ? s.store.messages.get(conversationID, seq) : undefined;
  if (!stored) throw new CodeError(ErrCode.RecordNotFound, `no message with seq ${seq} in ${conversationID}`);
  if (stored.revoked) throw new CodeError(ErrCode.MsgAlreadyRevoke, `message ${seq} in ${conversationID} is already revoked`);
  const m = sdkws.MsgData.decode(stored.body);
  if (m.contentType === ContentType.MsgRevoke) throw new CodeError(ErrCode.MsgAlreadyRevoke, `message ${seq} is a revoke notice`);
  if (!actor.isAdmin && m.sendID !== userID) throw noPermission("only the sender (or an app admin) can revoke a single-chat message");
  const now = s.now();
  const nickname = s.store.users.get(userID)?.nickname ?? "";
  const revoked = sdkws.MessageRevokedContent.toGoJSON({
    revokerID: userID,
    revokerRole: 0,
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
        isAdminRevoke: actor.isAdmin && actor.userID !== m.sendID,
      }),
      onlineOnly: false,
    });
  });
}
