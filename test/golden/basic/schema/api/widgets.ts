import type { Color, Level, Shape, Widget } from "../types/entities.js";

/**
 * Widget management.
 * @module widgets
 */
export interface WidgetApi {
  /**
   * Creates a widget.
   * @param widget the widget to store
   * @errors 10002 10006
   */
  createWidget(widget: Widget): Widget;
  /**
   * Looks widgets up by ID, optionally filtered.
   * @local
   */
  findWidgets(ids: string[], shape?: Shape, level?: Level): Widget[];
  /** @deprecated use createWidget */
  paint(widgetID: string, color: Color, flag: boolean, data: Uint8Array): void;
}
