import type { Widget } from "../types/entities.js";

/**
 * Widget events.
 * @listener
 */
export interface WidgetListener {
  /** A widget was created. */
  onWidgetCreated(widget: Widget): void;
  /** Batch form. */
  onWidgetsChanged(widgets: Widget[]): void;
  /**
   * The official name is lower-case.
   * @event onWidgetOffline
   */
  onWidgetOffline(): void;
  /** @deprecated use onWidgetsChanged */
  onWidgetTick(count: number): void;
}
