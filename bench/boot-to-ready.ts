// Boot to ready in Node with a big local database: 10k conversations / 100k messages written
// through the generated DAOs and snapshotted into a dataDir as the Node binding stores it; then
// createSDK → initSDK → login resolved → OnSyncServerFinish against a devserver that has nothing
// new for the user. Baseline: raw sql.js opening the same file (read + new Database + one query).
import fs from "node:fs";
import path from "node:path";
import { CbEvents } from "../bindings/node/index.js";
import { createDaos } from "../generated/dao/index.js";
import { migrate } from "../generated/dao/migrations.js";
import type { LocalConversation } from "../generated/types/index.js";
import { fileSafeName, NodeFileSnapshotStore } from "../runtime/storage/persistence/node-file-store.js";
import { openSqlJs } from "../runtime/storage/sqljs-module.js";
import { openSqlJsDriver } from "../runtime/storage/sqljs-driver.js";
import { SDK_DATA_VERSION } from "../runtime/sync/message-sync.js";
import { defineBenchmark } from "./lib/benchmark.js";
import { chatLogRows } from "./lib/chat-log-rows.js";
import { parseFlags } from "./lib/cli-args.js";
import { initAndLogin, newSdkRuntime, nextEvent } from "./lib/sdk/sdk-client.js";
import { plainDevServer } from "./lib/sdk/seeded-devserver.js";
import { round, summarize } from "./lib/stats.js";

const flags = {
  conversations: { kind: "int", min: 1, help: "local conversations (default 10000)" },
  messages: { kind: "int", min: 1, help: "local messages (default 100000)" },
  rounds: { kind: "int", min: 1, help: "boots measured, alternating with the baseline; medians reported (default 5)" },
} as const;

const SELF = "boot_self";

/** Writes the database file the Node binding opens for SELF under `dataDir`; returns its size. */
async function buildLocalDatabase(dataDir: string, conversations: number, messages: number): Promise<{ file: string; bytes: number }> {
  const db = await openSqlJsDriver();
  migrate(db);
  const daos = createDaos(db);
  const rows = chatLogRows(messages, conversations, SELF);
  for (let i = 0; i < rows.length; i += 10_000) daos.chatLogs.upsertMany(rows.slice(i, i + 10_000));
  const last = new Map(rows.map((r) => [r.conversationID, r]));
  const convs: LocalConversation[] = Array.from({ length: conversations }, (_, c) => {
    const peer = `u${c}`;
    const conversationID = `si_${SELF}_${peer}`;
    const latest = last.get(conversationID);
    return {
      conversationID, conversationType: 1, userID: peer, groupID: "", showName: peer, faceURL: "", recvMsgOpt: 0, unreadCount: 0, groupAtType: 0,
      latestMsg: latest ? JSON.stringify({ clientMsgID: latest.clientMsgID, seq: latest.seq, textElem: { content: "x" } }) : "",
      latestMsgSendTime: latest?.sendTime ?? 1e12 + c, draftText: "", draftTextTime: 0, burnDuration: 0, msgDestructTime: 0,
      isPinned: false, isNotInGroup: false, isPrivateChat: false, isMsgDestruct: false, isMarked: false, attachedInfo: "",
      maxSeq: latest?.seq ?? 0, minSeq: latest ? 1 : 0,
    };
  });
  daos.localConversations.upsertMany(convs);
  // A completed first sync: the boot is a returning user's, not a reinstall.
  daos.localAppSdkVersion.upsert({ version: SDK_DATA_VERSION, installed: true });
  const snapshot = db.exportSnapshot();
  db.close();
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, `${fileSafeName(SELF)}.sqlite`);
  await new NodeFileSnapshotStore(file).save(snapshot);
  return { file, bytes: snapshot.length };
}

export default defineBenchmark({
  name: "boot-to-ready",
  description: "Node SDK boot (createSDK → initSDK → login → OnSyncServerFinish) on a local DB of 10k conversations / 100k messages vs raw sql.js opening the same file",
  async run(ctx) {
    const o = parseFlags(ctx.args, flags);
    const conversations = o.conversations ?? 10_000;
    const messages = o.messages ?? 100_000;
    const rounds = o.rounds ?? 5;
    const dataDir = path.join(ctx.tmpDir, "data");
    ctx.progress(`building the local database through the DAOs: ${conversations} conversations, ${messages} messages`);
    const { file, bytes } = await buildLocalDatabase(dataDir, conversations, messages);
    const pristine = fs.readFileSync(file);
    const world = await plainDevServer();
    const boots: number[] = [];
    const logins: number[] = [];
    const raws: number[] = [];
    try {
      await world.admin.call("/user/user_register", { users: [{ userID: SELF, nickname: SELF, faceURL: "", ex: "", createTime: 0, appMangerLevel: 0, globalRecvMsgOpt: 0 }] });
      const token = await world.token(SELF);
      const SQL = await openSqlJs();
      for (let r = 0; r <= rounds; r++) {
        // Every boot starts from the same file: the previous boot's snapshot and journal are undone.
        for (const f of fs.readdirSync(dataDir)) fs.rmSync(path.join(dataDir, f), { force: true });
        fs.writeFileSync(file, pristine);
        ctx.progress(r === 0 ? "warm-up boot" : `boot ${r}/${rounds}`);
        const t0 = performance.now();
        const rt = newSdkRuntime({ apiAddr: world.server.apiAddr, wsAddr: world.server.wsAddr, dataDir });
        const ready = nextEvent(rt, CbEvents.OnSyncServerFinish, 120_000);
        await initAndLogin(rt, { apiAddr: world.server.apiAddr, wsAddr: world.server.wsAddr, dataDir }, SELF, token);
        const loginMs = performance.now() - t0;
        const reinstalled = await ready;
        const bootMs = performance.now() - t0;
        if (reinstalled) throw new Error("the SDK treated the prepared database as a reinstall; the boot would not be a returning user's");
        const listed = (await rt.sdk.getAllConversationList()).length;
        await rt.sdk.logout();
        if (listed !== conversations) throw new Error(`the booted SDK lists ${listed} conversations, expected ${conversations}`);

        const t1 = performance.now();
        const raw = new SQL.Database(fs.readFileSync(file));
        const n = raw.exec("SELECT count(*) FROM local_conversations")[0]!.values[0]![0];
        raw.close();
        const rawMs = performance.now() - t1;
        if (n !== conversations) throw new Error(`raw open counted ${String(n)} conversations`);
        if (r > 0) {
          boots.push(bootMs);
          logins.push(loginMs);
          raws.push(rawMs);
        }
      }
    } finally {
      await world.close();
    }
    const b = summarize(boots);
    const raw = summarize(raws);
    const ms = (label: string, value: number) => ({ label, value: round(value, 0), unit: "ms", better: "lower" as const });
    return {
      figures: [
        ms(`createSDK → OnSyncServerFinish (median of ${rounds})`, b.p50),
        ms("createSDK → login resolved", summarize(logins).p50),
        ms("slowest boot", b.max),
        { label: "database file", value: round(bytes / 2 ** 20, 1), unit: "MiB", better: "lower" as const },
      ],
      baseline: ms("raw sql.js: read file + new Database + count", raw.p50),
      ratio: b.p50 / raw.p50,
      ratioMeaning: "SDK boot ÷ raw sql.js open (lower is better)",
      samples: [
        { label: "boot to OnSyncServerFinish", unit: "ms", values: boots },
        { label: "raw sql.js open", unit: "ms", values: raws },
      ],
      notes: [
        `local DB built with the generated DAOs (chat_logs upsertMany, local_conversations upsertMany), snapshotted with NodeFileSnapshotStore as <dataDir>/${SELF}.sqlite; restored before every boot`,
        "devserver in the same process, in memory, with nothing new for the user: the sync step is GetNewestSeq + hasRead seqs only",
      ],
    };
  },
});
