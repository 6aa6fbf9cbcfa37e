// The gateway's connect query (server internal/msggateway/context.go). Every value is
// required by the v3.8 gateway except compression; `isBackground` must be present or the
// upgrade fails with errCode 500, and `sdkType=js` selects the JSON envelope (the default is gob).

export interface ConnectParams {
  userID: string;
  token: string;
  platformID: number;
  operationID: string;
  isBackground: boolean;
  compression: "gzip" | "none";
}

export function buildConnectUrl(wsAddr: string, params: ConnectParams): string {
  let url: URL;
  try {
    url = new URL(wsAddr);
  } catch {
    throw new TypeError(`wsAddr ${JSON.stringify(wsAddr)} is not a URL; expected e.g. "ws://127.0.0.1:10001"`);
  }
  if (url.protocol !== "ws:" && url.protocol !== "wss:") {
    throw new TypeError(`wsAddr must start with ws:// or wss://, got ${JSON.stringify(wsAddr)}`);
  }
  const q = url.searchParams;
  q.set("sendID", params.userID);
  q.set("token", params.token);
  q.set("platformID", String(params.platformID));
  q.set("operationID", params.operationID);
  q.set("isBackground", String(params.isBackground));
  // The server then upgrades first and reports the verdict in a text frame a browser can read.
  q.set("isMsgResp", "true");
  q.set("sdkType", "js");
  if (params.compression === "gzip") q.set("compression", "gzip");
  else q.delete("compression");
  return url.toString();
}
