// Shared state of one parse: the diagnostics collected so far and how to point at a node.
import type { Node } from "ts-morph";
import type { Diagnostic, SourceLocation } from "../ir/index.js";

export class ParseContext {
  readonly diagnostics: Diagnostic[] = [];

  /** `file` is the schema file path relative to the repository root. */
  loc(node: Node, snippet?: string, after?: string): SourceLocation {
    const sf = node.getSourceFile();
    let pos = node.getStart();
    if (snippet) {
      // Point inside the node (e.g. at the offending word of a JSDoc tag's SQL), not at its start:
      // the first whole-word occurrence, searching from `after` when given.
      const text = node.getText();
      const from = after ? Math.max(0, text.indexOf(after)) : 0;
      const escaped = snippet.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const re = new RegExp(`(?<![\\w:])${escaped}(?!\\w)`, "g");
      re.lastIndex = from;
      const m = re.exec(text);
      if (m) pos += m.index;
    }
    const { line, column } = sf.getLineAndColumnAtPos(pos);
    return { file: sf.getFilePath().replace(/^\//, ""), line, col: column };
  }

  /** `schema/x.ts:LINE`, the `source` of every IR node. */
  source(node: Node): string {
    const l = this.loc(node);
    return `${l.file}:${l.line}`;
  }

  error(node: Node, message: string, hint: string, snippet?: string, after?: string): void {
    this.diagnostics.push({ ...this.loc(node, snippet, after), message, hint });
  }
}

export function compareLocations(a: SourceLocation, b: SourceLocation): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.col - b.col;
}
