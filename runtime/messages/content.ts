// The element of each content type: which MessageItem field carries it. The wire and the local
// table keep the element as JSON text (`content`); apps read the typed `…Elem` field.
import type { MessageItem } from "../../generated/types/index.js";

type ElemKey = Extract<keyof MessageItem, `${string}Elem`>;

const ELEM_BY_TYPE: Record<number, ElemKey> = {
  101: "textElem",
  102: "pictureElem",
  103: "soundElem",
  104: "videoElem",
  105: "fileElem",
  106: "atTextElem",
  107: "mergeElem",
  108: "cardElem",
  109: "locationElem",
  110: "customElem",
  113: "typingElem",
  114: "quoteElem",
  115: "faceElem",
  117: "advancedTextElem",
  118: "markdownTextElem",
};

/** Notifications (1000–5000) carry a NotificationElem. */
export function elemKeyOf(contentType: number): ElemKey | undefined {
  if (contentType >= 1000 && contentType <= 5000) return "notificationElem";
  return ELEM_BY_TYPE[contentType];
}

/** Fills the typed element of `item` from its JSON `content`; unknown or unparsable content stays text only. */
export function withElem(item: MessageItem): MessageItem {
  const key = elemKeyOf(item.contentType);
  if (!key || item.content === "") return item;
  try {
    (item as unknown as Record<string, unknown>)[key] = JSON.parse(item.content);
  } catch {
    // A peer's malformed content must not hide the message: apps still get `content`.
  }
  return item;
}

/** The JSON text of the element of `item` (what goes on the wire). */
export function contentOf(item: MessageItem): string {
  const key = elemKeyOf(item.contentType);
  const elem = key ? item[key] : undefined;
  return elem === undefined ? item.content : JSON.stringify(elem);
}
