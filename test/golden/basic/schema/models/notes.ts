/**
 * A table added in version 2.
 * @table notes
 * @since 2
 */
export interface Note {
  /** @primaryKey */
  noteID: number;
  text: string;
}
