// Public entry of the devserver (package export "./devserver").
export { startDevServer, type DevServer } from "./server.js";
export type { DevServerOptions } from "./options.js";
