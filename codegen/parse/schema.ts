// schema/**/*.ts → ApiSchemaIR. Syntactic only (no type checker: the first checker query alone
// costs ~300 ms): declarations are read from the AST, names are resolved against the declarations of
// all schema files, and every problem becomes a diagnostic pointing at the offending node.
import type {
  EnumDeclaration,
  InterfaceDeclaration,
  SourceFile,
  TypeAliasDeclaration,
} from "ts-morph";
import { Node, Project } from "./ts-morph.js";
import type { Diagnostic } from "../ir/index.js";
import type { ApiSchemaIR, TypeDeclIR } from "../ir/api.js";
import { byCodePoint, sortByName } from "../naming.js";
import { compareLocations, ParseContext } from "./context.js";
import { checkTags, readDoc } from "./jsdoc.js";
import { parseListener, parseModule, type ListenerDraft, type ModuleDraft } from "./members.js";
import { parseTable, type TableDraft } from "./tables.js";
import { parseFields } from "./fields.js";
import { TypeResolver } from "./types.js";
import { checkCycles, checkDuplicates } from "./validate.js";

export interface SchemaFile {
  /** Path relative to the repository root, forward slashes, e.g. `schema/api/login.ts`. */
  path: string;
  text: string;
}

type Decl =
  | { role: "module" | "listener" | "table" | "type"; node: InterfaceDeclaration }
  | { role: "type"; node: EnumDeclaration | TypeAliasDeclaration };

export function parseApiSchema(files: readonly SchemaFile[]): { ir: ApiSchemaIR; diagnostics: Diagnostic[] } {
  const ctx = new ParseContext();
  const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
  const sources = files.map((f) => project.createSourceFile("/" + f.path, f.text));
  // A broken file parses into a misleading tree; report the syntax errors alone. (Syntactic
  // diagnostics need a program but no type checker, so they stay cheap.)
  const program = project.getProgram().compilerObject;
  for (const sf of sources)
    for (const d of program.getSyntacticDiagnostics(sf.compilerNode)) {
      const { line, column } = sf.getLineAndColumnAtPos(d.start ?? 0);
      const text = typeof d.messageText === "string" ? d.messageText : d.messageText.messageText;
      ctx.diagnostics.push({ file: sf.getFilePath().replace(/^\//, ""), line, col: column, message: `syntax error: ${text}`, hint: "fix the TypeScript syntax (the file must compile on its own)" });
    }
  if (ctx.diagnostics.length > 0) return { ir: { modules: [], listeners: [], tables: [], types: [] }, diagnostics: ctx.diagnostics.sort(compareLocations) };

  const decls: Decl[] = [];
  for (const sf of sources) collectDecls(ctx, sf, decls);

  checkDuplicates(
    ctx,
    "type",
    decls.map((d) => ({ name: d.node.getName(), node: d.node.getNameNode() })),
    "rename one of them; all schema files share one namespace",
  );
  const known = new Set(decls.filter((d) => d.role === "type" || d.role === "table").map((d) => d.node.getName()));
  const resolver = new TypeResolver(ctx, known);

  const types: TypeDeclIR[] = [];
  const modules: ModuleDraft[] = [];
  const listeners: ListenerDraft[] = [];
  const tableDrafts: TableDraft[] = [];
  for (const d of decls) {
    const n = d.node;
    if (Node.isEnumDeclaration(n)) types.push(parseEnum(ctx, n));
    else if (Node.isTypeAliasDeclaration(n)) {
      const info = readDoc(n);
      checkTags(ctx, info, "type", `type ${n.getName()}`);
      const type = resolver.resolve(n.getTypeNodeOrThrow(), `type ${n.getName()}`);
      if (type) types.push({ kind: "alias", name: n.getName(), type, doc: info.doc, source: ctx.source(n) });
    } else if (d.role === "module") {
      const m = parseModule(ctx, resolver, n as InterfaceDeclaration);
      if (m) modules.push(m);
    } else if (d.role === "listener") listeners.push(parseListener(ctx, resolver, n as InterfaceDeclaration));
    else if (d.role === "table") {
      const draft = parseTable(ctx, resolver, n as InterfaceDeclaration);
      tableDrafts.push(draft);
      types.push(draft.rowDecl);
    } else types.push(parseInterface(ctx, resolver, n as InterfaceDeclaration));
  }

  const typeMap = new Map(types.map((t) => [t.name, t]));
  checkCycles(ctx, types, decls.map((d) => d.node));
  const tables = tableDrafts.map((t) => t.finish(typeMap));

  checkDuplicates(ctx, "module", modules.map((m) => ({ name: m.name, node: m.node })), "give each API interface its own @module name");
  checkDuplicates(ctx, "method", modules.flatMap((m) => m.methodNodes), "method names are global (the facade is flat); rename one");
  checkDuplicates(ctx, "event", listeners.flatMap((l) => l.eventNodes), "rename the callback or give it an @event name of its own");
  // Same callback name in two listeners with different @event names: one CbEvents member, two values.
  const constants = listeners.flatMap((l) => l.constantNodes.map((c, i) => ({ ...c, event: l.eventNodes[i]!.name })));
  checkDuplicates(
    ctx,
    "CbEvents member",
    constants.filter((c) => constants.some((o) => o.name === c.name && o.event !== c.event)),
    "two callbacks with the same name would share one CbEvents member; rename one",
  );
  checkDuplicates(ctx, "table", tableDrafts.map((t) => ({ name: t.name, node: t.tableTag })), "give each model its own @table name");

  const diagnostics = ctx.diagnostics.sort((a, b) => compareLocations(a, b) || byCodePoint(a.message, b.message));
  const ir: ApiSchemaIR = {
    modules: sortByName(modules.map(({ node: _n, methodNodes: _m, ...m }) => ({ ...m, methods: sortByName(m.methods) }))),
    listeners: sortByName(listeners.map(({ eventNodes: _e, constantNodes: _c, ...l }) => ({ ...l, events: sortByName(l.events) }))),
    tables: sortByName(tables),
    types: sortByName(types),
  };
  return { ir, diagnostics };
}

function collectDecls(ctx: ParseContext, sf: SourceFile, out: Decl[]): void {
  for (const st of sf.getStatements()) {
    if (Node.isImportDeclaration(st) || Node.isExportDeclaration(st)) continue;
    if (Node.isEnumDeclaration(st) || Node.isTypeAliasDeclaration(st)) out.push({ role: "type", node: st });
    else if (Node.isInterfaceDeclaration(st)) {
      const tags = readDoc(st).tags.map((t) => t.name);
      const role = tags.includes("module") ? "module" : tags.includes("listener") ? "listener" : tags.includes("table") ? "table" : "type";
      out.push({ role, node: st });
    } else
      ctx.error(st, `unsupported statement in a schema file: ${st.getKindName()}`, "schema files hold only interfaces, enums and type aliases (declarations, no code)");
  }
}

function parseEnum(ctx: ParseContext, n: EnumDeclaration): TypeDeclIR {
  const info = readDoc(n);
  checkTags(ctx, info, "type", `enum ${n.getName()}`);
  const members: { name: string; value: string | number; doc: string; source: string }[] = [];
  for (const m of n.getMembers()) {
    const init = m.getInitializer();
    let value: string | number | undefined;
    if (init && Node.isNumericLiteral(init)) value = init.getLiteralValue();
    else if (init && Node.isStringLiteral(init)) value = init.getLiteralValue();
    else if (init && Node.isPrefixUnaryExpression(init) && Node.isNumericLiteral(init.getOperand())) value = -Number(init.getOperand().getText());
    if (value === undefined) {
      ctx.error(m, `enum member ${n.getName()}.${m.getName()} needs an explicit literal value`, `write \`${m.getName()} = 1\` (the wire and the DB store the value, so it must never shift)`);
      continue;
    }
    members.push({ name: m.getName(), value, doc: readDoc(m).doc, source: ctx.source(m) });
  }
  return { kind: "enum", name: n.getName(), members, doc: info.doc, source: ctx.source(n) };
}

function parseInterface(ctx: ParseContext, resolver: TypeResolver, n: InterfaceDeclaration): TypeDeclIR {
  const info = readDoc(n);
  checkTags(ctx, info, "type", `interface ${n.getName()}`);
  if (n.getExtends().length > 0)
    ctx.error(n.getExtends()[0]!, `interface ${n.getName()} extends another type; the schema language has no inheritance`, "copy the fields in (the generated code stays flat and explicit)");
  const { fields } = parseFields(ctx, resolver, n, "field");
  return { kind: "interface", name: n.getName(), fields, doc: info.doc, source: ctx.source(n) };
}

