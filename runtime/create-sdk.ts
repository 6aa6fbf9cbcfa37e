// Composes the runtime modules behind the generated facade. Bindings call this with their
// adapters (socket, storage, logger); they never list methods themselves.
import { OpenIMSDK } from "../generated/facade/sdk.js";
import { SdkEventBus } from "./events/sdk-events.js";
import { MessagingHub, type MessagingOptions } from "./messages/message-session.js";
import { GroupsHub } from "./groups/groups-hub.js";
import { ConversationModule } from "./modules/conversation.js";
import { GroupModule } from "./modules/group.js";
import { LoginModule } from "./modules/login.js";
import { MessageModule } from "./modules/message.js";
import { UserModule } from "./modules/user.js";
import type { Session, SessionHost } from "./session/session.js";

export interface RuntimeHandles {
  sdk: OpenIMSDK;
  /** For tests and tools: the live session (DAOs, connection) while logged in. */
  login: LoginModule;
  /** For tests and tools: the live message state (outbox, sync). */
  messaging: MessagingHub;
}

export function createRuntime(host: SessionHost & { messaging?: MessagingOptions }): RuntimeHandles {
  const events = new SdkEventBus(host.logger);
  const login = new LoginModule(host, events);
  const messaging = new MessagingHub(login, events, host.logger, host.messaging);
  // Conversation events of a session go through its messaging notifier (while messaging runs).
  const notifierOf = (session: Session) => (messaging.latest?.session === session ? messaging.latest.notifier : undefined);
  const groups = new GroupsHub(login, notifierOf, host.logger);
  const sdk = new OpenIMSDK({
    modules: { login, message: new MessageModule(messaging, events), conversation: new ConversationModule(messaging), group: new GroupModule(groups), user: new UserModule(login) },
    events,
  });
  return { sdk, login, messaging };
}
