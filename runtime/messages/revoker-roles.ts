// MessageRevoked.revokerRole: in a group, the revoker's role level (owner 100, admin 60, member 20);
// in a single chat 0, as the Go SDK does. The SDK keeps no member table, so the owner comes from
// local_groups and anyone else from one /group/get_group_members_info per group, looked up before
// the revokes are stored (storing runs inside a synchronous transaction).
import type { Daos } from "../../generated/dao/index.js";
import * as sdkws from "../../generated/protocol/sdkws.js";
import type { sdkRoutes } from "../../generated/protocol/sdk-routes.js";
import { MessageType } from "../../generated/types/index.js";
import type { Logger } from "../events/logger.js";
import type { HttpClient } from "../http/client.js";
import type { MessageGroups } from "./inbox.js";
import { groupIDOf, isNotificationConversation } from "./ids.js";
import { tipsOf } from "./tips.js";

const OWNER = 100;

export class RevokerRoles {
  /** groupID → userID → role level, as last looked up. */
  private readonly roles = new Map<string, Map<string, number>>();

  constructor(
    private readonly daos: Daos,
    private readonly http: HttpClient<typeof sdkRoutes>,
    private readonly logger: Logger,
  ) {}

  /** The role last looked up (0 outside groups, or when unknown). */
  roleOf(conversationID: string, userID: string): number {
    const groupID = groupIDOf(conversationID);
    return groupID === undefined ? 0 : (this.roles.get(groupID)?.get(userID) ?? 0);
  }

  /** Looks up the revokers of the group revoke tips (2101) in `groups`; never throws. */
  async lookUpRevokers(groups: MessageGroups): Promise<void> {
    const wanted: { conversationID: string; userID: string }[] = [];
    for (const [cid, msgs] of groups) {
      if (!isNotificationConversation(cid)) continue;
      for (const m of msgs) {
        if (m.contentType !== MessageType.RevokeMessage) continue;
        const tips = revokeTips(m);
        if (tips) wanted.push({ conversationID: tips.conversationID, userID: tips.revokerUserID });
      }
    }
    await this.lookUp(wanted);
  }

  /** Refreshes the roles of these users in their group conversations; failures leave the role unknown (0). */
  async lookUp(wanted: readonly { conversationID: string; userID: string }[]): Promise<void> {
    const byGroup = new Map<string, Set<string>>();
    for (const { conversationID, userID } of wanted) {
      const groupID = groupIDOf(conversationID);
      if (groupID === undefined) continue;
      if (this.daos.localGroups.get(groupID)?.ownerUserID === userID) this.remember(groupID, userID, OWNER);
      else byGroup.set(groupID, (byGroup.get(groupID) ?? new Set()).add(userID));
    }
    for (const [groupID, userIDs] of byGroup) {
      try {
        const resp = await this.http.call("/group/get_group_members_info", { groupID, userIDs: [...userIDs] });
        for (const userID of userIDs) this.remember(groupID, userID, resp.members.find((m) => m.userID === userID)?.roleLevel ?? 0);
      } catch (error) {
        for (const userID of userIDs) this.roles.get(groupID)?.delete(userID);
        this.logger.warn("revoker roles: member lookup failed; revokerRole reported as 0", { groupID, error: String(error) });
      }
    }
  }

  private remember(groupID: string, userID: string, role: number): void {
    let group = this.roles.get(groupID);
    if (!group) this.roles.set(groupID, (group = new Map()));
    group.set(userID, role);
  }
}

/** The RevokeMsgTips of a 2101 notification, undefined when undecodable (the inbox logs those). */
function revokeTips(m: sdkws.MsgData): sdkws.RevokeMsgTips | undefined {
  try {
    return tipsOf(m, sdkws.RevokeMsgTips);
  } catch {
    return undefined;
  }
}
