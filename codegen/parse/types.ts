// Type nodes → TypeRef, syntactically. Named types are resolved against the declarations of
// every schema file (one global namespace), so imports between schema files are for the editor only.
import type { TypeNode } from "ts-morph";
import { Node, SyntaxKind } from "./ts-morph.js";
import type { TypeDeclIR, TypeRef } from "../ir/api.js";
import type { ParseContext } from "./context.js";

const SUPPORTED_HINT =
  "use string, number, boolean, Uint8Array, a literal union (\"a\" | \"b\"), an array (T[]) or a named schema type";

export class TypeResolver {
  constructor(
    private readonly ctx: ParseContext,
    /** Every declared type name (interfaces, enums, aliases, table rows). */
    private readonly known: Set<string>,
  ) {}

  /** Returns null (after reporting) when the node cannot be expressed in the schema. */
  resolve(node: TypeNode, where: string): TypeRef | null {
    if (Node.isParenthesizedTypeNode(node)) return this.resolve(node.getTypeNode(), where);
    switch (node.getKind()) {
      case SyntaxKind.StringKeyword:
        return { kind: "string" };
      case SyntaxKind.NumberKeyword:
        return { kind: "number" };
      case SyntaxKind.BooleanKeyword:
        return { kind: "boolean" };
      case SyntaxKind.VoidKeyword:
        return { kind: "void" };
    }
    if (Node.isArrayTypeNode(node)) {
      const element = this.resolve(node.getElementTypeNode(), where);
      return element && { kind: "array", element };
    }
    if (Node.isLiteralTypeNode(node)) {
      const lit = node.getLiteral();
      if (Node.isStringLiteral(lit)) return { kind: "literal", value: lit.getLiteralValue() };
      if (Node.isNumericLiteral(lit)) return { kind: "literal", value: lit.getLiteralValue() };
      if (Node.isPrefixUnaryExpression(lit) && Node.isNumericLiteral(lit.getOperand()))
        return { kind: "literal", value: -Number(lit.getOperand().getText()) };
    }
    if (Node.isUnionTypeNode(node)) {
      const members: TypeRef[] = [];
      for (const m of node.getTypeNodes()) {
        const r = this.resolve(m, where);
        if (!r) return null;
        if (r.kind !== "literal") {
          this.ctx.error(m, `unsupported type \`${node.getText()}\` in ${where}: a union may only combine literals`, `write a literal union ("a" | "b") or make the field optional with ?`);
          return null;
        }
        members.push(r);
      }
      const union: TypeRef = { kind: "union", members };
      if (unionPrimitive(union) === null) {
        this.ctx.error(node, `unsupported type \`${node.getText()}\` in ${where}: a literal union mixes strings and numbers`, `use only string literals ("a" | "b") or only number literals (1 | 2)`);
        return null;
      }
      return union;
    }
    if (Node.isTypeReference(node)) {
      const name = node.getTypeName().getText();
      const args = node.getTypeArguments();
      if (name === "Uint8Array" && args.length === 0) return { kind: "bytes" };
      if ((name === "Array" || name === "ReadonlyArray") && args.length === 1) {
        const element = this.resolve(args[0]!, where);
        return element && { kind: "array", element };
      }
      if (args.length > 0) {
        this.ctx.error(node, `unsupported type \`${node.getText()}\` in ${where}: generic types are not part of the schema language`, SUPPORTED_HINT);
        return null;
      }
      if (!this.known.has(name)) {
        this.ctx.error(node, `unknown type \`${name}\` in ${where}`, `declare \`${name}\` in schema/types/ (or fix the spelling); ${SUPPORTED_HINT}`);
        return null;
      }
      return { kind: "ref", name };
    }
    this.ctx.error(node, `unsupported type \`${node.getText()}\` in ${where}`, SUPPORTED_HINT);
    return null;
  }
}

/** Follows aliases and enums down to what a value actually is at runtime. */
export function underlying(t: TypeRef, types: Map<string, TypeDeclIR>): TypeRef {
  const seen = new Set<string>();
  while (t.kind === "ref" && !seen.has(t.name)) {
    seen.add(t.name);
    const decl = types.get(t.name);
    if (!decl || decl.kind === "interface") return t;
    if (decl.kind === "alias") t = decl.type;
    else return { kind: "union", members: decl.members.map((m) => ({ kind: "literal", value: m.value })) };
  }
  return t;
}

/** The primitive a literal union is made of, or null when mixed / not a union. */
export function unionPrimitive(t: TypeRef): "string" | "number" | null {
  if (t.kind === "literal") return typeof t.value === "string" ? "string" : "number";
  if (t.kind !== "union") return null;
  const kinds = new Set(t.members.map((m) => (m.kind === "literal" ? typeof m.value : "other")));
  if (kinds.size !== 1) return null;
  const k = [...kinds][0];
  return k === "string" ? "string" : k === "number" ? "number" : null;
}

/** Names a TypeRef mentions directly. */
export function refsOf(t: TypeRef, out: string[] = []): string[] {
  if (t.kind === "ref") out.push(t.name);
  else if (t.kind === "array") refsOf(t.element, out);
  else if (t.kind === "union") for (const m of t.members) refsOf(m, out);
  return out;
}
