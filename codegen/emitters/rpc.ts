// generated/rpc/catalogue.ts: every method and event with what a remote binding (worker, bridge,
// compat) needs to proxy it without a hand-kept list.
import type { Emitter } from "../ir/index.js";
import { byCodePoint } from "../naming.js";
import { Imports, tsFile } from "./ts.js";

export const rpcEmitter: Emitter = {
  name: "rpc",
  emit(ir) {
    const methods = ir.modules.flatMap((m) => m.methods).sort((a, b) => byCodePoint(a.name, b.name));
    const events = ir.listeners.flatMap((l) => l.events).sort((a, b) => byCodePoint(a.name, b.name));
    const methodRows = methods
      .map(
        (m) =>
          `  ${m.name}: { module: ${JSON.stringify(m.module)}, params: [${m.params.map((p) => JSON.stringify(p.name)).join(", ")}], ` +
          `optional: ${m.params.filter((p) => p.optional).length}, local: ${m.local}, deprecated: ${m.deprecated !== null} },\n`,
      )
      .join("");
    const eventRows = events
      .map((e) => `  ${JSON.stringify(e.name)}: { listener: ${JSON.stringify(e.listener)}, callback: ${JSON.stringify(e.callback)}, hasPayload: ${e.payload !== null} },\n`)
      .join("");
    const body =
      `export interface MethodInfo {\n` +
      `  /** The facade module slot that implements it. */\n  readonly module: string;\n` +
      `  /** Parameter names, in call order. */\n  readonly params: readonly string[];\n` +
      `  /** How many trailing params are optional. */\n  readonly optional: number;\n` +
      `  /** Answered locally, without the network. */\n  readonly local: boolean;\n` +
      `  readonly deprecated: boolean;\n}\n\n` +
      `export interface EventInfo {\n  readonly listener: string;\n  readonly callback: string;\n  readonly hasPayload: boolean;\n}\n\n` +
      `/** Every SDK method, by name. */\n` +
      `export const METHODS = {\n${methodRows}} as const satisfies Record<string, MethodInfo>;\n` +
      `export type MethodName = keyof typeof METHODS;\n\n` +
      `/** Every event, by name. */\n` +
      `export const EVENTS = {\n${eventRows}} as const satisfies Record<string, EventInfo>;\n`;
    return [{ path: "rpc/catalogue.ts", content: tsFile("Method and event catalogue for remote bindings (worker, bridge, compat).", new Imports(), body) }];
  },
};
