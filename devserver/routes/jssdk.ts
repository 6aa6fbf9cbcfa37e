// /jssdk: conversations joined with their last message, peer and seqs (the web SDK's shortcut).
import { jssdk, sdkws } from "../../generated/protocol/index.js";
import { argsError } from "../errors.js";
import { assertSelf } from "../logic/access.js";
import { toProto } from "../logic/conversations.js";
import { groupInfo } from "../logic/groups.js";
import type { Services } from "../logic/services.js";
import type { ConversationRow } from "../store/conversations.js";
import { actorOf, type RouteCtx } from "./context.js";

function conversationMsg(s: Services, ownerUserID: string, c: ConversationRow): jssdk.ConversationMsg {
  const { store } = s;
  const win = store.seqs.window(ownerUserID, c.conversationID);
  const last = store.messages.last(c.conversationID, ownerUserID, win.minSeq, win.maxSeq);
  const peer = c.userID ? store.users.get(c.userID) : undefined;
  const g = c.groupID ? store.groups.get(c.groupID) : undefined;
  return jssdk.ConversationMsg.create({
    conversation: toProto(s, c),
    lastMsg: last ? sdkws.MsgData.decode(last.body) : undefined,
    user: peer ? sdkws.UserInfo.create(peer) : undefined,
    group: g ? groupInfo(s, g) : undefined,
    maxSeq: win.maxSeq,
    readSeq: store.seqs.user(ownerUserID, c.conversationID).readSeq,
  });
}

const unreadOf = (items: readonly jssdk.ConversationMsg[]) => items.reduce((n, i) => n + Math.max(0, i.maxSeq - i.readSeq), 0);

export const jssdkRoutes = {
  "/jssdk/get_active_conversations": (req: jssdk.GetActiveConversationsReq, ctx: RouteCtx): jssdk.GetActiveConversationsResp => {
    assertSelf(actorOf(ctx), req.ownerUserID, "ownerUserID");
    if (req.count < 0) throw argsError("count must be ≥ 0");
    const items = ctx.s.store.conversations.list(req.ownerUserID).map((c) => conversationMsg(ctx.s, req.ownerUserID, c));
    const unreadCount = unreadOf(items);
    items.sort((a, b) => (b.lastMsg?.sendTime ?? 0) - (a.lastMsg?.sendTime ?? 0));
    return jssdk.GetActiveConversationsResp.create({ unreadCount, conversations: req.count > 0 ? items.slice(0, req.count) : items });
  },

  "/jssdk/get_conversations": (req: jssdk.GetConversationsReq, ctx: RouteCtx): jssdk.GetConversationsResp => {
    assertSelf(actorOf(ctx), req.ownerUserID, "ownerUserID");
    // As OpenIM: IDs the owner has no conversation for are left out, not an error.
    const rows = [...new Set(req.conversationIDs)].flatMap((id) => {
      const c = ctx.s.store.conversations.get(req.ownerUserID, id);
      return c ? [c] : [];
    });
    const items = rows.map((c) => conversationMsg(ctx.s, req.ownerUserID, c));
    return jssdk.GetConversationsResp.create({ unreadCount: unreadOf(items), conversations: items });
  },
};
