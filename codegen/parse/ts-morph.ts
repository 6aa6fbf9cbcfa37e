// ts-morph's runtime values, loaded with require() rather than `import`: importing this CommonJS
// package from ESM makes Node 20 lex its ~11 MB (ts-morph + TypeScript) for named exports, which
// measured about twice the CPU time of the whole rest of a codegen run. Types come from
// `import type … from "ts-morph"` as usual (they are erased).
import { createRequire } from "node:module";

const tsMorph = createRequire(import.meta.url)("ts-morph") as typeof import("ts-morph");

export const { Node, Project, SyntaxKind } = tsMorph;
export type Node = import("ts-morph").Node;
export type SyntaxKind = import("ts-morph").SyntaxKind;
