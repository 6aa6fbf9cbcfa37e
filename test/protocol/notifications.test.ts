// Notification content: {"detail": "<Go JSON of the tips>"} built and read through the generated
// contentType → tips table, byte-compatible with what the Go server writes.
import { describe, expect, it } from "vitest";
import {
  goJSONStringify, isNotificationType, notificationContent, notificationTips, NotificationType, ProtocolError, readNotification, sdkws,
} from "../../generated/protocol/index.js";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("notification content", () => {
  it("is Go's text for a read receipt (2200): every field, declaration order, double-encoded", () => {
    const content = notificationContent(NotificationType.HasReadReceipt, { markAsReadUserID: "u1", conversationID: "si_u1_u2", seqs: [1, 2], hasReadSeq: 2 });
    expect(text(content)).toBe(String.raw`{"detail":"{\"markAsReadUserID\":\"u1\",\"conversationID\":\"si_u1_u2\",\"seqs\":[1,2],\"hasReadSeq\":2}"}`);
  });

  it("writes null for unset messages and empty lists, and escapes HTML characters like Go", () => {
    const content = notificationContent(NotificationType.GroupDismissed, { group: { groupID: "g1", groupName: "<b>&co" } });
    const inner = JSON.parse((JSON.parse(text(content)) as { detail: string }).detail) as Record<string, unknown>;
    expect(inner).toMatchObject({ opUser: null, operationTime: 0, group: { groupID: "g1", groupName: "<b>&co", memberCount: 0 } });
    expect(text(content)).toContain(String.raw`\\u003cb\\u003e\\u0026co`);
  });

  it("reads back what it wrote, and what the server writes", () => {
    const tips = { group: { groupID: "g1", groupName: "Team" }, opUser: { userID: "u1", roleLevel: 100 }, memberList: [{ userID: "u2" }], operationTime: 1_733_200_000_123, groupMemberVersion: 3, groupMemberVersionID: "6747a1b2c3d4e5f601234567" };
    const back = readNotification(NotificationType.GroupCreated, notificationContent(NotificationType.GroupCreated, tips));
    expect(back.group?.groupName).toBe("Team");
    expect(back.memberList.map((m) => m.userID)).toEqual(["u2"]);
    expect(back.groupOwnerUser).toBeUndefined();
    expect(back.groupMemberVersion).toBe(3);
    const fromServer = new TextEncoder().encode(String.raw`{"detail":"{\"userID\":\"u1\",\"conversationIDList\":null}"}`);
    expect(readNotification(NotificationType.ConversationChange, fromServer)).toEqual({ userID: "u1", conversationIDList: [] });
  });

  it("rejects malformed content with ProtocolError", () => {
    const bad = (s: string | Uint8Array) => () => readNotification(NotificationType.HasReadReceipt, typeof s === "string" ? new TextEncoder().encode(s) : s);
    expect(bad("not json")).toThrow(/content is not UTF-8 JSON/);
    expect(bad(new Uint8Array([0xff, 0xfe]))).toThrow(ProtocolError);
    expect(bad('{"text":"hi"}')).toThrow(/content is not \{"detail"/);
    expect(bad('{"detail":{"seqs":[1]}}')).toThrow(/content is not \{"detail"/);
    expect(bad('{"detail":"{oops"}')).toThrow(/detail is not JSON/);
    expect(bad(String.raw`{"detail":"{\"seqs\":\"1\"}"}`)).toThrow("openim.sdkws.MarkAsReadTips.seqs: expected a JSON array, got string");
  });
});

describe("contentType table", () => {
  it("maps contentTypes to tips codecs", () => {
    expect(NotificationType.GroupCreated).toBe(1501);
    expect(notificationTips[1501]).toBe(sdkws.GroupCreatedTips);
    expect(notificationTips[NotificationType.GroupMemberSetToAdmin]).toBe(sdkws.GroupMemberInfoSetTips);
    expect(notificationTips[NotificationType.MsgRevokeNotification]).toBe(sdkws.RevokeMsgTips);
    for (const [ct, codec] of Object.entries(notificationTips)) expect(codec.name, ct).toMatch(/^openim\.sdkws\.\w+Tips$/);
  });

  it("knows which contentTypes carry tips", () => {
    expect(isNotificationType(2200)).toBe(true);
    expect(isNotificationType(101)).toBe(false);
    expect(isNotificationType(1400)).toBe(false);
    expect(isNotificationType("1501")).toBe(false);
  });
});

it("goJSONStringify escapes like Go's json.Marshal", () => {
  expect(goJSONStringify(["a<b>", "&", "\u2028\u2029", "é"])).toBe(String.raw`["a\u003cb\u003e","\u0026","\u2028\u2029","é"]`);
});
