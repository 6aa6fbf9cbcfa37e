// A restart on the same data file keeps users, tokens, seqs and messages; the CLI serves and
// closes cleanly on SIGINT; an unknown data-file schema is refused with a clear message.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { msg, sdkws } from "../../generated/protocol/index.js";
import { startDevServer } from "../../devserver/index.js";
import { apiOk, b64, RawClient, sendText, singleID, withUsers } from "./support.js";

const dirs: string[] = [];
const tempFile = () => {
  const d = mkdtempSync(join(tmpdir(), "devserver-"));
  dirs.push(d);
  return join(d, "data.sqlite");
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("persistence", () => {
  it("restarting on the same file keeps tokens, seqs, messages and dedup", async () => {
    const file = tempFile();
    const s1 = await startDevServer({ wsPort: 0, apiPort: 0, dataFile: file, log: null });
    const { tokens } = await withUsers(s1, "alice", "bob");
    const a1 = await RawClient.connect(s1, { userID: "alice", token: tokens.alice! });
    const sent = [];
    for (let i = 1; i <= 3; i++) sent.push(await sendText(a1, "bob", `m${i}`));
    await a1.waitPushes(3);
    a1.close();
    await s1.close();

    const s2 = await startDevServer({ wsPort: 0, apiPort: 0, dataFile: file, log: null });
    try {
      const b = await RawClient.connect(s2, { userID: "bob", token: tokens.bob! }); // the old token still works
      const max = sdkws.GetMaxSeqResp.decode(b64((await b.request(1001, sdkws.GetMaxSeqReq.encode({ userID: "bob" }))).data));
      const cid = singleID("alice", "bob");
      expect(max.maxSeqs[cid]).toBe(3);
      const r = await b.request(1005, msg.GetSeqMessageReq.encode({ userID: "bob", conversations: [{ conversationID: cid, seqs: [1, 2, 3] }] }));
      const msgs = msg.GetSeqMessageResp.decode(b64(r.data)).msgs[cid]!.Msgs;
      expect(msgs.map((m) => new TextDecoder().decode(m.content))).toEqual(['{"content":"m1"}', '{"content":"m2"}', '{"content":"m3"}']);
      // A resend after the restart is still recognised; the next message continues at seq 4.
      const a2 = await RawClient.connect(s2, { userID: "alice", token: tokens.alice! });
      const again = await a2.request(1003, sdkws.MsgData.encode(sent[0]!.message));
      expect(msg.SendMsgResp.decode(b64(again.data)).serverMsgID).toBe(sent[0]!.ack.serverMsgID);
      await sendText(a2, "bob", "m4");
      const [p] = await b.waitPushes(1);
      expect(sdkws.PushMessages.decode(b64(p!.data)).msgs[cid]!.Msgs[0]!.seq).toBe(4);
      const conv = await apiOk(s2, "/conversation/get_all_conversations", { ownerUserID: "bob" }, tokens.bob);
      expect(conv.conversations.map((c: { conversationID: string }) => c.conversationID)).toEqual([cid]);
      a2.close();
      b.close();
    } finally {
      await s2.close();
    }
  });

  it("a data file with another schema version is refused with a clear message", async () => {
    const file = tempFile();
    const db = new Database(file);
    db.pragma("user_version = 99");
    db.close();
    await expect(startDevServer({ wsPort: 0, apiPort: 0, dataFile: file, log: null })).rejects.toThrow(/schema 99.*delete the file or use another --data path/);
  });

  it("bad options are refused before anything listens", async () => {
    await expect(startDevServer({ wsPort: 70000, memory: true, log: null })).rejects.toThrow(/wsPort/);
    await expect(startDevServer({ log: null })).rejects.toThrow(/dataFile.*memory/);
    await expect(startDevServer({ memory: true, secret: "", log: null })).rejects.toThrow(/secret/);
  });
});

describe("cli", () => {
  it("npm run devserver serves, warns about the default secret, and exits 0 on SIGINT", async () => {
    const file = tempFile();
    const child = spawn(process.execPath, ["--import", "tsx", "devserver/cli.ts", "--ws-port", "0", "--api-port", "0", "--data", file], { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 20_000;
    while (!/HTTP API (http:\/\/\S+)/.test(out) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    const apiAddr = /HTTP API (http:\/\/\S+),/.exec(out)?.[1];
    expect(apiAddr, out).toBeDefined();
    expect(out).toMatch(/WARNING.*openIM123/);
    const res = await fetch(`${apiAddr}/auth/get_admin_token`, { method: "POST", headers: { operationID: "x" }, body: JSON.stringify({ secret: "openIM123", userID: "imAdmin" }) });
    expect((await res.json()).errCode).toBe(0);
    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    expect(code).toBe(0);
  });

  it("an unknown flag exits 2 with usage", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "devserver/cli.ts", "--bogus"], { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    expect(code).toBe(2);
    expect(err).toMatch(/unknown option --bogus/);
    expect(err).toMatch(/usage/);
  });
});
