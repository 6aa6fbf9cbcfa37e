// Wire robustness: int64 range, truncated and garbage input, unknown fields, packed/unpacked,
// wire-type mismatches. Inputs are hand-built bytes so they do not depend on our encoder.
import { describe, expect, it } from "vitest";
import { msg, ProtocolError, sdkws } from "../../generated/protocol/index.js";

const fromHex = (h: string) => new Uint8Array(Buffer.from(h.replace(/\s+/g, ""), "hex"));

/** Varint bytes of a non-negative bigint (test-side, independent of the codec). */
function varint(n: bigint): string {
  let out = "";
  let v = BigInt.asUintN(64, n);
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out += b.toString(16).padStart(2, "0");
  } while (v > 0n);
  return out;
}

function protocolError(fn: () => unknown): ProtocolError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ProtocolError);
    return err as ProtocolError;
  }
  throw new Error("expected a ProtocolError, nothing was thrown");
}

describe("int64 range", () => {
  it("decodes the largest safe integers exactly, both signs", () => {
    const max = BigInt(Number.MAX_SAFE_INTEGER);
    expect(sdkws.MsgData.decode(fromHex("70" + varint(max))).seq).toBe(Number.MAX_SAFE_INTEGER);
    expect(sdkws.MsgData.decode(fromHex("70" + varint(-max))).seq).toBe(-Number.MAX_SAFE_INTEGER);
  });

  it("rejects 2^53 on decode, naming the field", () => {
    const err = protocolError(() => sdkws.MsgData.decode(fromHex("70" + varint(2n ** 53n))));
    expect(err.path).toBe("openim.sdkws.MsgData.seq");
    expect(err.message).toMatch(/2\^53/);
  });

  it("rejects large values inside nested maps and packed lists", () => {
    // GetMaxSeqResp.maxSeqs["a"] = 2^60
    const entry = "0a0161" + "10" + varint(2n ** 60n);
    const mapBytes = "0a" + (entry.length / 2).toString(16).padStart(2, "0") + entry;
    expect(protocolError(() => sdkws.GetMaxSeqResp.decode(fromHex(mapBytes))).path).toBe("openim.sdkws.GetMaxSeqResp.maxSeqs");
    // ConversationSeqs.seqs packed [1, 2^63-1]
    const packed = "01" + varint(2n ** 63n - 1n);
    const seqs = "1a" + (packed.length / 2).toString(16).padStart(2, "0") + packed;
    expect(protocolError(() => msg.ConversationSeqs.decode(fromHex(seqs))).path).toBe("openim.msg.ConversationSeqs.seqs");
  });

  it("rejects unsafe and non-integer numbers on encode", () => {
    expect(protocolError(() => sdkws.MsgData.encode({ seq: 2 ** 53 })).path).toBe("openim.sdkws.MsgData.seq");
    expect(protocolError(() => sdkws.MsgData.encode({ sendTime: 1.5 })).path).toBe("openim.sdkws.MsgData.sendTime");
    expect(protocolError(() => msg.ConversationSeqs.encode({ seqs: [1, 2 ** 60] })).path).toBe("openim.msg.ConversationSeqs.seqs");
    expect(protocolError(() => sdkws.MsgData.encode({ sessionType: 2 ** 31 })).path).toBe("openim.sdkws.MsgData.sessionType");
    expect(protocolError(() => sdkws.GetMaxSeqResp.encode({ maxSeqs: { a: Number.MAX_SAFE_INTEGER + 2 } })).path).toBe('openim.sdkws.GetMaxSeqResp.maxSeqs["a"]');
  });

  it("rejects values of the wrong JS type on encode", () => {
    expect(protocolError(() => sdkws.MsgData.encode({ seq: "5" as unknown as number })).message).toMatch(/expected an integer int64, got string/);
    expect(protocolError(() => sdkws.MsgData.encode({ sendID: 7 as unknown as string })).message).toMatch(/expected a string, got number/);
    expect(protocolError(() => sdkws.MsgData.encode({ content: "x" as unknown as Uint8Array })).message).toMatch(/Uint8Array/);
  });

  it("handles uint32 and uint64 fields at their limits", () => {
    // GroupInfo.memberCount = 8 (uint32): tag 0x40, 2^32-1 as a 5-byte varint
    expect(Buffer.from(sdkws.GroupInfo.encode({ memberCount: 4294967295 })).toString("hex")).toBe("40ffffffff0f");
    expect(sdkws.GroupInfo.decode(fromHex("40ffffffff0f")).memberCount).toBe(4294967295);
    expect(protocolError(() => sdkws.GroupInfo.encode({ memberCount: -1 })).message).toMatch(/out of range for uint32/);
    // GroupCreatedTips.groupMemberVersion = 6 (uint64)
    const v = sdkws.GroupCreatedTips.encode({ groupMemberVersion: Number.MAX_SAFE_INTEGER });
    expect(Buffer.from(v).toString("hex")).toBe("30" + varint(BigInt(Number.MAX_SAFE_INTEGER)));
    expect(sdkws.GroupCreatedTips.decode(v).groupMemberVersion).toBe(Number.MAX_SAFE_INTEGER);
    expect(protocolError(() => sdkws.GroupCreatedTips.decode(fromHex("30" + varint(2n ** 64n - 1n)))).path).toBe("openim.sdkws.GroupCreatedTips.groupMemberVersion");
    expect(protocolError(() => sdkws.GroupCreatedTips.encode({ groupMemberVersion: -1 })).path).toBe("openim.sdkws.GroupCreatedTips.groupMemberVersion");
  });

  it("round-trips negative int64 (10-byte varint)", () => {
    const bytes = sdkws.MsgData.encode({ sendTime: -1 });
    expect(Buffer.from(bytes).toString("hex")).toBe("78ffffffffffffffffff01");
    expect(sdkws.MsgData.decode(bytes).sendTime).toBe(-1);
  });
});

describe("truncated and garbage input", () => {
  const valid = sdkws.PushMessages.encode({
    msgs: { si_a_b: { Msgs: [{ sendID: "a", recvID: "b", seq: 300, content: new TextEncoder().encode('{"content":"hi"}'), options: { history: false } }] } },
  });

  it("every strict prefix that cuts a field throws ProtocolError (never returns junk)", () => {
    // The top-level message has one field (the map entry); any cut inside it is a truncation.
    for (let n = 1; n < valid.length; n++) {
      const err = protocolError(() => sdkws.PushMessages.decode(valid.subarray(0, n)));
      expect(err.message).toMatch(/truncated|malformed/);
    }
    expect(sdkws.PushMessages.decode(valid).msgs.si_a_b!.Msgs[0]!.seq).toBe(300);
  });

  it("a length prefix running past the end is a truncation", () => {
    expect(protocolError(() => sdkws.MsgData.decode(fromHex("0a 05 6162"))).message).toMatch(/truncated/);
  });

  it("an unterminated varint is a truncation", () => {
    expect(protocolError(() => sdkws.MsgData.decode(fromHex("70 ff ff"))).message).toMatch(/truncated/);
  });

  it("a string that is not valid UTF-8 is rejected (Go rejects it too); U+FFFD itself is fine", () => {
    expect(protocolError(() => sdkws.MsgData.decode(fromHex("0a 02 c328"))).message).toMatch(/not valid UTF-8/);
    expect(protocolError(() => sdkws.MsgData.decode(fromHex("0a 01 ff"))).path).toBe("openim.sdkws.MsgData.sendID");
    expect(sdkws.MsgData.decode(fromHex("0a 03 efbfbd")).sendID).toBe("\uFFFD");
    expect(sdkws.MsgData.decode(fromHex("0a 04 f09f9a80")).sendID).toBe("🚀");
  });

  it("field number 0 and invalid wire types are rejected", () => {
    expect(protocolError(() => sdkws.MsgData.decode(fromHex("00 01"))).message).toMatch(/field number 0/);
    expect(protocolError(() => sdkws.MsgData.decode(fromHex("0f 01"))).message).toMatch(/malformed/);
  });

  it("a known field with the wrong wire type is rejected, naming it", () => {
    // field 14 (seq) sent as length-delimited
    const err = protocolError(() => sdkws.MsgData.decode(fromHex("72 01 00")));
    expect(err.path).toBe("openim.sdkws.MsgData.seq");
    expect(err.message).toMatch(/wire type length-delimited, expected varint/);
  });

  it("random garbage only ever yields a message or a ProtocolError", () => {
    let seed = 0x2545f491;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    let errors = 0;
    for (let i = 0; i < 2000; i++) {
      const bytes = new Uint8Array(1 + (rand() % 40)).map(() => rand());
      try {
        sdkws.PushMessages.decode(bytes);
      } catch (err) {
        expect(err).toBeInstanceOf(ProtocolError);
        errors++;
      }
    }
    expect(errors).toBeGreaterThan(0);
  });

  it("rejects a non-Uint8Array input with a clear error", () => {
    expect(protocolError(() => sdkws.MsgData.decode("abc" as unknown as Uint8Array)).message).toMatch(/expects a Uint8Array, got string/);
  });
});

describe("forward compatibility", () => {
  it("skips unknown fields of every wire type", () => {
    // sendID="a", then unknown 40 (varint, npm @openim/protocol's keyVersion), 41 (string, dstUserIDs),
    // 50 (fixed64), 51 (fixed32), then seq=5
    const bytes = fromHex("0a 01 61  c002 07  ca02 02 7878  9103 0102030405060708  9d03 01020304  70 05");
    const m = sdkws.MsgData.decode(bytes);
    expect(m.sendID).toBe("a");
    expect(m.seq).toBe(5);
    // Unknown fields are dropped on re-encode (as the Go server drops them).
    expect(Buffer.from(sdkws.MsgData.encode(m)).toString("hex")).toBe("0a01617005");
  });

  it("accepts repeated numbers packed or unpacked, and a mix of both", () => {
    const packed = fromHex("12 0161 1a 03 01 02 03");
    const unpacked = fromHex("12 0161 18 01 18 02 18 03");
    const mixed = fromHex("12 0161 18 01 1a 02 02 03");
    for (const b of [packed, unpacked, mixed]) expect(msg.ConversationSeqs.decode(b).seqs).toEqual([1, 2, 3]);
    // int32 too (SubUserOnlineStatusElem.onlinePlatformIDs = 2)
    expect(sdkws.SubUserOnlineStatusElem.decode(fromHex("10 05 10 0b")).onlinePlatformIDs).toEqual([5, 11]);
    expect(sdkws.SubUserOnlineStatusElem.decode(fromHex("12 02 05 0b")).onlinePlatformIDs).toEqual([5, 11]);
    // We always write packed, like Go.
    expect(Buffer.from(msg.ConversationSeqs.encode({ conversationID: "a", seqs: [1, 2, 3] })).toString("hex")).toBe("120161" + "1a03010203");
  });

  it("decoded bytes are a copy and plain Uint8Array even from a Node Buffer", () => {
    const input = Buffer.from(sdkws.MsgData.encode({ content: new Uint8Array([1, 2, 3]) }));
    const m = sdkws.MsgData.decode(input);
    input.fill(0);
    expect(m.content).toEqual(new Uint8Array([1, 2, 3]));
    expect(Object.getPrototypeOf(m.content)).toBe(Uint8Array.prototype);
    expect(Object.getPrototypeOf(sdkws.MsgData.encode(m))).toBe(Uint8Array.prototype);
  });

  it("a map key named __proto__ stays data", () => {
    const bytes = sdkws.GetMaxSeqResp.encode({ maxSeqs: JSON.parse('{"__proto__": 3, "b": 4}') as Record<string, number> });
    const m = sdkws.GetMaxSeqResp.decode(bytes);
    expect(Object.keys(m.maxSeqs)).toEqual(["__proto__", "b"]);
    expect(Object.getPrototypeOf(m.maxSeqs)).toBe(Object.prototype);
    expect(m.maxSeqs["__proto__"]).toBe(3);
  });
});

describe("defaults", () => {
  it("decode and create fill every field", () => {
    const empty = sdkws.MsgData.decode(new Uint8Array(0));
    expect(empty).toEqual(sdkws.MsgData.create());
    expect(empty.options).toEqual({});
    expect(empty.atUserIDList).toEqual([]);
    expect(empty.content).toEqual(new Uint8Array(0));
    expect(Object.keys(empty)).toContain("offlinePushInfo");
    expect(empty.offlinePushInfo).toBeUndefined();
    // fresh containers each time: mutating one default never leaks into another
    empty.atUserIDList.push("x");
    expect(sdkws.MsgData.create().atUserIDList).toEqual([]);
  });
});
