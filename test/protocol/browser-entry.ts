// Bundled by browser-csp.test.ts and run in Chromium under a CSP without 'unsafe-eval':
// exposes a few codec operations on globalThis.codecs, with hex strings in and out.
import { msg, ProtocolError, sdkws } from "../../generated/protocol/index.js";

const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const fromHex = (h: string) => new Uint8Array((h.match(/../g) ?? []).map((x) => parseInt(x, 16)));

const violations: string[] = [];
document.addEventListener("securitypolicyviolation", (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI}`));

/** Whether this page's own script is forbidden to eval (checked from page code: DevTools bypasses CSP). */
function evalBlocked(): boolean {
  try {
    (0, eval)("1");
    return false;
  } catch {
    return true;
  }
}

// Probed while the bundle itself runs, before any DevTools-initiated call.
const blockedAtLoad = evalBlocked();

function errorOf(fn: () => unknown): string {
  try {
    fn();
    return "no error";
  } catch (err) {
    return err instanceof ProtocolError ? `ProtocolError ${err.message}` : `other ${String(err)}`;
  }
}

(globalThis as unknown as { codecs: unknown }).codecs = {
  violations: () => violations.slice(),
  evalBlocked: () => blockedAtLoad,
  encodePush(json: string): string {
    return toHex(sdkws.PushMessages.encode(sdkws.PushMessages.fromGoJSON(JSON.parse(json))));
  },
  decodePush(hex: string): string {
    const m = sdkws.PushMessages.decode(fromHex(hex));
    const first = Object.values(m.msgs)[0]?.Msgs[0];
    return JSON.stringify({
      goJson: sdkws.PushMessages.toGoJSON(m),
      contentIsPlainUint8Array: first ? Object.getPrototypeOf(first.content) === Uint8Array.prototype : null,
    });
  },
  errors(): Record<string, string> {
    return {
      int64: errorOf(() => sdkws.MsgData.decode(fromHex("7080808080808080100a"))),
      truncatedString: errorOf(() => sdkws.MsgData.decode(fromHex("0a056162"))),
      invalidUtf8: errorOf(() => sdkws.MsgData.decode(fromHex("0a02c328"))),
      quotedNumber: errorOf(() => msg.SendMsgReq.fromGoJSON({ msgData: { seq: "5" } })),
    };
  },
};
