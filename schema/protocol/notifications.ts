// Notification contentTypes and the tips message carried (as Go JSON, double-encoded in
// NotificationElem.detail) by each. Types whose detail is not a proto message (1400 OA,
// 2001 business) are not listed; 1704 ConversationDelete does not exist in v0.0.73-alpha.12.
import type { Tips } from "./route-kinds.js";

export interface NotificationTips {
  /** From the approver to the applicant; online only, plus a chat copy. */
  1201: Tips<"FriendApplicationApproved", "openim.sdkws.FriendApplicationApprovedTips">;
  1202: Tips<"FriendApplicationRejected", "openim.sdkws.FriendApplicationRejectedTips">;
  /** From the applicant to the target. */
  1203: Tips<"FriendApplication", "openim.sdkws.FriendApplicationTips">;
  /** Declared upstream, not emitted by server 3.8.3. */
  1204: Tips<"FriendAdded", "openim.sdkws.FriendAddedTips">;
  1205: Tips<"FriendDeleted", "openim.sdkws.FriendDeletedTips">;
  1206: Tips<"FriendRemarkSet", "openim.sdkws.FriendInfoChangedTips">;
  1207: Tips<"BlackAdded", "openim.sdkws.BlackAddedTips">;
  1208: Tips<"BlackDeleted", "openim.sdkws.BlackDeletedTips">;
  1209: Tips<"FriendInfoUpdated", "openim.sdkws.UserInfoUpdatedTips">;
  /** To self, listing the friends whose info changed. */
  1210: Tips<"FriendsInfoUpdate", "openim.sdkws.FriendsInfoUpdateTips">;
  /** From the user to themself after conversation settings changed. */
  1300: Tips<"ConversationChange", "openim.sdkws.ConversationUpdateTips">;
  1303: Tips<"UserInfoUpdated", "openim.sdkws.UserInfoUpdatedTips">;
  1304: Tips<"UserStatusChange", "openim.sdkws.UserStatusChangeTips">;
  1305: Tips<"UserCommandAdd", "openim.sdkws.UserCommandAddTips">;
  1306: Tips<"UserCommandDelete", "openim.sdkws.UserCommandDeleteTips">;
  1307: Tips<"UserCommandUpdate", "openim.sdkws.UserCommandUpdateTips">;
  1501: Tips<"GroupCreated", "openim.sdkws.GroupCreatedTips">;
  1502: Tips<"GroupInfoSet", "openim.sdkws.GroupInfoSetTips">;
  /** Sent one-to-one (sessionType 1) to the owner, admins, inviter and applicant. */
  1503: Tips<"JoinGroupApplication", "openim.sdkws.JoinGroupApplicationTips">;
  1504: Tips<"MemberQuit", "openim.sdkws.MemberQuitTips">;
  1505: Tips<"GroupApplicationAccepted", "openim.sdkws.GroupApplicationAcceptedTips">;
  1506: Tips<"GroupApplicationRejected", "openim.sdkws.GroupApplicationRejectedTips">;
  1507: Tips<"GroupOwnerTransferred", "openim.sdkws.GroupOwnerTransferredTips">;
  1508: Tips<"MemberKicked", "openim.sdkws.MemberKickedTips">;
  1509: Tips<"MemberInvited", "openim.sdkws.MemberInvitedTips">;
  1510: Tips<"MemberEnter", "openim.sdkws.MemberEnterTips">;
  1511: Tips<"GroupDismissed", "openim.sdkws.GroupDismissedTips">;
  1512: Tips<"GroupMemberMuted", "openim.sdkws.GroupMemberMutedTips">;
  1513: Tips<"GroupMemberCancelMuted", "openim.sdkws.GroupMemberCancelMutedTips">;
  1514: Tips<"GroupMuted", "openim.sdkws.GroupMutedTips">;
  1515: Tips<"GroupCancelMuted", "openim.sdkws.GroupCancelMutedTips">;
  1516: Tips<"GroupMemberInfoSet", "openim.sdkws.GroupMemberInfoSetTips">;
  1517: Tips<"GroupMemberSetToAdmin", "openim.sdkws.GroupMemberInfoSetTips">;
  1518: Tips<"GroupMemberSetToOrdinaryUser", "openim.sdkws.GroupMemberInfoSetTips">;
  1519: Tips<"GroupInfoSetAnnouncement", "openim.sdkws.GroupInfoSetAnnouncementTips">;
  1520: Tips<"GroupInfoSetName", "openim.sdkws.GroupInfoSetNameTips">;
  1701: Tips<"ConversationPrivateChat", "openim.sdkws.ConversationSetPrivateTips">;
  /** From the user to themself: their read position in a conversation moved. */
  1702: Tips<"ConversationUnread", "openim.sdkws.ConversationHasReadTips">;
  1703: Tips<"ClearConversation", "openim.sdkws.ClearConversationTips">;
  /** Stored in the n_ conversation, with a seq. */
  2101: Tips<"MsgRevokeNotification", "openim.sdkws.RevokeMsgTips">;
  /** Stored. */
  2102: Tips<"DeleteMsgsNotification", "openim.sdkws.DeleteMsgsTips">;
  /** Stored when sent to the peer; online only when sent to self. */
  2200: Tips<"HasReadReceipt", "openim.sdkws.MarkAsReadTips">;
}
