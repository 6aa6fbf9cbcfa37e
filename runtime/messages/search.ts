// searchLocalMessages: keyword LIKE queries (parameterised, with %, _ and \ escaped so keywords match
// literally) on the text of text-like messages, combined per match type, filtered, grouped.
import type { LocalChatLog, SearchLocalParams, SearchMessageResult, SearchMessageResultItem } from "../../generated/types/index.js";
import { ErrCode, SdkError } from "../contracts/errors.js";
import { itemFromRow } from "./convert.js";
import type { MessageSession } from "./message-session.js";

export const likePattern = (keyword: string): string => `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function searchLocal(ms: MessageSession, p: SearchLocalParams, method: string): SearchMessageResult {
  const { daos } = ms.session;
  const keywords = p.keywordList.filter((k) => k !== "");
  const senders = p.senderUserIDList ?? [];
  const types = p.messageTypeList ?? [];
  if (keywords.length === 0 && senders.length === 0 && types.length === 0)
    throw new SdkError(ErrCode.Args, `${method}: give at least one of keywordList, senderUserIDList or messageTypeList`);
  const matchAll = (p.keywordListMatchType ?? 0) === 1;
  const pageIndex = p.pageIndex ?? 1;
  const count = p.count ?? 0;
  if (!Number.isInteger(pageIndex) || pageIndex < 1) throw new SdkError(ErrCode.Args, `${method}: pageIndex is 1-based, got ${pageIndex}`);
  if (!Number.isInteger(count) || count < 0) throw new SdkError(ErrCode.Args, `${method}: count must be ≥ 0 (0 = all), got ${count}`);
  const to = p.searchTimePosition ? p.searchTimePosition * 1000 : Number.MAX_SAFE_INTEGER;
  const from = p.searchTimePeriod ? to - p.searchTimePeriod * 1000 : 0;

  let hits: LocalChatLog[];
  if (keywords.length === 0) hits = daos.chatLogs.searchText(p.conversationID, "%", from, to);
  else {
    const perKeyword = keywords.map((k) => daos.chatLogs.searchText(p.conversationID, likePattern(k), from, to));
    const byID = new Map(perKeyword.flat().map((r) => [r.clientMsgID, r]));
    const counts = new Map<string, number>();
    for (const list of perKeyword) for (const r of list) counts.set(r.clientMsgID, (counts.get(r.clientMsgID) ?? 0) + 1);
    hits = [...byID.values()].filter((r) => !matchAll || counts.get(r.clientMsgID) === keywords.length);
  }
  hits = hits
    .filter((r) => (senders.length === 0 || senders.includes(r.sendID)) && (types.length === 0 || types.includes(r.contentType)))
    .sort((a, b) => b.sendTime - a.sendTime || b.seq - a.seq);
  const page = count > 0 ? hits.slice((pageIndex - 1) * count, pageIndex * count) : hits;

  const groups = new Map<string, SearchMessageResultItem>();
  for (const r of page) {
    let item = groups.get(r.conversationID);
    if (!item) {
      const conv = daos.localConversations.get(r.conversationID);
      item = { conversationID: r.conversationID, messageCount: 0, conversationType: conv?.conversationType ?? r.sessionType, showName: conv?.showName ?? "", faceURL: conv?.faceURL ?? "", messageList: [] };
      groups.set(r.conversationID, item);
    }
    item.messageList.push(itemFromRow(r));
    item.messageCount++;
  }
  return { totalCount: hits.length, searchResultItems: [...groups.values()] };
}
