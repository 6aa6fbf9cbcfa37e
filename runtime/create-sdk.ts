// Composes the runtime modules behind the generated facade. Bindings call this with their
// adapters (socket, storage, logger); they never list methods themselves.
import { OpenIMSDK } from "../generated/facade/sdk.js";
import { SdkEventBus } from "./events/sdk-events.js";
import { LoginModule } from "./modules/login.js";
import type { SessionHost } from "./session/session.js";

export interface RuntimeHandles {
  sdk: OpenIMSDK;
  /** For tests and tools: the live session (DAOs, connection) while logged in. */
  login: LoginModule;
}

export function createRuntime(host: SessionHost): RuntimeHandles {
  const events = new SdkEventBus(host.logger);
  const login = new LoginModule(host, events);
  const sdk = new OpenIMSDK({ modules: { login }, events });
  return { sdk, login };
}
