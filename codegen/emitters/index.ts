// Every emitter, in the order they run. One emitter per output kind.
import type { Emitter } from "../ir/index.js";
import { protocolCodecEmitter } from "./protocol-codec.js";
import { protocolRoutesEmitter } from "./protocol-routes.js";

export const emitters: Emitter[] = [protocolCodecEmitter, protocolRoutesEmitter];
