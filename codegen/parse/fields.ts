// Fields of an interface (entity types and table rows), in declaration order.
import type { InterfaceDeclaration } from "ts-morph";
import { Node } from "./ts-morph.js";
import type { FieldIR } from "../ir/api.js";
import type { ParseContext } from "./context.js";
import { checkTags, readDoc } from "./jsdoc.js";
import type { TypeResolver } from "./types.js";

/** Column tags of table rows are checked by the table parser, with the column tag set. */
export function parseFields(ctx: ParseContext, resolver: TypeResolver, n: InterfaceDeclaration, fieldTagKind: "field" | "column"): { fields: FieldIR[]; nodes: Node[] } {
  const fields: FieldIR[] = [];
  const nodes: Node[] = [];
  for (const member of n.getMembers()) {
    if (!Node.isPropertySignature(member)) {
      ctx.error(member, `unsupported member in ${n.getName()}: only fields (\`name: Type;\`) are allowed here`, "an interface of methods needs @module (API) or @listener (callbacks) on the interface");
      continue;
    }
    const where = `${n.getName()}.${member.getName()}`;
    const info = readDoc(member);
    if (fieldTagKind === "field") checkTags(ctx, info, "field", `field ${where}`);
    const typeNode = member.getTypeNode();
    if (!typeNode) {
      ctx.error(member, `field ${where} has no type`, `write \`${member.getName()}: string;\` (or the type it holds)`);
      continue;
    }
    const type = resolver.resolve(typeNode, `field ${where}`);
    if (!type) continue;
    fields.push({ name: member.getName(), type, optional: member.hasQuestionToken(), doc: info.doc, source: ctx.source(member) });
    nodes.push(member);
  }
  return { fields, nodes };
}

