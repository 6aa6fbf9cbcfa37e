// The tips a server notification carries: `content` = {"detail": "<tips as Go JSON>"}.
import type { sdkws } from "../../generated/protocol/index.js";

/** Decodes the tips of `m`; throws when the content is not that shape. */
export function tipsOf<T>(m: sdkws.MsgData, codec: { fromGoJSON(json: unknown): T }): T {
  const elem = JSON.parse(new TextDecoder().decode(m.content)) as { detail?: string };
  return codec.fromGoJSON(JSON.parse(elem.detail ?? "null"));
}
