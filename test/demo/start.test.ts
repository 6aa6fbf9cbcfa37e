// The demo (`npm start`) end to end: the chat really happens on a real devserver through the Node
// binding, in-process (to check what each side saw) and as the command line (flags, exit, Ctrl-C).
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { CbEvents, createSDK } from "../../bindings/node/index.js";
import type { MessageItem } from "../../generated/types/index.js";
import { ArgsError, parseArgs, type DemoArgs } from "../../demo/args.js";
import type { Received } from "../../demo/participant.js";
import { runDemo, type DemoRun } from "../../demo/run.js";

const START = fileURLToPath(new URL("../../demo/start.ts", import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "openim-demo-"));
  dirs.push(d);
  return d;
}

function args(more: Partial<DemoArgs> = {}): DemoArgs {
  return { ...parseArgs(["--memory", "--ws-port", "0", "--api-port", "0"], {}), ...more };
}

const payloads = <E extends Received["event"]>(events: Received[], event: E) =>
  events.filter((r): r is Received<E> => r.event === event).map((r) => r.payload);

describe("the demo chat (in-process, in memory)", () => {
  let run: DemoRun;
  const lines: string[] = [];

  it("plays every step, and each side sees what it must", async () => {
    run = await runDemo(args(), (l) => lines.push(l));
    const { steps, sent, history } = run.report;
    expect(steps.map((s) => s.title)).toHaveLength(6);
    const side = (i: number, who: "alice" | "bob") => steps[i]!.sides[who]!;

    // Unread after each step: hello, @, Bob's quote (his reply reads the chat), Bob reads, revoked mistake (nothing left to read), both read.
    expect(steps.map((_, i) => side(i, "bob").total)).toEqual([1, 2, 0, 0, 0, 0]);
    expect(steps.map((_, i) => side(i, "alice").total)).toEqual([0, 0, 1, 1, 0, 0]); // her message in step 5 reads Bob's reply
    for (const [i] of steps.entries()) {
      for (const [who, peer] of [["alice", "bob"], ["bob", "alice"]] as const) {
        const list = side(i, who).conversations;
        expect(list.map((c) => c.userID)).toEqual([peer]);
        expect(list[0]!.unreadCount).toBe(side(i, who).total);
      }
    }

    // 1: text
    const hello = payloads(side(0, "bob").events, CbEvents.OnRecvNewMessage);
    expect(hello).toEqual([expect.objectContaining({ clientMsgID: sent.hello.clientMsgID, sendID: "alice", contentType: 101, textElem: { content: "Hi Bob! Lunch today?" } })]);
    // 2: @ — Bob receives the mention of himself.
    const [mention] = payloads(side(1, "bob").events, CbEvents.OnRecvNewMessage);
    expect(mention).toMatchObject({ clientMsgID: sent.mention.clientMsgID, contentType: 106, atTextElem: { text: "@Bob are you around?", atUserList: ["bob"], isAtSelf: true } });
    // 3: typing on, the quote, typing off — in that order on Alice's side
    const aliceSaw = side(2, "alice").events.filter((r) => r.event !== CbEvents.OnTotalUnreadMessageCountChanged);
    expect(aliceSaw.map((r) => r.event)).toEqual([CbEvents.OnConversationUserInputStatusChanged, CbEvents.OnRecvNewMessage, CbEvents.OnConversationUserInputStatusChanged]);
    expect(aliceSaw[0]!.payload).toMatchObject({ userID: "bob", platformIDs: [5] });
    expect(aliceSaw[2]!.payload).toMatchObject({ userID: "bob", platformIDs: [] });
    expect(aliceSaw[1]!.payload).toMatchObject({ contentType: 114, quoteElem: { text: "Sure — 12:30 at Luigi's?", quoteMessage: { clientMsgID: sent.hello.clientMsgID } } });
    // 4: the read receipt reached the sender and her copies are marked read
    const receipts = payloads(side(3, "alice").events, CbEvents.OnRecvC2CReadReceipt).flat();
    expect(receipts).toEqual([expect.objectContaining({ userID: "bob", msgIDList: expect.arrayContaining([sent.hello.clientMsgID, sent.mention.clientMsgID]) })]);
    const aliceHistory = history.alice!;
    const byID = (list: MessageItem[], id: string) => list.find((m) => m.clientMsgID === id)!;
    expect(byID(aliceHistory, sent.hello.clientMsgID).isRead).toBe(true);
    expect(byID(aliceHistory, sent.mention.clientMsgID).isRead).toBe(true);
    // 5: revoke — both sides were told, and both now store a revoke notice instead of the text
    for (const who of ["alice", "bob"] as const) {
      expect(payloads(side(4, who).events, CbEvents.OnNewRecvMessageRevoked)).toEqual([expect.objectContaining({ clientMsgID: sent.mistake.clientMsgID, revokerID: "alice" })]);
      const revoked = byID(history[who]!, sent.mistake.clientMsgID);
      expect(revoked.contentType).toBe(2101);
      expect(JSON.stringify(history[who])).not.toContain("my PIN is 1234");
      expect(JSON.parse(side(4, who).conversations[0]!.latestMsg)).toMatchObject({ clientMsgID: sent.mistake.clientMsgID, contentType: 2101 });
    }
    // 6: Bob got Alice's receipt for his reply
    expect(payloads(side(5, "bob").events, CbEvents.OnRecvC2CReadReceipt).flat()).toEqual([expect.objectContaining({ userID: "alice", msgIDList: [sent.reply.clientMsgID] })]);
    expect(byID(history.bob!, sent.reply.clientMsgID).isRead).toBe(true);

    // The printed transcript tells the same story.
    const text = lines.join("\n");
    expect(text).toContain("registered alice, bob, you");
    // The sender's nickname (registered as "Alice") travels with the message.
    expect(text).toContain('Bob ◀ OnRecvNewMessage: Alice: "Hi Bob! Lunch today?"');
    expect(text).toContain("Alice ◀ OnConversationUserInputStatusChanged: bob is typing (platforms 5)");
    expect(text).toContain("Alice ◀ OnRecvC2CReadReceipt: bob read 2 of my messages");
    expect(text).toContain(`Bob ◀ OnNewRecvMessageRevoked: alice revoked message ${sent.mistake.clientMsgID}`);
    expect(text).toMatch(/Bob's conversations \(total unread 0\):\n {4}Alice \[si_alice_bob\] unread 0 — latest: \[a message by Alice was revoked\]\n*$/m);
  });

  it("leaves a working devserver: the printed token logs the developer's user in, and alice hears from it", async () => {
    const you = createSDK({ inMemory: true });
    await you.initSDK({ apiAddr: run.server.apiAddr, wsAddr: run.server.wsAddr, platformID: 5, dataDir: "in-memory" });
    await you.login({ userID: "you", token: run.developerToken });
    const mark = run.alice.received.length;
    const sent = await you.sendMessage({ recvID: "alice", groupID: "", message: await you.createTextMessage("hello from my app") });
    const got = await run.alice.waitFor(mark, CbEvents.OnRecvNewMessage, "the developer's message", (m) => m.clientMsgID === sent.clientMsgID);
    expect(got).toMatchObject({ sendID: "you", textElem: { content: "hello from my app" } });
    await you.logout();
  });

  it("close() logs both out and stops the devserver", async () => {
    await run.close();
    expect(await run.alice.sdk.getLoginStatus()).toBe(1);
    expect(await run.bob.sdk.getLoginStatus()).toBe(1);
    await expect(fetch(run.server.apiAddr + "/auth/get_admin_token", { method: "POST" })).rejects.toThrow();
    await run.close(); // twice is fine
  });
});

describe("the demo on kept data", () => {
  it("a second run on the same folder finds the users registered and plays the same chat", async () => {
    const dir = tempDir();
    const first: string[] = [];
    const a = await runDemo(args({ dataDir: dir }), (l) => first.push(l));
    await a.close();
    expect(fs.existsSync(path.join(dir, "devserver.sqlite"))).toBe(true);
    expect(first).toContain("registered alice, bob, you");

    const second: string[] = [];
    const b = await runDemo(args({ dataDir: dir }), (l) => second.push(l));
    await b.close();
    expect(second).toContain("registered nobody new (already registered: alice, bob, you)");
    const totals = (r: DemoRun, who: string) => r.report.steps.map((s) => s.sides[who]!.total);
    expect(totals(b, "bob")).toEqual(totals(a, "bob"));
    expect(totals(b, "alice")).toEqual(totals(a, "alice"));
    // Both runs' messages are stored: the earlier hello is still there on Bob's side.
    const bobIDs = b.report.history.bob!.map((m) => m.clientMsgID);
    expect(bobIDs).toEqual(expect.arrayContaining([a.report.sent.hello.clientMsgID, b.report.sent.hello.clientMsgID]));
    expect(second).toContain('Bob logged in through the Node binding as "bob" and synced (1 conversation from earlier runs, total unread 0)');

    // Clients' local data lost, server kept: the history comes back in the login sync, before step 1.
    fs.rmSync(path.join(dir, "clients"), { recursive: true });
    const c = await runDemo(args({ dataDir: dir }), () => {});
    await c.close();
    expect(payloads(c.report.steps[0]!.sides.bob!.events, CbEvents.OnRecvNewMessage).map((m) => m.clientMsgID)).toEqual([c.report.sent.hello.clientMsgID]);
    expect(c.report.history.bob!.map((m) => m.clientMsgID)).toEqual(expect.arrayContaining([a.report.sent.mistake.clientMsgID, b.report.sent.reply.clientMsgID]));
    expect(totals(c, "bob")).toEqual(totals(a, "bob"));
  });
});

describe("npm start (the command line)", () => {
  interface Child {
    code: Promise<number | null>;
    out: () => string;
    err: () => string;
    waitOut: (text: string) => Promise<void>;
    kill: (signal: NodeJS.Signals) => void;
    /** Stops reading the child's stdout, as `| head` does when it has enough. */
    closeOut: () => void;
  }
  function start(argv: string[], env: NodeJS.ProcessEnv = {}): Child {
    const child = spawn(process.execPath, ["--import", "tsx/esm", START, ...argv], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const watchers: (() => void)[] = [];
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      watchers.forEach((w) => w());
    });
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const code = new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    return {
      code,
      out: () => out,
      err: () => err,
      kill: (s) => child.kill(s),
      closeOut: () => child.stdout.destroy(),
      waitOut: (text) =>
        new Promise<void>((resolve, reject) => {
          const check = () => out.includes(text) && resolve();
          watchers.push(check);
          check();
          void code.then(() => reject(new Error(`exited before printing ${JSON.stringify(text)}:\n${out}\n${err}`)));
        }),
    };
  }

  it("--once --memory plays the chat and exits 0 with the devserver closed", async () => {
    const c = start(["--once", "--memory", "--ws-port", "0", "--api-port", "0"]);
    expect(await c.code).toBe(0);
    expect(c.out()).toContain("── step 6: both read everything");
    expect(c.out()).toContain("demo: done (--once), devserver closed");
  });

  it("without --once it prints the addresses and a user token, keeps serving, and Ctrl-C exits 0", async () => {
    const c = start(["--memory", "--ws-port", "0", "--api-port", "0"]);
    await c.waitOut("Alice and Bob stay online until Ctrl-C.");
    const apiAddr = /HTTP API\s+: (http:\/\/\S+)/.exec(c.out())![1]!;
    const token = /token for user "you" \(platform 5\): (\S+)/.exec(c.out())![1]!;
    expect(c.out()).toMatch(/WebSocket gateway : ws:\/\/127\.0\.0\.1:\d+/);
    expect(c.out()).toContain('await sdk.login({ userID: "you"');
    // The token is a real one the running server accepts.
    const parsed = await fetch(apiAddr + "/auth/parse_token", { method: "POST", headers: { operationID: "t1", "Content-Type": "application/json", token }, body: JSON.stringify({ token }) });
    expect(await parsed.json()).toMatchObject({ errCode: 0, data: { userID: "you", platformID: 5 } });
    c.kill("SIGINT");
    expect(await c.code).toBe(0);
    expect(c.err()).toContain("SIGINT — logging alice and bob out, closing the devserver");
    await expect(fetch(apiAddr + "/auth/parse_token", { method: "POST" })).rejects.toThrow();
  });

  it("a closed output pipe (npm start | head) logs out, closes the devserver and exits 0", async () => {
    const c = start(["--memory", "--ws-port", "0", "--api-port", "0"]);
    await c.waitOut("registered alice, bob, you");
    c.closeOut();
    expect(await c.code).toBe(0);
    expect(c.err()).toContain("demo: the output pipe was closed — logging alice and bob out, closing the devserver");
  });

  it("a busy port gets a clear error naming the flag to change, and exit code 1", async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const c = start(["--once", "--memory", "--ws-port", String(port), "--api-port", "0"]);
      expect(await c.code).toBe(1);
      expect(c.err()).toContain(`port ${port} on 127.0.0.1 (--ws-port, the WebSocket gateway) is already in use`);
      expect(c.err()).toContain("npm start -- --ws-port 20001 --api-port 20002");
    } finally {
      blocker.close();
    }
  });

  it("bad flags exit 2 with what was wrong and the usage", async () => {
    const c = start(["--ws-port", "abc"]);
    expect(await c.code).toBe(2);
    expect(c.err()).toContain('--ws-port must be a port number 0..65535, got "abc"');
    expect(c.err()).toContain("usage: npm start --");
  });
});

describe("parseArgs", () => {
  it("defaults to .data and ports 10001/10002; DEMO_ONCE=1 means --once; contradictions are refused", () => {
    expect(parseArgs([], {})).toMatchObject({ once: false, dataDir: ".data", wsPort: 10001, apiPort: 10002 });
    expect(parseArgs([], { DEMO_ONCE: "1" }).once).toBe(true);
    expect(parseArgs(["--data", "/tmp/x"], {}).dataDir).toBe("/tmp/x");
    expect(() => parseArgs(["--memory", "--data", "x"], {})).toThrow(ArgsError);
    expect(() => parseArgs(["--ws-port", "7", "--api-port", "7"], {})).toThrow(/different ports/);
    expect(() => parseArgs(["--data"], {})).toThrow(/--data needs a value/);
    expect(() => parseArgs(["--api-port", "70000"], {})).toThrow(/0..65535/);
  });
});
