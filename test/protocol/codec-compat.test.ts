// Codec compatibility: byte vectors built from the official OpenIM layouts (fixtures/official-layout.ts,
// encoded with protobufjs reflection) and hand-computed hex vectors, decoded and re-encoded by our
// generated codecs. A wrong field number, type, packing or default rule in schema/protocol fails here.
import protobufjs from "protobufjs";
import type protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { conversation, msg, push, sdkws, type MessageCodec } from "../../generated/protocol/index.js";
import { officialRoot } from "./fixtures/official-layout.js";

const root = officialRoot();
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const fromHex = (h: string) => new Uint8Array(Buffer.from(h.replace(/\s+/g, ""), "hex"));

/** Plain comparable form: bytes as number arrays, null/undefined unified. */
function canon(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Uint8Array) return [...v];
  if (Array.isArray(v)) return v.map(canon);
  if (typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object)) out[k] = canon((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/**
 * protobufjs reflection writes a proto3 scalar whenever it is set on the object, even at its zero
 * value; Go (the server) omits zero scalars. Dropping them first makes the reference bytes Go's.
 * Map entries and wrapper-less message presence are left alone (Go writes those).
 */
function goShape(type: protobuf.Type, obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of type.fieldsArray) {
    const v = obj[field.name];
    if (v === undefined) continue;
    const sub = field.resolvedType instanceof protobufjs.Type ? field.resolvedType : undefined;
    if (field.map) {
      const m: Record<string, unknown> = {};
      for (const [k, e] of Object.entries(v as Record<string, unknown>)) m[k] = sub ? goShape(sub, e as Record<string, unknown>) : e;
      out[field.name] = m;
    } else if (field.repeated) {
      out[field.name] = sub ? (v as Record<string, unknown>[]).map((e) => goShape(sub, e)) : v;
    } else if (sub) {
      out[field.name] = goShape(sub, v as Record<string, unknown>);
    } else if (!(v === 0 || v === "" || v === false || (v instanceof Uint8Array && v.length === 0))) {
      out[field.name] = v;
    }
  }
  return out;
}

function reference(type: protobuf.Type, bytes: Uint8Array): unknown {
  return type.toObject(type.decode(bytes), { defaults: true, longs: Number, arrays: true, objects: true });
}

const text = (s: string) => new TextEncoder().encode(s);

const fullMsg = {
  sendID: "u1", recvID: "u2", groupID: "", clientMsgID: "c0ffee00c0ffee00c0ffee00c0ffee00", serverMsgID: "srv-1",
  senderPlatformID: 5, senderNickname: "Ann", senderFaceURL: "https://x/y.png", sessionType: 1, msgFrom: 100, contentType: 106,
  content: text(JSON.stringify({ text: "@u2 hi", atUserList: ["u2"] })), seq: 42, sendTime: 1_733_200_000_123,
  createTime: 1_733_200_000_001, status: 2, isRead: true,
  options: { history: true, unreadCount: false, isNotNotification: true },
  offlinePushInfo: { title: "New message", desc: "hi", ex: "{}", iOSPushSound: "default", iOSBadgeCount: true, signalInfo: "" },
  atUserIDList: ["u2", "AtAllTag"], attachedInfo: '{"isPrivateChat":false}', ex: "ex-data",
};
const groupMsg = { sendID: "u3", groupID: "g1", clientMsgID: "c2", sessionType: 3, msgFrom: 100, contentType: 101, content: text('{"content":"yo"}'), seq: 7, sendTime: 1_733_200_000_999 };
const notification = { sendID: "u1", recvID: "u2", clientMsgID: "n1", sessionType: 1, msgFrom: 200, contentType: 2200, seq: 3,
  content: text(JSON.stringify({ detail: JSON.stringify({ markAsReadUserID: "u1", conversationID: "si_u1_u2", seqs: [1, 2], hasReadSeq: 2 }) })),
  options: { isNotNotification: false, history: true } };

interface Case {
  ref: string;
  codec: MessageCodec<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  sample: Record<string, unknown>;
  /** Spot checks on the decoded value, independent of the reference decoder. */
  check?: (decoded: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const cases: Case[] = [
  { ref: "openim.sdkws.MsgData", codec: sdkws.MsgData, sample: fullMsg, check: (d: sdkws.MsgData) => {
    expect(d.seq).toBe(42);
    expect(d.sendTime).toBe(1_733_200_000_123);
    expect(d.options).toEqual({ history: true, unreadCount: false, isNotNotification: true });
    expect(d.offlinePushInfo?.iOSBadgeCount).toBe(true);
    expect(d.atUserIDList).toEqual(["u2", "AtAllTag"]);
    expect(new TextDecoder().decode(d.content)).toContain("@u2 hi");
  } },
  { ref: "openim.sdkws.MsgData", codec: sdkws.MsgData, sample: { ...groupMsg, options: {} }, check: (d: sdkws.MsgData) => {
    expect(d.recvID).toBe("");
    expect(d.options).toEqual({});
    expect(d.offlinePushInfo).toBeUndefined();
  } },
  { ref: "openim.sdkws.PushMessages", codec: sdkws.PushMessages, sample: {
    msgs: { si_u1_u2: { Msgs: [fullMsg], isEnd: false }, sg_g1: { Msgs: [groupMsg, { ...groupMsg, seq: 8, clientMsgID: "c3" }] } },
    notificationMsgs: { n_u1_u2: { Msgs: [notification] } },
  }, check: (d: sdkws.PushMessages) => {
    expect(Object.keys(d.msgs)).toEqual(["si_u1_u2", "sg_g1"]);
    expect(d.msgs.sg_g1!.Msgs.map((m) => m.seq)).toEqual([7, 8]);
    expect(d.notificationMsgs.n_u1_u2!.Msgs[0]!.options).toEqual({ isNotNotification: false, history: true });
  } },
  { ref: "openim.sdkws.GetMaxSeqReq", codec: sdkws.GetMaxSeqReq, sample: { userID: "u1" } },
  { ref: "openim.sdkws.GetMaxSeqResp", codec: sdkws.GetMaxSeqResp, sample: { maxSeqs: { si_u1_u2: 42, sg_g1: 9_007_199_254_740_991, n_u1_u1: 1 } },
    check: (d: sdkws.GetMaxSeqResp) => {
      expect(d.maxSeqs.sg_g1).toBe(Number.MAX_SAFE_INTEGER);
      expect(d.minSeqs).toEqual({});
    } },
  { ref: "openim.sdkws.PullMessageBySeqsReq", codec: sdkws.PullMessageBySeqsReq, sample: {
    userID: "u1", seqRanges: [{ conversationID: "si_u1_u2", begin: 1, end: 42, num: 20 }, { conversationID: "n_u1_u2", begin: 0, end: 3, num: 1 }], order: 1,
  }, check: (d: sdkws.PullMessageBySeqsReq) => {
    expect(d.order).toBe(sdkws.PullOrder.PullOrderDesc);
    expect(d.seqRanges[0]).toEqual({ conversationID: "si_u1_u2", begin: 1, end: 42, num: 20 });
  } },
  { ref: "openim.sdkws.PullMessageBySeqsResp", codec: sdkws.PullMessageBySeqsResp, sample: {
    msgs: { si_u1_u2: { Msgs: [fullMsg, { seq: 43, status: 4 }], isEnd: true, endSeq: 43 } }, notificationMsgs: {},
  }, check: (d: sdkws.PullMessageBySeqsResp) => {
    expect(d.msgs.si_u1_u2!.Msgs[1]).toMatchObject({ seq: 43, status: 4, content: new Uint8Array(0), sendID: "" });
    expect(d.msgs.si_u1_u2!.endSeq).toBe(43);
  } },
  { ref: "openim.msg.SendMsgResp", codec: msg.SendMsgResp, sample: { serverMsgID: "srv-1", clientMsgID: "c1", sendTime: 1_733_200_000_123 },
    check: (d: msg.SendMsgResp) => expect(d.modify).toBeUndefined() },
  { ref: "openim.msg.SendMsgReq", codec: msg.SendMsgReq, sample: { msgData: fullMsg } },
  { ref: "openim.msg.GetSeqMessageReq", codec: msg.GetSeqMessageReq, sample: {
    userID: "u1", conversations: [{ conversationID: "si_u1_u2", seqs: [1, 2, 3, 300, 70_000] }, { conversationID: "sg_g1", seqs: [] }], order: 1,
  }, check: (d: msg.GetSeqMessageReq) => expect(d.conversations[0]!.seqs).toEqual([1, 2, 3, 300, 70_000]) },
  { ref: "openim.msg.GetSeqMessageResp", codec: msg.GetSeqMessageResp, sample: {
    msgs: { si_u1_u2: { Msgs: [fullMsg], isEnd: true, endSeq: 1 } }, notificationMsgs: { n_u1_u2: { Msgs: [notification], isEnd: false } },
  } },
  { ref: "openim.msg.GetConversationsHasReadAndMaxSeqReq", codec: msg.GetConversationsHasReadAndMaxSeqReq, sample: {
    userID: "u1", conversationIDs: ["si_u1_u2", "sg_g1"], returnPinned: true,
  } },
  { ref: "openim.msg.GetConversationsHasReadAndMaxSeqResp", codec: msg.GetConversationsHasReadAndMaxSeqResp, sample: {
    seqs: { si_u1_u2: { maxSeq: 42, hasReadSeq: 40, maxSeqTime: 1_733_200_000_123 }, sg_g1: { maxSeq: 0, hasReadSeq: 0, maxSeqTime: 0 } },
    pinnedConversationIDs: ["sg_g1"],
  }, check: (d: msg.GetConversationsHasReadAndMaxSeqResp) => expect(d.seqs.sg_g1).toEqual({ maxSeq: 0, hasReadSeq: 0, maxSeqTime: 0 }) },
  { ref: "openim.msg.GetLastMessageReq", codec: msg.GetLastMessageReq, sample: { userID: "u1", conversationIDs: ["si_u1_u2"] } },
  { ref: "openim.msg.GetLastMessageResp", codec: msg.GetLastMessageResp, sample: { msgs: { si_u1_u2: fullMsg, sg_g1: groupMsg } } },
  { ref: "openim.sdkws.SetAppBackgroundStatusReq", codec: sdkws.SetAppBackgroundStatusReq, sample: { userID: "u1", isBackground: true } },
  { ref: "openim.sdkws.SubUserOnlineStatus", codec: sdkws.SubUserOnlineStatus, sample: { subscribeUserID: ["u2", "u3"], unsubscribeUserID: ["u4"] } },
  { ref: "openim.sdkws.SubUserOnlineStatusTips", codec: sdkws.SubUserOnlineStatusTips, sample: {
    subscribers: [{ userID: "u2", onlinePlatformIDs: [1, 5, 11] }, { userID: "u3", onlinePlatformIDs: [] }],
  }, check: (d: sdkws.SubUserOnlineStatusTips) => expect(d.subscribers.map((s) => s.onlinePlatformIDs)).toEqual([[1, 5, 11], []]) },
  { ref: "openim.push.DelUserPushTokenReq", codec: push.DelUserPushTokenReq, sample: { userID: "u1", platformID: 5 } },
  { ref: "openim.push.DelUserPushTokenResp", codec: push.DelUserPushTokenResp, sample: {} },
  { ref: "openim.sdkws.SetAppBackgroundStatusResp", codec: sdkws.SetAppBackgroundStatusResp, sample: {} },
  { ref: "openim.sdkws.NotificationElem", codec: sdkws.NotificationElem, sample: { detail: '{"userID":"u1"}' } },
  { ref: "openim.sdkws.RevokeMsgTips", codec: sdkws.RevokeMsgTips, sample: {
    revokerUserID: "u1", clientMsgID: "c1", revokeTime: 1_733_200_000_123, sesstionType: 1, seq: 42, conversationID: "si_u1_u2", isAdminRevoke: false,
  } },
  { ref: "openim.sdkws.MarkAsReadTips", codec: sdkws.MarkAsReadTips, sample: { markAsReadUserID: "u1", conversationID: "si_u1_u2", seqs: [40, 41, 42], hasReadSeq: 42 } },
  { ref: "openim.conversation.ConversationReq", codec: conversation.ConversationReq, sample: {
    conversationID: "si_u1_u2", conversationType: 1, userID: "u2", recvMsgOpt: { value: 0 }, isPinned: { value: true }, ex: { value: "" }, minSeq: { value: 12 },
  }, check: (d: conversation.ConversationReq) => {
    // Wrappers surface as bare values; a wrapper holding the zero value is still "set".
    expect(d.recvMsgOpt).toBe(0);
    expect(d.isPinned).toBe(true);
    expect(d.ex).toBe("");
    expect(d.minSeq).toBe(12);
    expect(d.attachedInfo).toBeUndefined();
  } },
];

describe("codec compatibility with the official layouts (v0.0.73-alpha.12)", () => {
  for (const c of cases) {
    it(`${c.ref} ← ${JSON.stringify(c.sample).slice(0, 60)}…`, () => {
      const type = root.lookupType(c.ref);
      const expected = type.encode(type.fromObject(goShape(type, c.sample))).finish();
      const decoded = c.codec.decode(expected);
      const refValue = reference(type, expected) as Record<string, unknown>;
      // Wrapper fields: the reference holds {value}, ours the bare value.
      for (const [k, v] of Object.entries(refValue)) {
        if (v && typeof v === "object" && "value" in (v as object) && Object.keys(v as object).length === 1) refValue[k] = (v as { value: unknown }).value;
      }
      expect(canon(decoded)).toEqual(canon(refValue));
      c.check?.(decoded);
      expect(hex(c.codec.encode(decoded))).toBe(hex(expected));
      expect(hex(c.codec.encode(unwrap(c.sample)))).toBe(hex(expected));
    });
  }
});

/** Our input form of a sample: wrapper objects {value} become bare values. */
function unwrap(sample: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(sample)) {
    out[k] = v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Uint8Array) && Object.keys(v).length === 1 && "value" in v ? (v as { value: unknown }).value : v;
  }
  return out;
}

it("msg.SendMsgResp reads sdkws.UserSendMsgResp bytes (the two are field-compatible)", () => {
  const type = root.lookupType("openim.sdkws.UserSendMsgResp");
  const bytes = type.encode(type.fromObject({ serverMsgID: "srv-1", clientMsgID: "c1", sendTime: 5 })).finish();
  expect(msg.SendMsgResp.decode(bytes)).toEqual({ serverMsgID: "srv-1", clientMsgID: "c1", sendTime: 5, modify: undefined });
});

describe("hand-computed wire vectors", () => {
  const vectors: { name: string; codec: MessageCodec<any>; value: Record<string, unknown>; hex: string }[] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
    // field 1, wire type 2 (0x0a), length 2, "u1"
    { name: "GetMaxSeqReq", codec: sdkws.GetMaxSeqReq, value: { userID: "u1" }, hex: "0a 02 7531" },
    // 0x0a "s", 0x12 "c", 0x18 varint 300 = ac 02
    { name: "SendMsgResp", codec: msg.SendMsgResp, value: { serverMsgID: "s", clientMsgID: "c", sendTime: 300 }, hex: "0a 01 73 12 01 63 18 ac02" },
    // map entry {key=1:"a", value=2:1} inside field 1
    { name: "GetMaxSeqResp", codec: sdkws.GetMaxSeqResp, value: { maxSeqs: { a: 1 } }, hex: "0a 05 0a 01 61 10 01" },
    // field 19 (tag 19<<3|2 = 154 = 9a 01); the entry keeps value false explicitly (10 00), as Go writes it
    { name: "MsgData.options", codec: sdkws.MsgData, value: { options: { history: false } }, hex: "9a01 0b 0a 07 686973746f7279 10 00" },
    // field 2 "c", field 3 packed (1a) length 4: 01 02 ac02
    { name: "ConversationSeqs", codec: msg.ConversationSeqs, value: { conversationID: "c", seqs: [1, 2, 300] }, hex: "12 01 63 1a 04 01 02 ac02" },
    // negative int32 is a 10-byte varint (sign-extended), like Go
    { name: "negative int32", codec: sdkws.MsgData, value: { status: -1 }, hex: "88 01 ffffffffffffffffff01" },
    // negative int64
    { name: "negative int64", codec: sdkws.MsgData, value: { seq: -2 }, hex: "70 feffffffffffffffff01" },
    // proto3: all-default message encodes to nothing
    { name: "defaults omitted", codec: sdkws.MsgData, value: { sendID: "", seq: 0, isRead: false, content: new Uint8Array(0), atUserIDList: [], options: {} }, hex: "" },
    // wrapper set to its zero value: present, empty inside (field 6, length 0)
    { name: "wrapper zero", codec: conversation.ConversationReq, value: { isPinned: false }, hex: "32 00" },
  ];
  for (const v of vectors) {
    it(v.name, () => {
      expect(hex(v.codec.encode(v.value))).toBe(hex(fromHex(v.hex)));
      const back = v.codec.decode(fromHex(v.hex));
      for (const [k, val] of Object.entries(v.value)) expect(back[k]).toEqual(val);
    });
  }
});
