// /jssdk/get_active_conversations: the newest conversations with their last message, peer and seqs.
import { jssdk, sdkws } from "../../generated/protocol/index.js";
import { argsError } from "../errors.js";
import { assertSelf } from "../logic/access.js";
import { toProto } from "../logic/conversations.js";
import { groupInfo } from "../logic/groups.js";
import { actorOf, type RouteCtx } from "./context.js";

export const jssdkRoutes = {
  "/jssdk/get_active_conversations": (req: jssdk.GetActiveConversationsReq, ctx: RouteCtx): jssdk.GetActiveConversationsResp => {
    assertSelf(actorOf(ctx), req.ownerUserID, "ownerUserID");
    if (req.count < 0) throw argsError("count must be ≥ 0");
    const { store } = ctx.s;
    const items = store.conversations.list(req.ownerUserID).map((c) => {
      const win = store.seqs.window(req.ownerUserID, c.conversationID);
      const last = store.messages.last(c.conversationID, req.ownerUserID, win.minSeq, win.maxSeq);
      const lastMsg = last ? sdkws.MsgData.decode(last.body) : undefined;
      const readSeq = store.seqs.user(req.ownerUserID, c.conversationID).readSeq;
      const peer = c.userID ? store.users.get(c.userID) : undefined;
      const g = c.groupID ? store.groups.get(c.groupID) : undefined;
      return jssdk.ConversationMsg.create({
        conversation: toProto(ctx.s, c),
        lastMsg,
        user: peer ? sdkws.UserInfo.create(peer) : undefined,
        group: g ? groupInfo(ctx.s, g) : undefined,
        maxSeq: win.maxSeq,
        readSeq,
      });
    });
    const unreadCount = items.reduce((n, i) => n + Math.max(0, i.maxSeq - i.readSeq), 0);
    items.sort((a, b) => (b.lastMsg?.sendTime ?? 0) - (a.lastMsg?.sendTime ?? 0));
    return jssdk.GetActiveConversationsResp.create({ unreadCount, conversations: req.count > 0 ? items.slice(0, req.count) : items });
  },
};
