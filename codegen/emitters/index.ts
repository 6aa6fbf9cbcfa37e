// Every emitter, in the order they run. One emitter per output kind.
import type { Emitter } from "../ir/index.js";
import { apiEmitter } from "./api.js";
import { daoEmitter } from "./dao.js";
import { docsEmitter } from "./docs.js";
import { facadeEmitter } from "./facade.js";
import { listenersEmitter } from "./listeners.js";
import { protocolCodecEmitter } from "./protocol-codec.js";
import { protocolRoutesEmitter } from "./protocol-routes.js";
import { rpcEmitter } from "./rpc.js";
import { typesEmitter } from "./types.js";

export const emitters: Emitter[] = [
  typesEmitter,
  apiEmitter,
  facadeEmitter,
  listenersEmitter,
  daoEmitter,
  docsEmitter,
  rpcEmitter,
  protocolCodecEmitter,
  protocolRoutesEmitter,
];
