// The app-facing event bus behind the generated facade: names and payloads come from the
// generated listener map (one payload per event, none for `void`), listeners are isolated by
// the runtime Emitter (a throwing app listener is logged, never breaks the SDK).
import type { EventListener, EventMap, EventName } from "../../generated/listeners/events.js";
import { Emitter } from "./emitter.js";
import type { Logger } from "./logger.js";

type PayloadArgs = { [E in EventName]: EventMap[E] extends void ? [] : [EventMap[E]] };

export class SdkEventBus {
  private readonly emitter: Emitter<PayloadArgs>;

  constructor(logger: Logger) {
    this.emitter = new Emitter<PayloadArgs>(logger, "sdk-events");
  }

  on<E extends EventName>(event: E, listener: EventListener<E>): void {
    this.emitter.on(event, listener as never);
  }

  off<E extends EventName>(event: E, listener: EventListener<E>): void {
    this.emitter.off(event, listener as never);
  }

  emit<E extends EventName>(event: E, ...payload: PayloadArgs[E]): void {
    this.emitter.emit(event, ...payload);
  }
}
