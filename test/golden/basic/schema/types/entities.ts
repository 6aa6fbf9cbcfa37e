/** Numeric enum. */
export enum Color {
  Red = 1,
  /** Green has a doc. */
  Green = 2,
  Blue = -3,
}

/** String enum. */
export enum Mood {
  Happy = "happy",
  Sad = "sad",
}

/** A string literal union. */
export type Shape = "circle" | "square";

/** A numeric literal union. */
export type Level = 0 | 1 | 2;

/** An alias of an array of a named type. */
export type Tags = Tag[];

export interface Tag {
  label: string;
  color: Color;
}

/** An entity with every field kind. */
export interface Widget {
  /** The ID. */
  widgetID: string;
  count: number;
  enabled: boolean;
  blob: Uint8Array;
  shape: Shape;
  level?: Level;
  mood?: Mood;
  tags: Tags;
  names: string[];
  matrix: number[][];
  /** A tree: the self-reference is optional, so it can end. */
  parent?: Widget;
  children: Widget[];
  /** @deprecated use tags */
  label?: string;
}
