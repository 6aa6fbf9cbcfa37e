// /conversation: lists, settings, incremental sync, full ID list.
import { conversation } from "../../generated/protocol/index.js";
import { argsError } from "../errors.js";
import { assertSelf } from "../logic/access.js";
import { deleteConversations, fullConversationIDs, incremental, listConversations, setConversations } from "../logic/conversations.js";
import { actorOf, type RouteCtx } from "./context.js";

export const conversationRoutes = {
  "/conversation/get_all_conversations": (req: conversation.GetAllConversationsReq, ctx: RouteCtx): conversation.GetAllConversationsResp => {
    assertSelf(actorOf(ctx), req.ownerUserID, "ownerUserID");
    return conversation.GetAllConversationsResp.create({ conversations: listConversations(ctx.s, req.ownerUserID) });
  },

  "/conversation/get_conversations": (req: conversation.GetConversationsReq, ctx: RouteCtx): conversation.GetConversationsResp => {
    assertSelf(actorOf(ctx), req.ownerUserID, "ownerUserID");
    return conversation.GetConversationsResp.create({ conversations: listConversations(ctx.s, req.ownerUserID, req.conversationIDs) });
  },

  "/conversation/set_conversations": (req: conversation.SetConversationsReq, ctx: RouteCtx): conversation.SetConversationsResp => {
    const actor = actorOf(ctx);
    if (req.userIDs.length === 0) throw argsError("userIDs is empty");
    if (!req.conversation) throw argsError("conversation is missing");
    for (const id of req.userIDs) assertSelf(actor, id, "userIDs[]");
    setConversations(ctx.s, req.userIDs, req.conversation);
    return conversation.SetConversationsResp.create();
  },

  "/conversation/get_incremental_conversations": (req: conversation.GetIncrementalConversationReq, ctx: RouteCtx): conversation.GetIncrementalConversationResp => {
    assertSelf(actorOf(ctx), req.userID);
    return incremental(ctx.s, req.userID, req.versionID, req.version);
  },

  "/conversation/delete_conversations": (req: conversation.DeleteConversationsReq, ctx: RouteCtx): conversation.DeleteConversationsResp => {
    assertSelf(actorOf(ctx), req.ownerUserID, "ownerUserID");
    deleteConversations(ctx.s, req.ownerUserID, req);
    return conversation.DeleteConversationsResp.create();
  },

  "/conversation/get_full_conversation_ids": (req: conversation.GetFullOwnerConversationIDsReq, ctx: RouteCtx): conversation.GetFullOwnerConversationIDsResp => {
    assertSelf(actorOf(ctx), req.userID);
    return fullConversationIDs(ctx.s, req.userID, req.idHash);
  },

  "/conversation/get_not_notify_conversation_ids": (req: conversation.GetNotNotifyConversationIDsReq, ctx: RouteCtx): conversation.GetNotNotifyConversationIDsResp => {
    assertSelf(actorOf(ctx), req.userID);
    // recvMsgOpt 2 = receive without notifying.
    const ids = ctx.s.store.conversations.list(req.userID).filter((c) => c.recvMsgOpt === 2).map((c) => c.conversationID);
    return conversation.GetNotNotifyConversationIDsResp.create({ conversationIDs: ids });
  },

  "/conversation/get_owner_conversation": (req: conversation.GetOwnerConversationReq, ctx: RouteCtx): conversation.GetOwnerConversationResp => {
    assertSelf(actorOf(ctx), req.userID);
    const all = listConversations(ctx.s, req.userID);
    const page = req.pagination;
    if (page && page.pageNumber < 1 && page.showNumber > 0) throw argsError("pagination.pageNumber is 1-based");
    const items = !page ? all : page.showNumber <= 0 ? [] : all.slice((page.pageNumber - 1) * page.showNumber, page.pageNumber * page.showNumber);
    return conversation.GetOwnerConversationResp.create({ total: all.length, conversations: items });
  },
};
