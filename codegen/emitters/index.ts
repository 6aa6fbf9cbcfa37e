// Every emitter, in the order they run. One emitter per output kind.
import type { Emitter } from "../ir/index.js";

export const emitters: Emitter[] = [];
