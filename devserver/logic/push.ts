// Online delivery: 2001 pushes (one message per frame, as OpenIM's gateway sends them) and
// 2005 online-status frames.
import { sdkws } from "../../generated/protocol/index.js";
import { IOS_PLATFORM_ID } from "../auth/platforms.js";
import type { Hub } from "../gateway/hub.js";
import { isNotificationConversation, newOperationID } from "./ids.js";
import { causingOperationID } from "./operation.js";


/** Pushes one message to every connection of each user (iOS connections in background skipped). */
export function pushMessage(hub: Hub, userIDs: Iterable<string>, conversationID: string, m: sdkws.MsgData): void {
  const entry = { [conversationID]: sdkws.PullMsgs.create({ Msgs: [m] }) };
  const data = sdkws.PushMessages.encode(isNotificationConversation(conversationID) ? { notificationMsgs: entry } : { msgs: entry });
  const operationID = causingOperationID() ?? newOperationID();
  for (const userID of new Set(userIDs)) {
    for (const conn of hub.connsOf(userID)) {
      if (conn.platformID === IOS_PLATFORM_ID && conn.isBackground) continue;
      conn.send({ reqIdentifier: 2001, msgIncr: "", operationID, errCode: 0, errMsg: "", data });
    }
  }
}

export function statusTips(hub: Hub, userIDs: readonly string[]): sdkws.SubUserOnlineStatusTips {
  return sdkws.SubUserOnlineStatusTips.create({
    subscribers: userIDs.map((userID) => sdkws.SubUserOnlineStatusElem.create({ userID, onlinePlatformIDs: hub.platformsOf(userID) })),
  });
}

/** Unsolicited 2005 to every connection watching `userID`, one user per frame. */
export function pushStatusChange(hub: Hub, userID: string): void {
  const watchers = hub.watchersOf(userID);
  if (watchers.length === 0) return;
  const data = sdkws.SubUserOnlineStatusTips.encode(statusTips(hub, [userID]));
  const operationID = newOperationID();
  for (const conn of watchers) conn.send({ reqIdentifier: 2005, msgIncr: "", operationID, errCode: 0, errMsg: "", data });
}
