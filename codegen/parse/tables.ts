// DB models: `@table` interfaces → columns (TS→SQL mapping), keys, indexes, versions, named queries.
// Column checks need every type resolved (an enum column is INTEGER or TEXT by its values), so a
// table is parsed in two steps: fields now, `finish()` once all types are known.
import type { InterfaceDeclaration, JSDocTag, Node } from "ts-morph";
import type { ColumnIR, IndexIR, QueryIR, RowColumnIR, SqlType, TableIR, TypeDeclIR, TypeRef } from "../ir/api.js";
import { snakeCase, sortByName } from "../naming.js";
import type { ParseContext } from "./context.js";
import { checkTags, findTag, readDoc, type Tag } from "./jsdoc.js";
import { parseFields } from "./fields.js";
import { analyzeQuery } from "./sql.js";
import { underlying, unionPrimitive, type TypeResolver } from "./types.js";
import { checkDuplicates } from "./validate.js";

export interface TableDraft {
  name: string;
  tableTag: Node;
  rowDecl: TypeDeclIR & { kind: "interface" };
  finish(types: Map<string, TypeDeclIR>): TableIR;
}

/** Methods every DAO has; a named query may not take their names. */
const DAO_METHODS = ["insert", "upsert", "upsertMany", "get", "update", "delete"];
const QUERY_PARAM_TYPES: Record<string, TypeRef> = {
  string: { kind: "string" },
  number: { kind: "number" },
  boolean: { kind: "boolean" },
  Uint8Array: { kind: "bytes" },
};

export function parseTable(ctx: ParseContext, resolver: TypeResolver, n: InterfaceDeclaration): TableDraft {
  const info = readDoc(n);
  const tags = checkTags(ctx, info, "table", `table model ${n.getName()}`);
  const tableTag = findTag(tags, "table")!;
  const name = tableTag.text;
  if (!/^[a-z][a-z0-9_]*$/.test(name))
    ctx.error(tableTag.node, `@table needs a snake_case SQL name, got \`${name}\``, "write e.g. `@table local_conversations`");
  else if (name === "schema_version" || name.startsWith("sqlite_"))
    ctx.error(tableTag.node, `table name \`${name}\` is reserved (migrations use schema_version; SQLite owns sqlite_*)`, "pick another @table name");
  const tableSince = parseSince(ctx, findTag(tags, "since"), 1);
  const { fields, nodes } = parseFields(ctx, resolver, n, "column");
  const rowDecl = { kind: "interface" as const, name: n.getName(), fields, doc: info.doc, source: ctx.source(n) };

  const finish = (types: Map<string, TypeDeclIR>): TableIR => {
    const columns: ColumnIR[] = [];
    let pk = 0;
    fields.forEach((f, i) => {
      const node = nodes[i]!;
      const cTags = checkTags(ctx, readDoc(node), "column", `column ${n.getName()}.${f.name}`);
      const col = columnOf(ctx, f, node, cTags, types, tableSince);
      if (!col) return;
      if (findTag(cTags, "primaryKey")) {
        if (f.optional) ctx.error(node, `primary key field ${f.name} is optional`, "remove the `?`: a key always has a value");
        if (col.since !== tableSince) ctx.error(node, `primary key field ${f.name} has @since ${col.since} but the table exists since ${tableSince}`, "a key cannot be added later; create a new table instead");
        col.primaryKey = ++pk;
      }
      columns.push(col);
    });
    checkDuplicates(
      ctx,
      "column",
      columns.map((c, i) => ({ name: c.column, node: nodes[fields.findIndex((f) => f.name === c.field)] ?? nodes[i]! })),
      "two fields map to the same snake_case column; rename one",
    );
    if (pk === 0 && fields.length > 0)
      ctx.error(n.getNameNode(), `table ${name} (${n.getName()}) has no primary key`, "mark the key field(s) with /** @primaryKey */ (several fields make a composite key, in field order)");

    const byField = new Map(columns.map((c) => [c.field, c]));
    const indexes = parseIndexes(ctx, tags, byField, tableSince);
    const parsed = tags
      .filter((t) => t.name === "query")
      .map((t) => ({ tag: t, query: parseQuery(ctx, t, { name, rowType: n.getName(), columns }, types) }));
    const queries = parsed.map((p) => p.query).filter((q): q is QueryIR => q !== null);
    checkDuplicates(ctx, "query", parsed.filter((p) => p.query).map((p) => ({ name: p.query!.name, node: p.tag.node })), "give each named query its own name");
    return { name, rowType: n.getName(), since: tableSince, columns, indexes: sortByName(indexes), queries: sortByName(queries), doc: info.doc, source: ctx.source(n) };
  };
  return { name, tableTag: tableTag.node, rowDecl, finish };
}

function parseSince(ctx: ParseContext, tag: Tag | undefined, fallback: number): number {
  if (!tag) return fallback;
  const v = Number(tag.text);
  if (!Number.isInteger(v) || v < 1) {
    ctx.error(tag.node, `@since takes a schema version (an integer ≥ 1), got \`${tag.text}\``, "write e.g. `@since 2`");
    return fallback;
  }
  return v;
}

function columnOf(ctx: ParseContext, f: { name: string; type: TypeRef; optional: boolean; doc: string; source: string }, node: Node, tags: Tag[], types: Map<string, TypeDeclIR>, tableSince: number): ColumnIR | null {
  const where = `column ${f.name}`;
  let sqlType: SqlType;
  let codec: ColumnIR["codec"] = "plain";
  const u = underlying(f.type, types);
  const lit = unionPrimitive(u);
  if (findTag(tags, "json")) {
    sqlType = "TEXT";
    codec = "json";
  } else if (u.kind === "string" || lit === "string") sqlType = "TEXT";
  else if (u.kind === "number" || lit === "number") sqlType = findTag(tags, "real") ? "REAL" : "INTEGER";
  else if (u.kind === "boolean") {
    sqlType = "INTEGER";
    codec = "boolean";
  } else if (u.kind === "bytes") sqlType = "BLOB";
  else {
    ctx.error(node, `${where} has a type SQL cannot store as is`, "add /** @json */ to store it as JSON text, or use a primitive type");
    return null;
  }
  if (findTag(tags, "real") && sqlType !== "REAL") ctx.error(findTag(tags, "real")!.node, `@real on ${where}, which is not a number`, "remove @real");
  const sinceTag = findTag(tags, "since");
  const since = parseSince(ctx, sinceTag, tableSince);
  if (since < tableSince) ctx.error(sinceTag!.node, `${where} has @since ${since}, older than its table (@since ${tableSince})`, `remove it or write @since ${tableSince} or later`);
  const defTag = findTag(tags, "default");
  const def = defTag ? sqlDefault(ctx, defTag, sqlType, codec) : null;
  if (since > tableSince && !f.optional && def === null)
    ctx.error(node, `${where} is added in version ${since} as NOT NULL without a default, so existing rows could not be migrated`, "add @default <value> or make the field optional (`?`)");
  return { field: f.name, column: snakeCase(f.name), type: f.type, sqlType, codec, optional: f.optional, default: def, since, primaryKey: 0, doc: f.doc, source: f.source };
}

function sqlDefault(ctx: ParseContext, tag: Tag, sqlType: SqlType, codec: ColumnIR["codec"]): string | null {
  const t = tag.text;
  if (codec === "boolean" && (t === "true" || t === "false")) return t === "true" ? "1" : "0";
  if ((sqlType === "INTEGER" || sqlType === "REAL") && codec === "plain" && /^-?\d+(\.\d+)?$/.test(t)) return t;
  const str = /^'([^']*)'$/.exec(t) ?? /^"([^"']*)"$/.exec(t);
  if ((sqlType === "TEXT") && str) return `'${str[1]}'`;
  ctx.error(tag.node, `@default \`${t}\` does not fit ${codec === "boolean" ? "a boolean" : `${/^[AEIOU]/.test(sqlType) ? "an" : "a"} ${sqlType}`} column`, codec === "boolean" ? "write @default true or @default false" : sqlType === "TEXT" ? "write a quoted string: @default ''" : "write a number: @default 0");
  return null;
}

function parseIndexes(ctx: ParseContext, tags: Tag[], byField: Map<string, ColumnIR>, tableSince: number): IndexIR[] {
  const out: IndexIR[] = [];
  const nodes: JSDocTag[] = [];
  for (const tag of tags) {
    if (tag.name !== "index" && tag.name !== "unique") continue;
    const m = /^([A-Za-z_]\w*)\s*\(([^)]*)\)\s*(?:since\s+(\d+))?$/.exec(tag.text);
    if (!m) {
      ctx.error(tag.node, `cannot read @${tag.name} \`${tag.text}\``, `write @${tag.name} name(fieldA, fieldB) [since N]`);
      continue;
    }
    const cols: ColumnIR[] = [];
    for (const fieldName of m[2]!.split(",").map((s) => s.trim()).filter(Boolean)) {
      const c = byField.get(fieldName);
      if (!c) ctx.error(tag.node, `@${tag.name} ${m[1]} names unknown field \`${fieldName}\``, `index fields are the model's TS field names: ${[...byField.keys()].join(", ")}`, fieldName);
      else cols.push(c);
    }
    if (cols.length === 0) continue;
    const minSince = Math.max(tableSince, ...cols.map((c) => c.since));
    const since = m[3] ? Number(m[3]) : minSince;
    if (since < minSince) ctx.error(tag.node, `@${tag.name} ${m[1]} has since ${since} but its columns exist only from version ${minSince}`, `write since ${minSince} or later`);
    out.push({ name: m[1]!, columns: cols.map((c) => c.column), unique: tag.name === "unique", since, source: ctx.source(tag.node) });
    nodes.push(tag.node);
  }
  checkDuplicates(ctx, "index", out.map((i, k) => ({ name: i.name, node: nodes[k]! })), "give each index of a table its own name");
  return out;
}

function parseQuery(ctx: ParseContext, tag: Tag, table: { name: string; rowType: string; columns: ColumnIR[] }, types: Map<string, TypeDeclIR>): QueryIR | null {
  const m = /^([A-Za-z_]\w*)\s*\(([^)]*)\)\s*:\s*(\w+\s*\[\]|\w+\s*\|\s*undefined|\w+)\s+([\s\S]+)$/.exec(tag.text);
  if (!m) {
    ctx.error(tag.node, `cannot read @query \`${tag.text.split("\n")[0]}\``, "write @query name(param: type, …): Row[] | Row | undefined | number | string | void, then the SQL");
    return null;
  }
  const [, name, paramText, ret, rawSql] = m as unknown as [string, string, string, string, string];
  if (DAO_METHODS.includes(name)) {
    ctx.error(tag.node, `query name \`${name}\` clashes with a generated DAO method`, `pick another name; taken: ${DAO_METHODS.join(", ")}`, name);
    return null;
  }
  const params: { name: string; type: TypeRef }[] = [];
  for (const p of paramText.split(",").map((s) => s.trim()).filter(Boolean)) {
    const pm = /^([A-Za-z_]\w*)\s*:\s*(.+)$/.exec(p);
    const type = pm ? QUERY_PARAM_TYPES[pm[2]!.trim()] : undefined;
    if (!pm || !type) {
      ctx.error(tag.node, `unsupported query parameter \`${p}\` in ${name}`, "query parameters are `name: string | number | boolean | Uint8Array`", p);
      return null;
    }
    params.push({ name: pm[1]!, type });
  }
  const analysis = analyzeQuery(rawSql, { name: table.name, columns: table.columns.map((c) => c.column) }, params.map((p) => p.name));
  const sqlStart = rawSql.trim().split(/\s/)[0];
  for (const p of analysis.problems) ctx.error(tag.node, `${name}: ${p.message}`, p.hint, p.snippet, sqlStart);
  if (analysis.problems.length > 0) return null;

  const base = { name, params, sql: analysis.sql, bind: analysis.bind, doc: "", source: ctx.source(tag.node) };
  const r = ret.replace(/\s+/g, " ");
  if (r === "void") {
    if (analysis.verb === "SELECT") return fail(ctx, tag, `${name} is declared \`: void\` but is a SELECT`, "declare what it returns: Row[], Row | undefined, number or string");
    return { ...base, returns: "changes", rowType: null, scalarType: null, rowColumns: [] };
  }
  if (analysis.verb !== "SELECT") return fail(ctx, tag, `${name} is a ${analysis.verb} but declares a result \`${r}\``, "declare writes as `: void` (the DAO method returns the number of changed rows)");
  if (r === "number" || r === "string") {
    if (analysis.outputs.length !== 1) return fail(ctx, tag, `${name} returns one ${r} but selects ${analysis.outputs.length} columns`, "select exactly one (named) expression");
    return { ...base, returns: "scalar", rowType: null, scalarType: r, rowColumns: [] };
  }
  const rowType = r.replace(/\s*(\[\]|\| undefined)$/, "");
  const decl = types.get(rowType);
  if (!decl || decl.kind !== "interface") return fail(ctx, tag, `${name} returns unknown row type \`${rowType}\``, "declare the row as an interface (its fields, in snake_case, are the selected column names)", rowType);
  const rowColumns: RowColumnIR[] = [];
  const tableCols = new Map(table.columns.map((c) => [c.field, c]));
  for (const f of decl.fields) {
    const column = snakeCase(f.name);
    if (!analysis.outputs.includes(column)) return fail(ctx, tag, `${name}: row field ${rowType}.${f.name} (column \`${column}\`) is not selected`, `add \`${column}\` (or \`… AS ${column}\`) to the SELECT list`);
    const own = rowType === table.rowType ? tableCols.get(f.name) : undefined;
    const u = underlying(f.type, types);
    const codec = own?.codec ?? (u.kind === "boolean" ? "boolean" : u.kind === "array" || (u.kind === "ref" && types.get(u.name)?.kind === "interface") ? null : "plain");
    if (!codec) return fail(ctx, tag, `${name}: row field ${rowType}.${f.name} is an object, which a query row cannot hold`, "select primitive values, or return the table row type to get its JSON columns decoded");
    rowColumns.push({ field: f.name, column, codec, optional: f.optional });
  }
  const extra = analysis.outputs.filter((o) => !rowColumns.some((c) => c.column === o));
  if (extra.length > 0) return fail(ctx, tag, `${name} selects \`${extra[0]}\`, which row type ${rowType} has no field for`, `add the field to ${rowType} or drop it from the SELECT list`, extra[0], sqlStart);
  return { ...base, returns: r.endsWith("[]") ? "rows" : "row", rowType, scalarType: null, rowColumns };
}

function fail(ctx: ParseContext, tag: Tag, message: string, hint: string, snippet?: string, after?: string): null {
  ctx.error(tag.node, message, hint, snippet, after);
  return null;
}
