// The devserver's storage, one repository per table group, over one SQLite connection.
import { ConversationStore } from "./conversations.js";
import { openDatabase, type Db } from "./database.js";
import { FriendStore } from "./friends.js";
import { GroupStore } from "./groups.js";
import { MessageStore } from "./messages.js";
import { SeqStore } from "./seqs.js";
import { TokenStore } from "./tokens.js";
import { UserStore } from "./users.js";
import { VersionStore } from "./versions.js";

export class Store {
  readonly users: UserStore;
  readonly tokens: TokenStore;
  readonly conversations: ConversationStore;
  readonly seqs: SeqStore;
  readonly messages: MessageStore;
  readonly versions: VersionStore;
  readonly groups: GroupStore;
  readonly friends: FriendStore;
  private readonly db: Db;

  constructor(file: string | null) {
    this.db = openDatabase(file);
    this.users = new UserStore(this.db);
    this.tokens = new TokenStore(this.db);
    this.conversations = new ConversationStore(this.db);
    this.seqs = new SeqStore(this.db);
    this.messages = new MessageStore(this.db);
    this.versions = new VersionStore(this.db);
    this.groups = new GroupStore(this.db);
    this.friends = new FriendStore(this.db);
  }

  /** Runs fn in one transaction (nested calls join it). */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  clientConfig(userID: string): Record<string, string> {
    const rows = this.db
      .prepare<[string], { key: string; value: string }>("SELECT key, value FROM client_config WHERE user_id IN ('', ?) ORDER BY user_id, key")
      .all(userID);
    const out: Record<string, string> = {};
    for (const r of rows) out[r.key] = r.value;
    return out;
  }

  close(): void {
    this.db.close();
  }
}
