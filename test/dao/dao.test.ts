// The generated DAOs of the real schema on real sql.js: CRUD, bulk upsert, named queries.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDaos, type Daos } from "../../generated/dao/index.js";
import { migrate, SCHEMA_VERSION } from "../../generated/dao/migrations.js";
import type { LocalChatLog, LocalConversation } from "../../generated/types/index.js";
import { StorageError } from "../../runtime/contracts/storage.js";
import { openSqlJs, type SqlJsTestDriver } from "../support/sqljs-driver.js";

function msg(conversationID: string, seq: number, over: Partial<LocalChatLog> = {}): LocalChatLog {
  return {
    clientMsgID: `${conversationID}-${seq}`,
    conversationID,
    serverMsgID: `s-${conversationID}-${seq}`,
    sendID: "u1",
    recvID: "u2",
    groupID: "",
    senderPlatformID: 5,
    senderNickname: "Ann",
    senderFaceUrl: "",
    sessionType: 1,
    msgFrom: 100,
    contentType: 101,
    content: JSON.stringify({ content: `hello ${seq}` }),
    isRead: false,
    status: 2,
    seq,
    sendTime: 1_700_000_000_000 + seq,
    createTime: 1_700_000_000_000 + seq,
    ...over,
  };
}

function conv(conversationID: string, over: Partial<LocalConversation> = {}): LocalConversation {
  return {
    conversationID, conversationType: 1, userID: "u2", groupID: "", showName: conversationID, faceURL: "",
    recvMsgOpt: 0, unreadCount: 0, groupAtType: 0, latestMsg: "", latestMsgSendTime: 0, draftText: "",
    draftTextTime: 0, burnDuration: 30, msgDestructTime: 604800, isPinned: false, isNotInGroup: false,
    isPrivateChat: false, isMsgDestruct: false, isMarked: false, attachedInfo: "", maxSeq: 0, minSeq: 0,
    ...over,
  };
}

let db: SqlJsTestDriver;
let dao: Daos;
beforeEach(async () => {
  db = await openSqlJs();
  expect(migrate(db)).toEqual({ from: 0, to: SCHEMA_VERSION });
  dao = createDaos(db);
});
afterEach(() => db.close());

describe("generated DAO CRUD", () => {
  it("inserts, reads back every codec (boolean, JSON, optional), updates and deletes by key", () => {
    const m = msg("si_a_b", 1, { isRead: true, attachedInfo: { isPrivateChat: true, burnDuration: 5, hasReadTime: 9 }, ex: "x" });
    dao.chatLogs.insert(m);
    expect(dao.chatLogs.get(m.clientMsgID)).toEqual(m);
    const raw = db.get("SELECT is_read, attached_info, local_ex FROM chat_logs WHERE client_msg_id = ?", [m.clientMsgID]);
    expect(raw).toEqual({ is_read: 1, attached_info: JSON.stringify(m.attachedInfo), local_ex: null });

    expect(dao.chatLogs.update({ ...m, status: 3, isRead: false, attachedInfo: undefined })).toBe(true);
    const updated = dao.chatLogs.get(m.clientMsgID)!;
    expect([updated.status, updated.isRead, updated.attachedInfo]).toEqual([3, false, undefined]);
    expect(dao.chatLogs.update(msg("si_a_b", 99))).toBe(false);

    expect(dao.chatLogs.delete(m.clientMsgID)).toBe(true);
    expect(dao.chatLogs.get(m.clientMsgID)).toBeUndefined();
    expect(dao.chatLogs.delete(m.clientMsgID)).toBe(false);
  });

  it("insert of an existing key fails with a StorageError; upsert replaces it", () => {
    dao.chatLogs.insert(msg("c", 1));
    expect(() => dao.chatLogs.insert(msg("c", 1))).toThrow(StorageError);
    dao.chatLogs.upsert(msg("c", 1, { content: "new" }));
    expect(dao.chatLogs.get("c-1")!.content).toBe("new");
  });

  it("works with composite primary keys", () => {
    dao.localSendingMessages.insert({ conversationID: "c1", clientMsgID: "m1", createTime: 2, attempts: 0 });
    dao.localSendingMessages.insert({ conversationID: "c2", clientMsgID: "m1", createTime: 1, attempts: 1 });
    expect(dao.localSendingMessages.get("c2", "m1")).toEqual({ conversationID: "c2", clientMsgID: "m1", createTime: 1, attempts: 1 });
    expect(dao.localSendingMessages.oldestFirst(10).map((r) => r.conversationID)).toEqual(["c2", "c1"]);
    expect(dao.localSendingMessages.delete("c1", "m1")).toBe(true);
    expect(dao.localSendingMessages.byConversation("c1")).toEqual([]);
  });

  it("tells which keys have a row in one query (existingKeys), for text keys with JSON-special characters too", () => {
    const odd = 'quote " back\\ slash, ünïcode';
    dao.chatLogs.insert(msg("c", 1));
    dao.chatLogs.insert(msg("c", 2, { clientMsgID: odd }));
    expect(dao.chatLogs.existingKeys([])).toEqual(new Set());
    expect(dao.chatLogs.existingKeys(["c-1", "nope", odd, "c-1"])).toEqual(new Set(["c-1", odd]));
    expect(dao.localConversations.existingKeys(["c"])).toEqual(new Set());
  });

  it("stores JSON array columns", () => {
    const row = { tableName: "local_friends", entityID: "u1", versionID: "v", version: 3, createTime: 1, idList: ["b", "a"] };
    dao.localSyncVersion.upsert(row);
    expect(dao.localSyncVersion.byTable("local_friends")).toEqual([row]);
  });
});

describe("bulk upsert", () => {
  it("writes all rows in one transaction with one statement, and frees it", () => {
    const rows = Array.from({ length: 500 }, (_, i) => msg(`c${i % 5}`, i + 1));
    const before = db.writeVersion;
    dao.chatLogs.upsertMany(rows);
    expect(db.writeVersion - before).toBe(1); // one commit
    expect(db.open.size).toBe(0);
    expect(db.get("SELECT count(*) AS n FROM chat_logs")).toEqual({ n: 500 });
    dao.chatLogs.upsertMany(rows.map((r) => ({ ...r, isRead: true })));
    expect(db.get("SELECT count(*) AS n FROM chat_logs WHERE is_read = 1")).toEqual({ n: 500 });
  });

  it("rolls back every row when one fails, and still frees the statement", () => {
    const rows = [msg("c", 1), msg("c", 2), { ...msg("c", 3), sendID: null as unknown as string }];
    expect(() => dao.chatLogs.upsertMany(rows)).toThrow(/NOT NULL/);
    expect(db.get("SELECT count(*) AS n FROM chat_logs")).toEqual({ n: 0 });
    expect(db.open.size).toBe(0);
  });
});

describe("named queries", () => {
  beforeEach(() => {
    dao.chatLogs.upsertMany([...Array.from({ length: 30 }, (_, i) => msg("a", i + 1)), msg("b", 7), msg("b", 0, { clientMsgID: "sending" })]);
  });

  it("pages history by seq in both directions", () => {
    expect(dao.chatLogs.historyBefore("a", 11, 3).map((m) => m.seq)).toEqual([10, 9, 8]);
    expect(dao.chatLogs.historyAfter("a", 28, 5).map((m) => m.seq)).toEqual([29, 30]);
    expect(dao.chatLogs.historyBefore("b", 100, 10).map((m) => m.clientMsgID)).toEqual(["b-7"]);
    expect(dao.chatLogs.bySeq("a", 17)!.clientMsgID).toBe("a-17");
    expect(dao.chatLogs.bySeq("a", 31)).toBeUndefined();
  });

  it("answers scalar and custom-row aggregates", () => {
    expect(dao.chatLogs.maxSeq("a")).toBe(30);
    expect(dao.chatLogs.maxSeq("nope")).toBe(0);
    expect(dao.chatLogs.maxSeqPerConversation()).toEqual([
      { conversationID: "a", maxSeq: 30 },
      { conversationID: "b", maxSeq: 7 },
    ]);
    expect(dao.chatLogs.countUnread("a", "someone-else")).toBe(30);
    expect(dao.chatLogs.countUnread("a", "u1")).toBe(0);
    dao.chatLogs.update({ ...msg("a", 5), status: 4 });
    expect(dao.chatLogs.seqStates("a", 4, 6)).toEqual([
      { seq: 4, status: 2 },
      { seq: 5, status: 4 },
      { seq: 6, status: 2 },
    ]);
  });

  it("runs writes and reports the rows changed", () => {
    expect(dao.chatLogs.markAllRead("a")).toBe(30);
    expect(dao.chatLogs.markAllRead("a")).toBe(0);
    expect(dao.chatLogs.deleteConversation("b")).toBe(2);
    expect(dao.chatLogs.maxSeqPerConversation().map((r) => r.conversationID)).toEqual(["a"]);
  });

  it("orders the conversation list pinned first, then by latest activity, hiding empty ones", () => {
    dao.localConversations.upsertMany([
      conv("old", { latestMsgSendTime: 10 }),
      conv("new", { latestMsgSendTime: 30, unreadCount: 2 }),
      conv("pinned", { latestMsgSendTime: 5, isPinned: true, unreadCount: 4 }),
      conv("draft", { latestMsgSendTime: 1, draftTextTime: 40 }),
      conv("hidden", { unreadCount: 100, recvMsgOpt: 2 }),
    ]);
    expect(dao.localConversations.visibleList(0, 10).map((c) => c.conversationID)).toEqual(["pinned", "draft", "new", "old"]);
    expect(dao.localConversations.visibleList(1, 2).map((c) => c.conversationID)).toEqual(["draft", "new"]);
    expect(dao.localConversations.totalUnread()).toBe(6);
    expect(dao.localConversations.setMaxSeq("new", 50)).toBe(1);
    expect(dao.localConversations.setMaxSeq("new", 40)).toBe(0);
    expect(dao.localConversations.maxSeqs().find((r) => r.conversationID === "new")).toEqual({ conversationID: "new", maxSeq: 50, minSeq: 0 });
  });

  it("reads the app sdk version row", () => {
    expect(dao.localAppSdkVersion.current()).toBeUndefined();
    dao.localAppSdkVersion.upsert({ version: "0.1.0", installed: true });
    expect(dao.localAppSdkVersion.current()).toEqual({ version: "0.1.0", installed: true });
  });
});

describe("migrate", () => {
  it("is idempotent and refuses a database newer than the code", () => {
    expect(migrate(db)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    db.run("UPDATE schema_version SET version = ?", [SCHEMA_VERSION + 1]);
    expect(() => migrate(db)).toThrow(/newer than this SDK/);
  });
});
