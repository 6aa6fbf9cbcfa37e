// Go encoding/json compatibility of the codecs (HTTP bodies and notification tips are Go JSON of
// the server's structs, not protojson).
import { describe, expect, it } from "vitest";
import { auth, base64Decode, base64Encode, conversation, group, msg, ProtocolError, relation, sdkws, type MessageCodec } from "../../generated/protocol/index.js";

function protocolError(fn: () => unknown): ProtocolError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ProtocolError);
    return err as ProtocolError;
  }
  throw new Error("expected a ProtocolError, nothing was thrown");
}

describe("toGoJSON", () => {
  it("writes every field under its proto name, zero values included, empty lists/maps/messages as null", () => {
    const json = sdkws.PullMsgs.toGoJSON({ Msgs: [{ sendID: "u1", seq: 3, content: new TextEncoder().encode("hi") }], isEnd: true });
    expect(JSON.stringify(json)).toBe(
      '{"Msgs":[{"sendID":"u1","recvID":"","groupID":"","clientMsgID":"","serverMsgID":"","senderPlatformID":0,"senderNickname":"",' +
        '"senderFaceURL":"","sessionType":0,"msgFrom":0,"contentType":0,"content":"aGk=","seq":3,"sendTime":0,"createTime":0,"status":0,' +
        '"isRead":false,"options":null,"offlinePushInfo":null,"atUserIDList":null,"attachedInfo":"","ex":""}],"isEnd":true,"endSeq":0}',
    );
  });

  it("keeps declaration order for keys and sorts map keys (Go does both)", () => {
    const json = msg.GetConversationsHasReadAndMaxSeqResp.toGoJSON({ seqs: { sg_b: { maxSeq: 2 }, si_a: { maxSeq: 1 } } });
    expect(Object.keys(json)).toEqual(["seqs", "pinnedConversationIDs"]);
    expect(Object.keys(json["seqs"] as object)).toEqual(["sg_b", "si_a"].sort());
    expect(json["pinnedConversationIDs"]).toBeNull();
    // keys follow the proto declaration, gaps in the numbering (no field 4 here) included
    expect(Object.keys(sdkws.MemberEnterTips.toGoJSON({}))).toEqual(["group", "entrantUser", "operationTime", "groupMemberVersion", "groupMemberVersionID"]);
  });

  it("writes wrappers and proto3 optional fields as the bare value or null", () => {
    const json = conversation.ConversationReq.toGoJSON({ conversationID: "si_a_b", isPinned: false, minSeq: 5 });
    expect(json).toMatchObject({ isPinned: false, minSeq: 5, recvMsgOpt: null, ex: null });
    expect(group.CreateGroupReq.toGoJSON({}).sendMessage).toBeNull();
    expect(group.CreateGroupReq.toGoJSON({ sendMessage: false }).sendMessage).toBe(false);
  });

  it("writes the server's odd names verbatim", () => {
    expect(Object.keys(sdkws.RevokeMsgTips.toGoJSON({}))).toContain("sesstionType");
    expect(Object.keys(msg.DeleteSyncOpt.toGoJSON({}))).toEqual(["IsSyncSelf", "IsSyncOther"]);
  });
});

describe("fromGoJSON", () => {
  it("matches keys case-insensitively and ignores unknown keys", () => {
    const m = sdkws.PullMsgs.fromGoJSON({ msgs: [{ SENDID: "u1", Seq: 9, unknownKey: { deep: 1 } }], ISEND: true, extra: "x" });
    expect(m.Msgs[0]!.sendID).toBe("u1");
    expect(m.Msgs[0]!.seq).toBe(9);
    expect(m.isEnd).toBe(true);
    const opt = msg.DeleteSyncOpt.fromGoJSON({ isSyncSelf: true, issyncother: true });
    expect(opt).toEqual({ IsSyncSelf: true, IsSyncOther: true });
  });

  it("treats null as the default, for fields, list elements and map values", () => {
    const m = sdkws.MsgData.fromGoJSON({ sendID: null, options: null, atUserIDList: ["a", null], offlinePushInfo: null, seq: null });
    expect(m).toEqual(sdkws.MsgData.create({ atUserIDList: ["a", ""] }));
    expect(sdkws.GetMaxSeqResp.fromGoJSON({ maxSeqs: { a: null, b: 2 } }).maxSeqs).toEqual({ a: 0, b: 2 });
    expect(sdkws.MsgData.fromGoJSON(null)).toEqual(sdkws.MsgData.create());
  });

  it("rejects a quoted number, naming the full field path", () => {
    const err = protocolError(() => msg.SendMsgReq.fromGoJSON({ msgData: { seq: "5" } }));
    expect(err.message).toBe("openim.msg.SendMsgReq.msgData.seq: expected a JSON number, got string");
  });

  it("rejects wrong JSON types with paths into lists and maps", () => {
    expect(protocolError(() => sdkws.MsgData.fromGoJSON({ isRead: "true" })).message).toBe("openim.sdkws.MsgData.isRead: expected a JSON boolean, got string");
    expect(protocolError(() => msg.GetSeqMessageReq.fromGoJSON({ conversations: [{ seqs: [1, "2"] }] })).path).toBe("openim.msg.GetSeqMessageReq.conversations[0].seqs[1]");
    expect(protocolError(() => sdkws.PushMessages.fromGoJSON({ msgs: { si_a_b: { Msgs: [{ status: 1.5 }] } } })).path).toBe('openim.sdkws.PushMessages.msgs["si_a_b"].Msgs[0].status');
    expect(protocolError(() => sdkws.MsgData.fromGoJSON({ atUserIDList: "a" })).message).toMatch(/expected a JSON array, got string/);
    expect(protocolError(() => sdkws.MsgData.fromGoJSON({ options: [] })).message).toMatch(/expected a JSON object, got array/);
    expect(protocolError(() => sdkws.MsgData.fromGoJSON([])).message).toMatch(/expected a JSON object, got array/);
    expect(protocolError(() => sdkws.MsgData.fromGoJSON({ sessionType: 2 ** 31 })).message).toMatch(/out of range for int32/);
    expect(protocolError(() => relation.getFullFriendUserIDsReq.fromGoJSON({ idHash: -1 })).message).toMatch(/beyond|out of range/);
    expect(protocolError(() => sdkws.MsgData.fromGoJSON({ content: "not base64!" })).message).toMatch(/invalid base64/);
  });

  it("reads wrappers as bare values", () => {
    const req = conversation.SetConversationsReq.fromGoJSON({ userIDs: ["a"], conversation: { conversationID: "c", isPinned: true, recvMsgOpt: 0, ex: "" } });
    expect(req.conversation).toMatchObject({ isPinned: true, recvMsgOpt: 0, ex: "", minSeq: undefined });
    expect(protocolError(() => conversation.ConversationReq.fromGoJSON({ isPinned: 1 })).path).toBe("openim.conversation.ConversationReq.isPinned");
  });

  it("round-trips through JSON text", () => {
    const original = sdkws.PushMessages.create({
      msgs: { si_a_b: sdkws.PullMsgs.create({ Msgs: [sdkws.MsgData.create({ sendID: "a", seq: 1, content: new Uint8Array([0, 255, 7]), options: { history: false } })] }) },
    });
    const back = sdkws.PushMessages.fromGoJSON(JSON.parse(JSON.stringify(sdkws.PushMessages.toGoJSON(original))));
    expect(back).toEqual(original);
  });
});

it("random JSON only ever yields a message or a ProtocolError", () => {
  let seed = 0x9e3779b9;
  const rand = (n: number) => ((seed = (seed * 1664525 + 1013904223) >>> 0) % n);
  const keys = ["msgs", "Msgs", "sendID", "seq", "content", "options", "offlinePushInfo", "atUserIDList", "isPinned", "minSeq", "conversation", "userIDs", "__proto__", "x"];
  const value = (depth: number): unknown => {
    switch (rand(depth > 3 ? 6 : 8)) {
      case 0: return null;
      case 1: return rand(2) === 0;
      case 2: return [0, -1, 1.5, 2 ** 53, 2 ** 31, 7][rand(6)];
      case 3: return ["", "aGk=", "x", "5", "true"][rand(5)];
      case 4: return rand(1000);
      case 5: return "AtAllTag";
      case 6: return Array.from({ length: rand(3) }, () => value(depth + 1));
      default: return Object.fromEntries(Array.from({ length: rand(4) }, () => [keys[rand(keys.length)]!, value(depth + 1)]));
    }
  };
  let ok = 0;
  for (let i = 0; i < 3000; i++) {
    const json = value(0);
    for (const codec of [sdkws.PushMessages, sdkws.MsgData, conversation.SetConversationsReq] as MessageCodec<unknown>[]) {
      try {
        const m = codec.fromGoJSON(json);
        // anything accepted must survive a binary round trip unchanged
        expect(codec.decode(codec.encode(m as never))).toEqual(m);
        ok++;
      } catch (err) {
        if (!(err instanceof ProtocolError)) throw err;
      }
    }
  }
  expect(ok).toBeGreaterThan(100);
});

describe("HTTP response bodies, as the Go server marshals them", () => {
  // Texts written by hand from the Go rules (declaration order, every field, nil → null);
  // parsing and re-marshalling must reproduce them byte for byte.
  const bodies: [MessageCodec<any>, string][] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
    [auth.getAdminTokenResp, '{"token":"eyJhbGciOiJIUzI1NiJ9.e30.x","expireTimeSeconds":7776000}'],
    [auth.parseTokenResp, '{"userID":"u1","platformID":5,"expireTimeSeconds":1741000000}'],
    [relation.getIncrementalFriendsResp, '{"version":0,"versionID":"","full":true,"delete":null,"insert":null,"update":null,"sortVersion":0}'],
    [msg.GetConversationsHasReadAndMaxSeqResp, '{"seqs":{"si_u1_u2":{"maxSeq":42,"hasReadSeq":40,"maxSeqTime":1733200000123}},"pinnedConversationIDs":null}'],
    [conversation.GetIncrementalConversationResp,
      '{"version":3,"versionID":"6747a1b2c3d4e5f601234567","full":false,"delete":["si_u1_u3"],"insert":null,"update":[{"ownerUserID":"u1",' +
      '"conversationID":"si_u1_u2","recvMsgOpt":0,"conversationType":1,"userID":"u2","groupID":"","isPinned":true,"attachedInfo":"",' +
      '"isPrivateChat":false,"groupAtType":0,"ex":"","burnDuration":0,"minSeq":0,"maxSeq":0,"msgDestructTime":604800,' +
      '"latestMsgDestructTime":0,"isMsgDestruct":false}]}'],
    [group.CreateGroupResp,
      '{"groupInfo":{"groupID":"g1","groupName":"Team","notification":"","introduction":"","faceURL":"","ownerUserID":"u1",' +
      '"createTime":1733200000123,"memberCount":3,"ex":"","status":0,"creatorUserID":"u1","groupType":2,"needVerification":0,' +
      '"lookMemberInfo":0,"applyMemberFriend":0,"notificationUpdateTime":0,"notificationUserID":""}}'],
    [msg.SendMsgResp, '{"serverMsgID":"","clientMsgID":"","sendTime":0,"modify":null}'],
  ];
  for (const [codec, text] of bodies) {
    it(codec.name, () => {
      expect(JSON.stringify(codec.toGoJSON(codec.fromGoJSON(JSON.parse(text))))).toBe(text);
    });
  }
});

describe("base64 (std, padded, as Go)", () => {
  it("agrees with Node's encoder for every length 0..40", () => {
    for (let n = 0; n <= 40; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 37 + n) & 0xff);
      const text = Buffer.from(bytes).toString("base64");
      expect(base64Encode(bytes)).toBe(text);
      expect(base64Decode(text)).toEqual(bytes);
    }
  });

  it("rejects unpadded or non-alphabet input", () => {
    expect(() => base64Decode("aGk")).toThrow(ProtocolError);
    expect(() => base64Decode("aG-k")).toThrow(/invalid base64 character/);
    expect(() => base64Decode("a=Gk")).toThrow(/invalid base64 character/);
  });
});
