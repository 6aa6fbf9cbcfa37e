// The message state of one login: inbox, seq sync, outbox and conversation events, built when the
// login module opens a session and released with it. Modules reach it through `MessagingHub.current`.
import { ErrCode, SdkError } from "../contracts/errors.js";
import type { SdkEventBus } from "../events/sdk-events.js";
import type { Logger } from "../events/logger.js";
import { cacheFor } from "../cache/cache.js";
import { fillSenderProfiles, learnSenderProfiles, storedMessageIDs } from "../cache/sender-profiles.js";
import { ConversationNotifier } from "../conversations/notifier.js";
import { ConversationSync } from "../conversations/conversation-sync.js";
import { groupProfiles } from "../cache/conversation-names.js";
import { ConversationTitles } from "../conversations/conversation-titles.js";
import type { LoginModule } from "../modules/login.js";
import type { Session } from "../session/session.js";
import { MessageSync } from "../sync/message-sync.js";
import { FriendProfiles, friendIDs } from "../users/friend-profiles.js";
import { conversationForFirstSend } from "./first-send.js";
import { Inbox } from "./inbox.js";
import { InputStates, TypingThrottle } from "./input-states.js";
import { Outbox, type RetryPolicy } from "./outbox.js";
import { RevokerRoles } from "./revoker-roles.js";

export class MessageSession {
  readonly notifier: ConversationNotifier;
  readonly inbox: Inbox;
  readonly sync: MessageSync;
  readonly outbox: Outbox;
  readonly inputStates: InputStates;
  readonly revokerRoles: RevokerRoles;
  readonly typing = new TypingThrottle();
  readonly conversations: ConversationSync;
  private readonly titles: ConversationTitles;
  /** Messages deleteMessage is deleting on this device (see MessageSyncDeps.ownDeletes). */
  readonly ownDeletes = new Set<string>();

  constructor(
    readonly session: Session,
    events: SdkEventBus,
    logger: Logger,
    retry?: Partial<RetryPolicy>,
  ) {
    const { daos, db, connection, userID } = session;
    this.notifier = new ConversationNotifier(daos, events);
    this.titles = new ConversationTitles(userID, daos, cacheFor(session).users, (ids) => groupProfiles(session, ids), this.notifier, logger);
    this.notifier.namer = this.titles;
    this.revokerRoles = new RevokerRoles(daos, session.http, logger);
    this.inbox = new Inbox(db.driver, daos, userID, this.notifier, logger, this.revokerRoles, (id) => cacheFor(session).users.peek(id));
    this.inputStates = new InputStates(userID, events);
    this.conversations = new ConversationSync(userID, session.http, daos, db.driver, this.notifier, logger);
    this.sync = new MessageSync({
      selfID: userID,
      connection,
      daos,
      driver: db.driver,
      inbox: this.inbox,
      notifier: this.notifier,
      events,
      inputStates: this.inputStates,
      ownDeletes: this.ownDeletes,
      onSettingsChanged: (ids) =>
        void this.conversations.syncSome(ids).catch((error: unknown) => logger.warn("conversation settings refresh failed; the next connect fetches them", { error: String(error) })),
      onProfilesChanged: (ids) => void this.titles.refreshProfiles(ids),
      logger,
      beforeStore: async (groups) => {
        // One existence query for both: nothing is written between them (learning is synchronous).
        const stored = storedMessageIDs(daos, groups);
        learnSenderProfiles(cacheFor(session), stored, groups, userID, friendIDs(daos, userID), logger);
        await fillSenderProfiles(cacheFor(session), stored, groups, logger);
        await this.revokerRoles.lookUpRevokers(groups);
      },
    });
    this.outbox = new Outbox({
      selfID: userID,
      platformID: session.config.platformID,
      connection,
      driver: db.driver,
      daos,
      journal: db.journal,
      notifier: this.notifier,
      events,
      logger,
      firstSend: (conversationID, method) => conversationForFirstSend(session, conversationID, method, logger),
      ...(retry ? { retry } : {}),
    });
    // Friends' profiles before the messages, so the chats those bring are named after the current ones.
    const friends = new FriendProfiles(userID, session.http, daos, db.driver, (users) => this.titles.applyProfiles(users));
    session.sync.register({ name: "friends", order: 40, run: (context) => friends.sync(context) });
    // Settings first, so the message sync's conversation events already carry them.
    session.sync.register({ name: "conversations", order: 50, run: () => this.conversations.syncIncremental() });
    session.sync.register({ name: "messages", order: 100, run: (context) => this.sync.run(context) });
    // A title lookup that failed (offline) is retried at every connect, for every still-untitled single chat.
    session.sync.register({
      name: "peer-names",
      order: 150,
      run: () => this.titles.fill(cacheFor(session).getAllConversations().map((c) => c.conversationID)),
    });
    this.outbox.resume();
  }

  /** Stops sending and syncing, then waits for the write in progress (the database closes next). */
  async close(): Promise<void> {
    this.outbox.close();
    this.titles.close();
    this.sync.close();
    this.inputStates.close();
    await this.sync.idle();
  }
}

export interface MessagingOptions {
  retry?: Partial<RetryPolicy>;
}

/** Follows the login module: one MessageSession per session, closed before the session's database. */
export class MessagingHub {
  private active: MessageSession | undefined;

  constructor(
    private readonly login: LoginModule,
    events: SdkEventBus,
    logger: Logger,
    options: MessagingOptions = {},
  ) {
    login.onSession((session) => {
      const ms = new MessageSession(session, events, logger, options.retry);
      this.active = ms;
      session.onClose(async () => {
        if (this.active === ms) this.active = undefined;
        await ms.close();
      });
    });
  }

  /** The live message session, or a 10009 error naming the method. */
  current(method: string): MessageSession {
    const ms = this.active;
    if (!ms || this.login.current !== ms.session) throw new SdkError(ErrCode.NotLogin, `${method}: not logged in; call login first`);
    return ms;
  }

  /** The session even while logging in (other hubs route conversation events through its notifier). */
  get latest(): MessageSession | undefined {
    return this.active;
  }
}
