// Who is online: connections per user, multi-login policy 1, and online-status subscribers.
import type { ClientConn } from "./connection.js";

export type StatusListener = (userID: string, platformIDs: number[]) => void;

export class Hub {
  private readonly byUser = new Map<string, Set<ClientConn>>();
  /** subscribed userID → connections watching it (2005). */
  private readonly watchers = new Map<string, Set<ClientConn>>();
  private statusListener: StatusListener = () => {};

  get size(): number {
    let n = 0;
    for (const s of this.byUser.values()) n += s.size;
    return n;
  }

  onStatusChange(listener: StatusListener): void {
    this.statusListener = listener;
  }

  /**
   * Registers a new connection. Policy 1: same-platform connections holding a different token
   * get 2002 and are closed. Returns whether any same-platform connection existed (then the
   * caller marks the other tokens kicked).
   */
  add(conn: ClientConn): boolean {
    const set = this.byUser.get(conn.userID) ?? new Set<ClientConn>();
    this.byUser.set(conn.userID, set);
    let samePlatform = false;
    const before = this.platformsOf(conn.userID);
    for (const other of [...set]) {
      if (other.platformID !== conn.platformID) continue;
      samePlatform = true;
      if (other.info.token !== conn.info.token) {
        set.delete(other);
        other.kick();
      }
    }
    set.add(conn);
    this.emitIfChanged(conn.userID, before);
    return samePlatform;
  }

  remove(conn: ClientConn): void {
    const set = this.byUser.get(conn.userID);
    for (const watched of conn.subscriptions) this.watchers.get(watched)?.delete(conn);
    if (!set?.has(conn)) return;
    const before = this.platformsOf(conn.userID);
    set.delete(conn);
    if (set.size === 0) this.byUser.delete(conn.userID);
    this.emitIfChanged(conn.userID, before);
  }

  connsOf(userID: string): ClientConn[] {
    return [...(this.byUser.get(userID) ?? [])];
  }

  /** Sorted distinct platform IDs the user is connected on ([] = offline). */
  platformsOf(userID: string): number[] {
    return [...new Set(this.connsOf(userID).map((c) => c.platformID))].sort((a, b) => a - b);
  }

  all(): ClientConn[] {
    return [...this.byUser.values()].flatMap((s) => [...s]);
  }

  subscribe(conn: ClientConn, userIDs: readonly string[]): void {
    for (const id of userIDs) {
      conn.subscriptions.add(id);
      const set = this.watchers.get(id) ?? new Set<ClientConn>();
      set.add(conn);
      this.watchers.set(id, set);
    }
  }

  unsubscribe(conn: ClientConn, userIDs: readonly string[]): void {
    for (const id of userIDs) {
      conn.subscriptions.delete(id);
      this.watchers.get(id)?.delete(conn);
    }
  }

  watchersOf(userID: string): ClientConn[] {
    return [...(this.watchers.get(userID) ?? [])].filter((c) => c.isOpen);
  }

  private emitIfChanged(userID: string, before: number[]): void {
    const after = this.platformsOf(userID);
    if (after.join(",") !== before.join(",")) this.statusListener(userID, after);
  }
}
