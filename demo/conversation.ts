// The scripted chat between two logged-in users: every feature the demo shows is one step, each
// step waits for the other side to see it, then both sides' conversation lists are printed.
import type { ConversationItem, MessageItem } from "../generated/types/index.js";
import type { Participant, Received } from "./participant.js";
import { describeMessage, type Transcript } from "./transcript.js";

export interface SideView {
  /** getTotalUnreadMsgCount after the step. */
  total: number;
  conversations: ConversationItem[];
  /** What this side's listeners received during the step. */
  events: Received[];
}

export interface StepReport {
  title: string;
  sides: Record<string, SideView>;
}

export interface ChatReport {
  steps: StepReport[];
  /** The messages as the sender's sendMessage returned them. */
  sent: { hello: MessageItem; mention: MessageItem; reply: MessageItem; mistake: MessageItem };
  /** The latest 20 messages of the chat as each side stores them at the end (oldest first). */
  history: Record<string, MessageItem[]>;
}

export async function playConversation(alice: Participant, bob: Participant, t: Transcript): Promise<ChatReport> {
  const steps: StepReport[] = [];
  const aliceChat = await alice.conversationID(bob);
  const bobChat = await bob.conversationID(alice);

  /** Runs one step, then records what each side received during it and what its list looks like now. */
  async function step<T>(title: string, body: () => Promise<T>): Promise<T> {
    t.step(steps.length + 1, title);
    const marks = [alice.received.length, bob.received.length] as const;
    const result = await body();
    const sides: Record<string, SideView> = {};
    for (const [i, p] of [alice, bob].entries()) {
      const events = p.since(marks[i]!);
      t.received(p.name, events);
      const view = { total: await p.sdk.getTotalUnreadMsgCount(), conversations: await p.conversations(), events };
      t.conversations(p.name, view.total, view.conversations);
      sides[p.userID] = view;
    }
    steps.push({ title, sides });
    return result;
  }

  async function send(from: Participant, to: Participant, message: MessageItem, said: string): Promise<MessageItem> {
    t.action(from.name, said);
    const mark = to.received.length;
    const sent = await from.sdk.sendMessage({ recvID: to.userID, groupID: "", message });
    await to.waitFor(mark, "OnRecvNewMessage", said, (m) => m.clientMsgID === sent.clientMsgID);
    await from.echoed(await from.conversationID(to), sent.clientMsgID);
    return sent;
  }

  const hello = await step(`${alice.name} says hello`, async () =>
    send(alice, bob, await alice.sdk.createTextMessage("Hi Bob! Lunch today?"), 'sends text "Hi Bob! Lunch today?"'),
  );

  const mention = await step(`${alice.name} mentions ${bob.name}`, async () =>
    send(
      alice,
      bob,
      await alice.sdk.createTextAtMessage({ text: `@${bob.name} are you around?`, atUserIDList: [bob.userID] }),
      `sends "@${bob.name} are you around?" mentioning ${bob.userID}`,
    ),
  );

  const reply = await step(`${bob.name} types, then replies quoting ${alice.name}`, async () => {
    t.action(bob.name, "starts typing (changeInputStates focus: true)");
    let mark = alice.received.length;
    await bob.sdk.changeInputStates({ conversationID: bobChat, focus: true });
    await alice.waitFor(mark, "OnConversationUserInputStatusChanged", "typing", (s) => s.userID === bob.userID && s.platformIDs.length > 0);
    // The quote carries the message as the receiver stored it.
    const quoted = bob.received.find((r): r is Received<"OnRecvNewMessage"> => r.event === "OnRecvNewMessage" && (r.payload as MessageItem).clientMsgID === hello.clientMsgID)!.payload;
    const sent = await send(bob, alice, await bob.sdk.createQuoteMessage({ text: "Sure — 12:30 at Luigi's?", message: JSON.stringify(quoted) }), 'replies "Sure — 12:30 at Luigi\'s?" quoting the hello');
    t.action(bob.name, "stops typing (changeInputStates focus: false)");
    mark = alice.received.length;
    await bob.sdk.changeInputStates({ conversationID: bobChat, focus: false });
    await alice.waitFor(mark, "OnConversationUserInputStatusChanged", "typing stopped", (s) => s.userID === bob.userID && s.platformIDs.length === 0);
    return sent;
  });

  await step(`${bob.name} reads the chat; ${alice.name} gets the read receipt`, async () => {
    t.action(bob.name, "reads the chat (markConversationMessageAsRead)");
    const mark = alice.received.length;
    await bob.sdk.markConversationMessageAsRead(bobChat);
    await alice.waitFor(mark, "OnRecvC2CReadReceipt", "bob's read receipt", (rs) => rs.some((r) => r.userID === bob.userID && r.msgIDList.includes(mention.clientMsgID)));
  });

  const mistake = await step(`${alice.name} sends a message by mistake and revokes it`, async () => {
    const sent = await send(alice, bob, await alice.sdk.createTextMessage("my PIN is 1234"), 'sends text "my PIN is 1234" (oops)');
    t.action(alice.name, "revokes it (revokeMessage)");
    const marks = [alice.received.length, bob.received.length] as const;
    await alice.sdk.revokeMessage({ conversationID: aliceChat, clientMsgID: sent.clientMsgID });
    const isIt = (info: { clientMsgID: string }) => info.clientMsgID === sent.clientMsgID;
    await alice.waitFor(marks[0], "OnNewRecvMessageRevoked", "own revoke", isIt);
    await bob.waitFor(marks[1], "OnNewRecvMessageRevoked", "alice's revoke", isIt);
    return sent;
  });

  await step("both read everything", async () => {
    t.action(alice.name, "reads the chat (markConversationMessageAsRead)");
    const mark = bob.received.length;
    await alice.sdk.markConversationMessageAsRead(aliceChat);
    await bob.waitFor(mark, "OnRecvC2CReadReceipt", "alice's read receipt", (rs) => rs.some((r) => r.userID === alice.userID && r.msgIDList.includes(reply.clientMsgID)));
    t.action(bob.name, "reads the chat (markConversationMessageAsRead)");
    const aliceMark = alice.received.length;
    await bob.sdk.markConversationMessageAsRead(bobChat);
    // Bob's count is already 0 (a revoked message has nothing left to read), but he never read it:
    // its receipt still goes to Alice.
    await alice.waitFor(aliceMark, "OnRecvC2CReadReceipt", "bob's second read receipt", (rs) => rs.some((r) => r.userID === bob.userID));
  });

  const history: Record<string, MessageItem[]> = {};
  for (const [p, cid] of [[alice, aliceChat], [bob, bobChat]] as const) {
    history[p.userID] = (await p.sdk.getAdvancedHistoryMessageList({ conversationID: cid, startClientMsgID: "", count: 20 })).messageList;
  }
  t.line();
  for (const p of [alice, bob]) {
    // The last four are this run's messages (a rerun on kept data has older ones before them).
    t.line(`${p.name}'s stored chat, latest four messages:`);
    for (const m of history[p.userID]!.slice(-4)) t.line(`    ${describeMessage(m)}${m.sendID === p.userID ? (m.isRead ? "  ✓ read" : "  · unread") : ""}`);
  }
  return { steps, sent: { hello, mention, reply, mistake }, history };
}
