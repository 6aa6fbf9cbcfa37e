// generated/listeners/: one interface per listener, plus events.ts with the CbEvents name constants,
// the typed event map and which callback raises which event.
import type { Emitter, GeneratedFile } from "../ir/index.js";
import type { ApiSchemaIR, EventIR, ListenerIR } from "../ir/api.js";
import { byCodePoint, eventNameOf } from "../naming.js";
import { docBlock, Imports, kebab, tsFile, tsType, typeNames, TYPES_MODULE } from "./ts.js";

function eventDoc(e: EventIR): string[] {
  return e.deprecated ? [`@deprecated ${e.deprecated}`] : [];
}

function renderListener(l: ListenerIR): GeneratedFile {
  const imports = new Imports();
  const callbacks = [...l.events].sort((a, b) => byCodePoint(a.callback, b.callback));
  for (const e of callbacks) if (e.payload) typeNames(e.payload.type).forEach((n) => imports.add(TYPES_MODULE, n));
  const members = callbacks
    .map((e) => {
      const param = e.payload ? `${e.payload.name}: ${tsType(e.payload.type)}` : "";
      return `${docBlock("  ", e.doc, [`Event: ${e.name}.`, ...eventDoc(e)])}  ${e.callback}(${param}): void;\n`;
    })
    .join("");
  const body = `${docBlock("", l.doc)}export interface ${l.name} {\n${members}}\n`;
  return { path: `listeners/${kebab(l.name)}.ts`, content: tsFile(`Listener ${l.name}: the callbacks behind its events.`, imports, body) };
}

function renderEvents(ir: ApiSchemaIR): GeneratedFile {
  const events = ir.listeners.flatMap((l) => l.events).sort((a, b) => byCodePoint(a.name, b.name));
  const imports = new Imports();
  for (const e of events) if (e.payload) typeNames(e.payload.type).forEach((n) => imports.add(TYPES_MODULE, n));
  const byMember = [...events].sort((a, b) => byCodePoint(eventNameOf(a.callback), eventNameOf(b.callback)));
  const constants = byMember.map((e) => `${docBlock("  ", e.doc, eventDoc(e))}  ${eventNameOf(e.callback)}: ${JSON.stringify(e.name)},\n`).join("");
  const map = events.map((e) => `  ${JSON.stringify(e.name)}: ${e.payload ? tsType(e.payload.type) : "void"};\n`).join("");
  const names = events.map((e) => `  ${JSON.stringify(e.name)},\n`).join("");
  const listenerMap = ir.listeners
    .map((l) => {
      const cbs = [...l.events].sort((a, b) => byCodePoint(a.callback, b.callback));
      return `  ${l.name}: {\n${cbs.map((e) => `    ${e.callback}: ${JSON.stringify(e.name)},\n`).join("")}  },\n`;
    })
    .join("");
  const body =
    `/** Event names apps subscribe to; the values are the official CbEvents strings. */\n` +
    `export const CbEvents = {\n${constants}} as const;\n` +
    `export type EventName = (typeof CbEvents)[keyof typeof CbEvents];\n\n` +
    `/** Every event name, sorted. */\n` +
    `export const EVENT_NAMES: readonly EventName[] = [\n${names}];\n\n` +
    `/** The payload each event carries (void: none). */\n` +
    `export interface EventMap {\n${map}}\n\n` +
    `export type EventListener<E extends EventName> = (payload: EventMap[E]) => void;\n\n` +
    `/** Which event each listener callback raises, per listener interface. */\n` +
    `export const LISTENER_EVENTS = {\n${listenerMap}} as const;\n`;
  return { path: "listeners/events.ts", content: tsFile("Event names, payload types and the listener → event mapping.", imports, body) };
}

export const listenersEmitter: Emitter = {
  name: "listeners",
  emit(ir) {
    return [...ir.listeners.map(renderListener), renderEvents(ir)];
  },
};
