// The generated HTTP route table and reqIdentifier table: complete, consistent with the schema,
// and usable as codecs by both a client and a server.
import { describe, expect, it } from "vitest";
import { auth, isReqIdentifier, msg, ProtocolError, ReqIdentifier, routes, sdkRoutes, sdkws, wsTable, type RouteHandlers, type RoutePath, type SdkRoutePath } from "../../generated/protocol/index.js";

describe("routes", () => {
  const paths = Object.keys(routes) as RoutePath[];

  it("holds the routes the SDK and devserver need, each keyed by its own path", () => {
    for (const p of ["/auth/get_admin_token", "/user/user_register", "/msg/send_msg", "/conversation/get_incremental_conversations",
      "/friend/get_incremental_friends", "/group/create_group", "/jssdk/get_active_conversations"] as const) {
      expect(routes[p].path).toBe(p);
    }
    for (const p of paths) expect(routes[p].path).toBe(p);
    expect(paths).toEqual([...paths].sort());
  });

  it("carries the token kind of each route", () => {
    expect(routes["/auth/get_admin_token"].token).toBe("none");
    expect(routes["/auth/parse_token"].token).toBe("none");
    expect(routes["/auth/get_user_token"].token).toBe("admin");
    expect(routes["/user/get_users_online_status"].token).toBe("admin");
    expect(routes["/msg/revoke_msg"].token).toBe("user");
  });

  it("marks the routes that also take protobuf bodies", () => {
    expect(paths.filter((p) => routes[p].protobuf)).toEqual(["/jssdk/get_active_conversations", "/jssdk/get_conversations"]);
    const body = routes["/jssdk/get_active_conversations"].req;
    if (body.kind !== "proto") throw new Error("expected a proto body");
    expect(body.decode(body.encode({ ownerUserID: "u1", count: 20 }))).toEqual({ ownerUserID: "u1", count: 20 });
  });

  it("proto bodies round-trip Go JSON through the table's codecs", () => {
    for (const p of paths) {
      for (const body of [routes[p].req, routes[p].resp]) {
        if (body.kind !== "proto") continue;
        const empty = body.create();
        expect(body.fromGoJSON(JSON.parse(JSON.stringify(body.toGoJSON(empty))))).toEqual(empty);
      }
    }
  });

  it("JSON bodies check their top-level shape", () => {
    const online = routes["/user/get_users_online_status"].resp;
    expect(online.kind).toBe("json");
    expect(online.fromGoJSON([{ userID: "u1", status: 1, detailPlatformStatus: null }])).toHaveLength(1);
    expect(() => online.fromGoJSON({ userID: "u1" })).toThrow(ProtocolError);
    const send = routes["/msg/send_msg"].req;
    expect(send.kind).toBe("json");
    expect(() => send.fromGoJSON("text")).toThrow(/expected a JSON object, got string/);
    expect(routes["/msg/send_msg"].resp).toBe(msg.SendMsgResp);
  });
});

describe("sdkRoutes (the table the SDK's HTTP client reads)", () => {
  const paths = Object.keys(sdkRoutes) as SdkRoutePath[];

  it("holds the @sdk routes as in routes, none needing an admin token", () => {
    expect(paths).toContain("/conversation/get_incremental_conversations");
    expect(paths).not.toContain("/auth/get_admin_token");
    for (const p of paths) {
      const { path, token, protobuf, req, resp } = sdkRoutes[p];
      expect({ path, token, protobuf, req: req.name, resp: resp.name }).toEqual({ ...routes[p], req: routes[p].req.name, resp: routes[p].resp.name });
      expect(token).not.toBe("admin");
    }
  });

  it("names only the Go-JSON side of each codec, which writes and reads what the whole codec does", () => {
    const sample = { conversationIDs: ["si_a_b"], userID: "a", deleteSyncOpt: { IsSyncSelf: true, IsSyncOther: false } };
    const clear = sdkRoutes["/msg/clear_conversation_msg"].req;
    expect(clear.toGoJSON(sample)).toEqual(routes["/msg/clear_conversation_msg"].req.toGoJSON(sample));
    expect(clear.fromGoJSON(clear.toGoJSON(sample))).toEqual(msg.ClearConversationsMsgReq.create(sample));
    for (const p of paths) {
      for (const body of [sdkRoutes[p].req, sdkRoutes[p].resp]) {
        expect(body).not.toHaveProperty("encode");
        expect(body.fromGoJSON(JSON.parse(JSON.stringify(body.toGoJSON({}))))).toEqual(body.fromGoJSON({}));
      }
    }
  });
});

describe("RouteHandlers (checked by tsc: an unused @ts-expect-error is itself an error)", () => {
  it("requires every route and types each handler", () => {
    // @ts-expect-error a server that implements no route does not type-check
    const none: RouteHandlers<null> = {};
    type AdminToken = RouteHandlers<null>["/auth/get_admin_token"];
    const ok: AdminToken = (req) => auth.getAdminTokenResp.create({ token: req.secret, expireTimeSeconds: 1 });
    // @ts-expect-error a handler must return the route's response type
    const wrong: AdminToken = () => auth.parseTokenResp.create();
    // @ts-expect-error the request is the route's request type
    const badReq: AdminToken = (req: msg.RevokeMsgReq) => auth.getAdminTokenResp.create({ token: req.conversationID });
    expect(ok(auth.getAdminTokenReq.create({ secret: "s" }), null)).toMatchObject({ token: "s" });
    void [none, wrong, badReq];
  });
});

describe("reqIdentifier table", () => {
  it("maps each identifier to its data codecs", () => {
    expect(ReqIdentifier.SendMsg).toBe(1003);
    // Frames are binary: the table names the binary side of each codec only.
    expect(wsTable[1003].req).toBe(sdkws.MsgData$wire);
    expect(wsTable[1003].resp).toBe(msg.SendMsgResp$wire);
    expect(wsTable[ReqIdentifier.PullMsgByRange].req).toBe(sdkws.PullMessageBySeqsReq$wire);
    expect(wsTable[ReqIdentifier.PullMsgBySeqList].req).toBe(msg.GetSeqMessageReq$wire);
    expect(wsTable[ReqIdentifier.PushMsg]).toMatchObject({ direction: "push", req: null, resp: sdkws.PushMessages$wire });
    expect(wsTable[1003].req).not.toHaveProperty("toGoJSON");
    const data = { sendID: "a", recvID: "b", seq: 7, content: new Uint8Array([1, 2]), options: { history: false } };
    expect(wsTable[1003].req.encode(data)).toEqual(sdkws.MsgData.encode(data));
    expect(wsTable[1003].req.decode(sdkws.MsgData.encode(data))).toEqual(sdkws.MsgData.create(data));
    expect(wsTable[ReqIdentifier.KickOnlineMsg]).toMatchObject({ req: null, resp: null });
    for (const [id, entry] of Object.entries(wsTable)) expect(entry.id).toBe(Number(id));
  });

  it("knows which identifiers exist (1004 is broken upstream and left out)", () => {
    expect(Object.keys(wsTable).map(Number)).toEqual([1001, 1002, 1003, 1005, 1006, 1007, 2001, 2002, 2003, 2004, 2005]);
    expect(isReqIdentifier(1001)).toBe(true);
    expect(isReqIdentifier(1004)).toBe(false);
    expect(isReqIdentifier("1001")).toBe(false);
    expect(isReqIdentifier(9999)).toBe(false);
  });
});
