// JSDoc reading: descriptions and the schema's tags. Every tag is checked against the set the
// declaration kind allows, so a typo (`@primarykey`) is an error rather than silently ignored.
import type { JSDocTag } from "ts-morph";
import { Node } from "./ts-morph.js";
import type { ParseContext } from "./context.js";

export interface Tag {
  name: string;
  /** Comment text after the tag name, trimmed ("" when none). */
  text: string;
  node: JSDocTag;
}

export interface DocInfo {
  doc: string;
  tags: Tag[];
  /** `@param name text` descriptions, by parameter name. */
  paramDocs: Map<string, string>;
}

/** Tags allowed on each kind of declaration (documented in schema/README.md). */
export const allowedTags = {
  module: ["module"],
  method: ["local", "deprecated", "errors", "param", "returns"],
  listener: ["listener"],
  callback: ["event", "deprecated", "param"],
  table: ["table", "index", "unique", "query", "since"],
  column: ["primaryKey", "json", "default", "since", "real"],
  type: ["deprecated"],
  field: ["deprecated"],
} as const;

export type DeclKind = keyof typeof allowedTags;

export function readDoc(node: Node): DocInfo {
  const out: DocInfo = { doc: "", tags: [], paramDocs: new Map() };
  if (!Node.isJSDocable(node)) return out;
  const docs: string[] = [];
  for (const jsDoc of node.getJsDocs()) {
    const d = jsDoc.getDescription().trim();
    if (d) docs.push(d);
    for (const tag of jsDoc.getTags()) {
      const text = (tag.getCommentText() ?? "").trim();
      if (Node.isJSDocParameterTag(tag)) {
        out.paramDocs.set(tag.getName(), text.replace(/^-\s*/, ""));
        out.tags.push({ name: "param", text, node: tag });
        continue;
      }
      out.tags.push({ name: tag.getTagName(), text, node: tag });
    }
  }
  out.doc = docs.join("\n\n");
  return out;
}

/** Reports tags not allowed on `kind`; returns the allowed ones. */
export function checkTags(ctx: ParseContext, info: DocInfo, kind: DeclKind, what: string): Tag[] {
  const allowed: readonly string[] = allowedTags[kind];
  return info.tags.filter((t) => {
    if (allowed.includes(t.name)) return true;
    ctx.error(
      t.node,
      `unknown tag @${t.name} on ${what}`,
      `tags allowed here: ${allowed.map((a) => "@" + a).join(", ")} (see schema/README.md)`,
    );
    return false;
  });
}

export function findTag(tags: Tag[], name: string): Tag | undefined {
  return tags.find((t) => t.name === name);
}
