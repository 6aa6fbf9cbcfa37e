// Follows the login module: one JoinedGroups per session, announcing renamed group conversations
// through that session's conversation notifier.
import { ErrCode, SdkError } from "../contracts/errors.js";
import type { Logger } from "../events/logger.js";
import type { ConversationNotifier } from "../conversations/notifier.js";
import type { LoginModule } from "../modules/login.js";
import type { Session } from "../session/session.js";
import { JoinedGroups } from "./joined-groups.js";

export class GroupsHub {
  private readonly bySession = new WeakMap<Session, JoinedGroups>();

  constructor(
    private readonly login: LoginModule,
    notifierOf: (session: Session) => ConversationNotifier | undefined,
    logger: Logger,
  ) {
    login.onSession((session) => {
      this.bySession.set(session, new JoinedGroups(session, () => notifierOf(session), logger));
    });
  }

  /** The live session and its groups, or a 10009 error naming the method. */
  current(method: string): { session: Session; groups: JoinedGroups } {
    const session = this.login.current;
    const groups = session && this.bySession.get(session);
    if (!session || !groups) throw new SdkError(ErrCode.NotLogin, `${method}: not logged in; call login first`);
    return { session, groups };
  }
}
