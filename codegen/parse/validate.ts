// Whole-schema checks that need every declaration: duplicates and cyclic types.
import type { Node } from "ts-morph";
import type { TypeDeclIR, TypeRef } from "../ir/api.js";
import { byCodePoint } from "../naming.js";
import { compareLocations, type ParseContext } from "./context.js";
import { refsOf } from "./types.js";

/** Reports every declaration of a name after its first (first = earliest file:line:col, not input order). */
export function checkDuplicates(ctx: ParseContext, what: string, items: { name: string; node: Node }[], hint: string): void {
  const byName = new Map<string, { name: string; node: Node }[]>();
  for (const it of items) byName.set(it.name, [...(byName.get(it.name) ?? []), it]);
  for (const [name, group] of byName) {
    if (group.length < 2) continue;
    group.sort((a, b) => compareLocations(ctx.loc(a.node), ctx.loc(b.node)));
    const first = ctx.loc(group[0]!.node);
    for (const dup of group.slice(1))
      ctx.error(dup.node, `duplicate ${what} \`${name}\` (first declared at ${first.file}:${first.line}:${first.col})`, hint);
  }
}

/**
 * A type may refer to itself only through an optional field or an array (a tree can end there);
 * a chain of required fields or aliases that comes back to its start can never be built.
 */
export function checkCycles(ctx: ParseContext, types: TypeDeclIR[], nodes: Node[]): void {
  const nodeOf = new Map(nodes.map((n) => [(n as Node & { getName(): string }).getName(), n]));
  const edges = new Map<string, string[]>();
  const hard = (t: TypeRef): string[] => (t.kind === "ref" ? [t.name] : t.kind === "union" ? t.members.flatMap(hard) : []);
  for (const t of types) {
    if (t.kind === "alias") edges.set(t.name, refsOf(t.type));
    else if (t.kind === "interface") edges.set(t.name, t.fields.filter((f) => !f.optional).flatMap((f) => hard(f.type)));
  }
  const state = new Map<string, "visiting" | "done">();
  const reported = new Set<string>();
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") {
      const cycle = [...path.slice(path.indexOf(name)), name];
      const start = [...cycle.slice(0, -1)].sort(byCodePoint)[0]!;
      if (reported.has(start)) return;
      reported.add(start);
      const node = nodeOf.get(start);
      if (node)
        ctx.error(
          (node as Node & { getNameNode(): Node }).getNameNode(),
          `cyclic type: ${rotate(cycle.slice(0, -1), start).join(" → ")} → ${start} (through required fields or aliases)`,
          "make the back-reference optional (`field?: T`) or an array, or refer by ID (`parentID: string`)",
        );
      return;
    }
    state.set(name, "visiting");
    for (const next of edges.get(name) ?? []) visit(next, [...path, name]);
    state.set(name, "done");
  };
  for (const name of [...edges.keys()].sort(byCodePoint)) visit(name, []);
}

function rotate(cycle: string[], start: string): string[] {
  const i = cycle.indexOf(start);
  return [...cycle.slice(i), ...cycle.slice(0, i)];
}
