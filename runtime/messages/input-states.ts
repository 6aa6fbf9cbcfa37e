// Who is typing where: "typing" tips (contentType 113, online only) from other users set a
// 10-second state per (conversation, user, platform); "stopped" or the timeout clears it. Every
// change is an OnConversationUserInputStatusChanged with the platforms still typing.
import type { sdkws } from "../../generated/protocol/index.js";
import { CbEvents } from "../../generated/listeners/events.js";
import type { SdkEventBus } from "../events/sdk-events.js";

export const TYPING_TTL_MS = 10_000;

export class InputStates {
  /** conversationID → userID → platformID → expiry timer. */
  private readonly states = new Map<string, Map<string, Map<number, ReturnType<typeof setTimeout>>>>();

  constructor(
    private readonly selfID: string,
    private readonly events: SdkEventBus,
  ) {}

  /** A 113 message that arrived in `conversationID`. */
  apply(conversationID: string, m: sdkws.MsgData): void {
    if (m.sendID === this.selfID) return;
    let tips: string;
    try {
      tips = (JSON.parse(new TextDecoder().decode(m.content)) as { msgTips?: string }).msgTips ?? "";
    } catch {
      return;
    }
    const users = this.states.get(conversationID) ?? new Map<string, Map<number, ReturnType<typeof setTimeout>>>();
    this.states.set(conversationID, users);
    const platforms = users.get(m.sendID) ?? new Map<number, ReturnType<typeof setTimeout>>();
    users.set(m.sendID, platforms);
    clearTimeout(platforms.get(m.senderPlatformID));
    if (tips === "no") platforms.delete(m.senderPlatformID);
    else platforms.set(m.senderPlatformID, setTimeout(() => this.expire(conversationID, m.sendID, m.senderPlatformID), TYPING_TTL_MS));
    this.emit(conversationID, m.sendID);
  }

  platforms(conversationID: string, userID: string): number[] {
    return [...(this.states.get(conversationID)?.get(userID)?.keys() ?? [])].sort((a, b) => a - b);
  }

  close(): void {
    for (const users of this.states.values()) for (const platforms of users.values()) for (const t of platforms.values()) clearTimeout(t);
    this.states.clear();
  }

  private expire(conversationID: string, userID: string, platformID: number): void {
    this.states.get(conversationID)?.get(userID)?.delete(platformID);
    this.emit(conversationID, userID);
  }

  private emit(conversationID: string, userID: string): void {
    this.events.emit(CbEvents.OnConversationUserInputStatusChanged, { conversationID, userID, platformIDs: this.platforms(conversationID, userID) });
  }
}

/** Outgoing side: a "yes" at most once per TTL per conversation, a "no" only after a "yes". */
export class TypingThrottle {
  private readonly lastYes = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The tip to send for this focus change, or undefined to send nothing. */
  next(conversationID: string, focus: boolean): "yes" | "no" | undefined {
    const last = this.lastYes.get(conversationID);
    if (focus) {
      if (last !== undefined && this.now() - last < TYPING_TTL_MS) return undefined;
      this.lastYes.set(conversationID, this.now());
      return "yes";
    }
    if (last === undefined) return undefined;
    this.lastYes.delete(conversationID);
    return "no";
  }
}
