// Type-level vocabulary of routes.ts and ws.ts. Codegen reads these declarations as syntax
// (see README.md); the types only exist so an editor checks the schema while you write it.

/** Which token a route requires in its `token` header. */
export type TokenKind = "none" | "user" | "admin";

/**
 * One HTTP route. `Req`/`Resp` are a proto message's full name ("openim.auth.getAdminTokenReq"),
 * encoded as Go JSON, or `Json<T>` for bodies that are not proto messages.
 */
export type Route<Token extends TokenKind, Req extends Body, Resp extends Body> = { token: Token; req: Req; resp: Resp };

/** A body that is plain JSON of a type declared in json-types.ts. */
export type Json<T> = { json: T };

type Body = `openim.${string}` | Json<unknown>;

/** Who initiates a WebSocket exchange. */
export type WsDirection = "request" | "push" | "both";

/**
 * One reqIdentifier. `Name` is the SDK-side name; `Req`/`Resp` are the proto full names of the
 * envelope's `data`, or null when that side never carries data.
 */
export type Ws<Name extends string, Direction extends WsDirection, Req extends `openim.${string}` | null, Resp extends `openim.${string}` | null> = {
  name: Name;
  direction: Direction;
  req: Req;
  resp: Resp;
};

/**
 * One notification contentType whose MsgData.content is {"detail": "<Go JSON of the tips message>"}.
 * `Name` is the protocol constant's name without the "Notification" suffix.
 */
export type Tips<Name extends string, Message extends `openim.${string}`> = { name: Name; tips: Message };
