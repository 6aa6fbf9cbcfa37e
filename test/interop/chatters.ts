// One chat vocabulary over both clients, so the mixed tests run the same conversation with the
// official web client on either side and our SDK (Node binding) on the other.
import { CbEvents as OurEvents } from "../../bindings/node/index.js";
import type { DevServer } from "../../devserver/index.js";
import type { MessageItem as OurMessage } from "../../generated/types/index.js";
import { newClient, tempDir, type TestClient } from "../support/sdk-clients.js";
import { TcpProxy, hostPort } from "../support/tcp-proxy.js";
import { CbEvents, OfficialClient, textOf as officialText, type MessageItem } from "./support.js";

/** What both clients report about a message, reduced to what must agree. */
export interface Seen {
  clientMsgID: string;
  seq: number;
  contentType: number;
  sendID: string;
  text: string;
  atUserList?: string[];
  quotedClientMsgID?: string;
}

export interface ConversationView {
  unreadCount: number;
  latestClientMsgID: string;
}

export interface Chatter {
  readonly userID: string;
  readonly kind: "official" | "ours";
  sendText(to: string, text: string): Promise<Seen>;
  sendAt(to: string, text: string, atUserIDs: string[]): Promise<Seen>;
  /** Quotes a message this side has (by clientMsgID). */
  sendQuote(to: string, text: string, conversationID: string, quotedClientMsgID: string): Promise<Seen>;
  markRead(conversationID: string): Promise<void>;
  revoke(conversationID: string, clientMsgID: string): Promise<void>;
  /** Resolves with the message once the app was told of it. */
  received(clientMsgID: string): Promise<Seen>;
  /** Resolves with the clientMsgIDs of a read receipt from `reader` that covers `clientMsgID`. */
  receipt(reader: string, clientMsgID: string): Promise<string[]>;
  revoked(clientMsgID: string): Promise<void>;
  conversation(conversationID: string): Promise<ConversationView | undefined>;
  history(conversationID: string): Promise<Seen[]>;
  /** Takes the network away and gives it back after `ms`; resolves once reconnected and synced. */
  outage(duringOutage: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

const until = async <T>(what: string, pred: () => T | undefined | Promise<T | undefined>, ms = 10_000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await pred();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

function fromOfficial(m: MessageItem): Seen {
  return {
    clientMsgID: m.clientMsgID,
    seq: m.seq,
    contentType: m.contentType,
    sendID: m.sendID,
    text: officialText(m),
    ...(m.atTextElem ? { atUserList: m.atTextElem.atUserList } : {}),
    ...(m.quoteElem ? { quotedClientMsgID: m.quoteElem.quoteMessage.clientMsgID } : {}),
  };
}

function fromOurs(m: OurMessage): Seen {
  return {
    clientMsgID: m.clientMsgID,
    seq: m.seq,
    contentType: m.contentType,
    sendID: m.sendID,
    text: m.textElem?.content ?? m.atTextElem?.text ?? m.quoteElem?.text ?? "",
    ...(m.atTextElem ? { atUserList: m.atTextElem.atUserList } : {}),
    ...(m.quoteElem ? { quotedClientMsgID: m.quoteElem.quoteMessage?.clientMsgID ?? "" } : {}),
  };
}

export class OfficialChatter implements Chatter {
  readonly kind = "official";
  private constructor(readonly c: OfficialClient) {}

  static async login(server: DevServer, userID: string, token: string): Promise<OfficialChatter> {
    return new OfficialChatter(await OfficialClient.login(server, userID, token));
  }

  get userID(): string {
    return this.c.userID;
  }

  private async send(to: string, message: MessageItem): Promise<Seen> {
    return fromOfficial((await this.c.sdk.sendMessage({ recvID: to, groupID: "", message })).data);
  }

  async sendText(to: string, text: string) {
    return this.send(to, (await this.c.sdk.createTextMessage(text)).data);
  }

  async sendAt(to: string, text: string, atUserIDs: string[]) {
    return this.send(to, (await this.c.sdk.createTextAtMessage({ text, atUserIDList: atUserIDs, atUsersInfo: atUserIDs.map((atUserID) => ({ atUserID, groupNickname: atUserID })) })).data);
  }

  async sendQuote(to: string, text: string, conversationID: string, quotedClientMsgID: string) {
    const quoted = (await this.c.history(conversationID)).find((m) => m.clientMsgID === quotedClientMsgID);
    if (!quoted) throw new Error(`${this.userID} has no message ${quotedClientMsgID} to quote`);
    return this.send(to, (await this.c.sdk.createQuoteMessage({ text, message: JSON.stringify(quoted) })).data);
  }

  async markRead(conversationID: string) {
    await this.c.sdk.markConversationMessageAsRead(conversationID);
  }

  async revoke(conversationID: string, clientMsgID: string) {
    await this.c.sdk.revokeMessage({ conversationID, clientMsgID });
  }

  async received(clientMsgID: string) {
    const batch = await this.c.waitFor<MessageItem[]>(CbEvents.OnRecvNewMessages, (ms) => ms.some((m) => m.clientMsgID === clientMsgID), 15_000);
    // The official client announces the message before it updates the conversation (unread, latest):
    // wait for that update too, so a query right after `received` sees the message counted.
    const showsIt = (cs: { latestMsg: string }[]) => cs.some((c) => c.latestMsg.includes(clientMsgID));
    await Promise.any([CbEvents.OnConversationChanged, CbEvents.OnNewConversation].map((event) => this.c.waitFor(event, showsIt, 15_000)));
    return fromOfficial(batch.find((m) => m.clientMsgID === clientMsgID)!);
  }

  async receipt(reader: string, clientMsgID: string) {
    const r = await this.c.waitFor<{ userID: string; msgIDList: string[] }[]>(CbEvents.OnRecvC2CReadReceipt, (rs) => rs.some((x) => x.userID === reader && x.msgIDList.includes(clientMsgID)));
    return r.find((x) => x.userID === reader)!.msgIDList;
  }

  async revoked(clientMsgID: string) {
    await this.c.waitFor<{ clientMsgID: string }>(CbEvents.OnNewRecvMessageRevoked, (x) => x.clientMsgID === clientMsgID);
  }

  async conversation(conversationID: string) {
    const c = await this.c.conversation(conversationID);
    return c && { unreadCount: c.unreadCount, latestClientMsgID: (JSON.parse(c.latestMsg) as MessageItem).clientMsgID };
  }

  async history(conversationID: string) {
    return (await this.c.history(conversationID)).map(fromOfficial);
  }

  async outage(duringOutage: () => Promise<void>) {
    const from = this.c.mark();
    this.c.dropConnection();
    await duringOutage();
    await this.c.waitFor(CbEvents.OnSyncServerFinish, () => true, 15_000, from);
  }

  async close() {
    await this.c.logout().catch(() => {});
  }
}

export class OurChatter implements Chatter {
  readonly kind = "ours";
  private constructor(
    readonly c: TestClient,
    private readonly proxy: TcpProxy,
  ) {}

  /** Our SDK, connected through a TCP proxy so an outage is a real network cut. */
  static async login(server: DevServer, userID: string, token: string): Promise<OurChatter> {
    const proxy = await TcpProxy.start(hostPort(server.wsAddr));
    const c = await newClient(server, userID, token, { wsAddr: `ws://127.0.0.1:${proxy.port}`, dataDir: tempDir("interop-ours-") });
    return new OurChatter(c, proxy);
  }

  get userID(): string {
    return this.c.userID;
  }

  private async send(to: string, message: OurMessage): Promise<Seen> {
    return fromOurs(await this.c.sdk.sendMessage({ recvID: to, groupID: "", message }));
  }

  async sendText(to: string, text: string) {
    return this.send(to, await this.c.sdk.createTextMessage(text));
  }

  async sendAt(to: string, text: string, atUserIDs: string[]) {
    return this.send(to, await this.c.sdk.createTextAtMessage({ text, atUserIDList: atUserIDs, atUsersInfo: atUserIDs.map((atUserID) => ({ atUserID, groupNickname: atUserID })) }));
  }

  async sendQuote(to: string, text: string, conversationID: string, quotedClientMsgID: string) {
    const list = (await this.c.sdk.getAdvancedHistoryMessageList({ conversationID, startClientMsgID: "", count: 100 })).messageList;
    const quoted = list.find((m) => m.clientMsgID === quotedClientMsgID);
    if (!quoted) throw new Error(`${this.userID} has no message ${quotedClientMsgID} to quote`);
    return this.send(to, await this.c.sdk.createQuoteMessage({ text, message: JSON.stringify(quoted) }));
  }

  async markRead(conversationID: string) {
    await this.c.sdk.markConversationMessageAsRead(conversationID);
  }

  async revoke(conversationID: string, clientMsgID: string) {
    await this.c.sdk.revokeMessage({ conversationID, clientMsgID });
  }

  async received(clientMsgID: string) {
    const m = await this.c.until(`message ${clientMsgID}`, () => this.c.events(OurEvents.OnRecvNewMessage).find((x) => x.clientMsgID === clientMsgID), 15_000);
    return fromOurs(m);
  }

  async receipt(reader: string, clientMsgID: string) {
    const r = await this.c.until(`receipt from ${reader}`, () => this.c.events(OurEvents.OnRecvC2CReadReceipt).flat().find((x) => x.userID === reader && x.msgIDList.includes(clientMsgID)));
    return r.msgIDList;
  }

  async revoked(clientMsgID: string) {
    await this.c.until(`revoke of ${clientMsgID}`, () => this.c.events(OurEvents.OnNewRecvMessageRevoked).find((x) => x.clientMsgID === clientMsgID));
  }

  async conversation(conversationID: string) {
    const [c] = await this.c.sdk.getMultipleConversation([conversationID]);
    return c && { unreadCount: c.unreadCount, latestClientMsgID: (JSON.parse(c.latestMsg) as OurMessage).clientMsgID };
  }

  async history(conversationID: string) {
    return (await this.c.sdk.getAdvancedHistoryMessageList({ conversationID, startClientMsgID: "", count: 100 })).messageList.map(fromOurs);
  }

  async outage(duringOutage: () => Promise<void>) {
    const connects = this.c.events(OurEvents.OnConnectSuccess).length;
    this.proxy.refuse = true;
    this.proxy.cut();
    await duringOutage();
    this.proxy.refuse = false;
    await this.c.until("reconnected", () => (this.c.events(OurEvents.OnConnectSuccess).length > connects ? true : undefined), 15_000);
  }

  async close() {
    await this.c.sdk.logout().catch(() => {});
    await this.proxy.close();
  }
}

export { until };
