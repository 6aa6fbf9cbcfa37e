// Two logged-in SDK clients (Node binding, in-memory sql.js; A sends, B receives) and a raw
// echo socket of a third user, on one in-process devserver: the setting of the SDK-level send
// benchmarks, the counterpart of bench/lib/im/pair-fixture.ts (which drives the bare transport).
import { CbEvents } from "../../../bindings/node/index.js";
import type { MessageItem } from "../../../generated/types/index.js";
import type { RuntimeHandles } from "../../../runtime/create-sdk.js";
import { RawGatewayClient } from "../im/raw-gateway-client.js";
import { initAndLogin, newSdkRuntime, nextEvent } from "./sdk-client.js";
import { plainDevServer } from "./seeded-devserver.js";

export interface SdkPair {
  a: RuntimeHandles;
  b: RuntimeHandles;
  bUserID: string;
  /** Registered users that stay offline: more conversations for A to send into. */
  others: string[];
  echo: RawGatewayClient;
  /** A fresh raw echo socket (closed with the pair): the gateway drops sockets idle past its read deadline (30 s). */
  newEcho(): Promise<RawGatewayClient>;
  /** Resolves with performance.now() at B's OnRecvNewMessage for `clientMsgID` (listening starts at once). */
  receivedByB(clientMsgID: string): Promise<number>;
  /** A sends one text (to B unless `recvID` is given); resolves with the acknowledged message. */
  send(text: string, recvID?: string): Promise<MessageItem>;
  close(): Promise<void>;
}

export async function openSdkPair(offlineRecipients = 0): Promise<SdkPair> {
  const world = await plainDevServer();
  const ids = ["sdk_a", "sdk_b", "sdk_echo"];
  const others = Array.from({ length: offlineRecipients }, (_, i) => `sdk_offline_${i}`);
  await world.admin.call("/user/user_register", { users: [...ids, ...others].map((userID) => ({ userID, nickname: userID, faceURL: "", ex: "", createTime: 0, appMangerLevel: 0, globalRecvMsgOpt: 0 })) });
  const addrs = { apiAddr: world.server.apiAddr, wsAddr: world.server.wsAddr };
  const [a, b] = [newSdkRuntime(addrs), newSdkRuntime(addrs)];
  const waiting = new Map<string, (at: number) => void>();
  const early = new Map<string, number>();
  b.sdk.on(CbEvents.OnRecvNewMessage, (m) => {
    const at = performance.now();
    const w = waiting.get(m.clientMsgID);
    if (w) {
      waiting.delete(m.clientMsgID);
      w(at);
    } else early.set(m.clientMsgID, at);
  });
  for (const [rt, userID] of [[a, ids[0]!], [b, ids[1]!]] as const) {
    const synced = nextEvent(rt, CbEvents.OnSyncServerFinish, 60_000);
    await initAndLogin(rt, addrs, userID, await world.token(userID));
    await synced;
  }
  const echoToken = await world.token(ids[2]!);
  const echoes = [await RawGatewayClient.connect(world.server.wsAddr, ids[2]!, echoToken)];
  const echo = echoes[0]!;
  return {
    a,
    b,
    bUserID: ids[1]!,
    others,
    echo,
    newEcho: async () => {
      const e = await RawGatewayClient.connect(world.server.wsAddr, ids[2]!, echoToken);
      echoes.push(e);
      return e;
    },
    receivedByB: (id) => {
      const got = early.get(id);
      if (got !== undefined) {
        early.delete(id);
        return Promise.resolve(got);
      }
      return new Promise((resolve) => waiting.set(id, resolve));
    },
    send: async (text, recvID = ids[1]!) => a.sdk.sendMessage({ recvID, groupID: "", message: await a.sdk.createTextMessage(text) }),
    close: async () => {
      for (const e of echoes) e.close();
      await a.sdk.logout().catch(() => {});
      await b.sdk.logout().catch(() => {});
      await world.close();
    },
  };
}
