// generated/dao/: per table a DAO over the StorageDriver contract (insert, upsert, bulk upsert in one
// transaction with one reused and freed statement, get/update/delete by key, existingKeys and getMany
// for a batch of single-column keys, the named queries),
// migrations.ts with the versioned DDL, and index.ts creating every DAO for one driver.
// DAOs hold no prepared statement between calls: sql.js 1.13's export() (the persistence snapshot)
// frees every statement of the database, so a cached one would fail after the next snapshot.
import type { Emitter, GeneratedFile } from "../ir/index.js";
import type { ApiSchemaIR, ColumnIR, QueryIR, RowColumnIR, TableIR } from "../ir/api.js";
import { byCodePoint } from "../naming.js";
import { CONTRACTS, docBlock, Imports, kebab, tsFile, tsType, TYPES_MODULE } from "./ts.js";

const STORAGE = `${CONTRACTS}/storage.js`;

function columnDef(c: ColumnIR): string {
  return `${c.column} ${c.sqlType}${c.optional ? "" : " NOT NULL"}${c.default !== null ? ` DEFAULT ${c.default}` : ""}`;
}

function createTable(t: TableIR): string {
  const cols = t.columns.filter((c) => c.since === t.since).map((c) => `  ${columnDef(c)}`);
  const pk = t.columns.filter((c) => c.primaryKey > 0).sort((a, b) => a.primaryKey - b.primaryKey);
  return `CREATE TABLE ${t.name} (\n${[...cols, `  PRIMARY KEY (${pk.map((c) => c.column).join(", ")})`].join(",\n")}\n)`;
}

/** Statements of each schema version, in a fixed order: new tables, new columns, new indexes. */
export function migrationSteps(tables: TableIR[]): string[][] {
  const last = Math.max(1, ...tables.flatMap((t) => [t.since, ...t.columns.map((c) => c.since), ...t.indexes.map((i) => i.since)]));
  const steps: string[][] = [];
  const sorted = [...tables].sort((a, b) => byCodePoint(a.name, b.name));
  for (let v = 1; v <= last; v++) {
    const step: string[] = [];
    for (const t of sorted) if (t.since === v) step.push(createTable(t));
    for (const t of sorted) for (const c of t.columns) if (t.since < v && c.since === v) step.push(`ALTER TABLE ${t.name} ADD COLUMN ${columnDef(c)}`);
    for (const t of sorted)
      for (const i of t.indexes)
        if (i.since === v) step.push(`CREATE ${i.unique ? "UNIQUE " : ""}INDEX idx_${t.name}_${i.name} ON ${t.name} (${i.columns.join(", ")})`);
    steps.push(step);
  }
  return steps;
}

function renderMigrations(ir: ApiSchemaIR): GeneratedFile {
  const steps = migrationSteps(ir.tables);
  const imports = new Imports().add(STORAGE, "StorageDriver").add(`${CONTRACTS}/migrations.js`, "MigrationResult").add(`${CONTRACTS}/migrations.js`, "MigrationSteps").add(`${CONTRACTS}/migrations.js`, "runMigrations", false);
  const stepText = steps
    .map((s, i) => `  // version ${i + 1}\n  [\n${s.map((sql) => `    ${JSON.stringify(sql)},\n`).join("")}  ],\n`)
    .join("");
  const body =
    `/** The schema version this code reads and writes. */\n` +
    `export const SCHEMA_VERSION = ${steps.length};\n\n` +
    `/** DDL per version: MIGRATIONS[N-1] takes a database from version N-1 to N (version 0 = empty). */\n` +
    `export const MIGRATIONS: MigrationSteps = [\n${stepText}];\n\n` +
    `/** Creates or upgrades the local database to SCHEMA_VERSION, keeping its data. */\n` +
    `export function migrate(db: StorageDriver, target: number = SCHEMA_VERSION): MigrationResult {\n` +
    `  return runMigrations(db, MIGRATIONS, target);\n}\n`;
  return { path: "dao/migrations.ts", content: tsFile("Schema versions of the local database and the DDL between them.", imports, body) };
}

/** TS expression for binding `value` (an expression of the field's type) to SQL. */
function bindExpr(codec: ColumnIR["codec"], optional: boolean, value: string): string {
  const enc = codec === "boolean" ? `${value} ? 1 : 0` : codec === "json" ? `JSON.stringify(${value})` : value;
  if (!optional) return enc;
  return codec === "plain" ? `${value} ?? null` : `${value} === undefined ? null : ${enc}`;
}

/** TS expression reading column `col` of SqlRow `r` as a field of TS type `type`. */
function readExpr(c: RowColumnIR, type: string): string {
  const raw = `r[${JSON.stringify(c.column)}]`;
  const dec = c.codec === "boolean" ? `${raw} === 1` : c.codec === "json" ? `(JSON.parse(${raw} as string) as ${type})` : `${raw} as ${type}`;
  return c.optional ? `${raw} === null || ${raw} === undefined ? undefined : ${dec}` : dec;
}

function renderDao(t: TableIR, ir: ApiSchemaIR): GeneratedFile {
  const imports = new Imports().add(STORAGE, "SqlRow").add(STORAGE, "SqlValue").add(STORAGE, "StorageDriver").add(TYPES_MODULE, t.rowType);
  const colType = new Map(t.columns.map((c) => [c.field, tsType(c.type)]));
  for (const c of t.columns) for (const n of typeNamesOf(c)) imports.add(TYPES_MODULE, n);
  const keys = t.columns.filter((c) => c.primaryKey > 0).sort((a, b) => a.primaryKey - b.primaryKey);
  const nonKeys = t.columns.filter((c) => c.primaryKey === 0);
  const colList = t.columns.map((c) => c.column).join(", ");
  const where = keys.map((c) => `${c.column} = ?`).join(" AND ");
  const keyParams = keys.map((c) => `${c.field}: ${tsType(c.type)}`).join(", ");
  const keyArgs = keys.map((c) => bindExpr(c.codec, false, c.field)).join(", ");
  const insert = `INSERT INTO ${t.name} (${colList}) VALUES (${t.columns.map(() => "?").join(", ")})`;
  const conflict = nonKeys.length ? `DO UPDATE SET ${nonKeys.map((c) => `${c.column} = excluded.${c.column}`).join(", ")}` : "DO NOTHING";
  const upsert = `${insert} ON CONFLICT (${keys.map((c) => c.column).join(", ")}) ${conflict}`;
  // existingKeys and getMany take their keys as one JSON array (json_each): one statement whatever the count, so the
  // statement cache keeps it compiled. Plain single-column keys only (a JSON value is a string or number).
  const single = keys.length === 1 && keys[0]!.codec === "plain" ? keys[0]! : undefined;
  const rowCols: RowColumnIR[] = t.columns.map((c) => ({ field: c.field, column: c.column, codec: c.codec, optional: c.optional }));

  const sqlConsts =
    `const INSERT = ${JSON.stringify(insert)};\n` +
    `const UPSERT = ${JSON.stringify(upsert)};\n` +
    `const GET = ${JSON.stringify(`SELECT ${colList} FROM ${t.name} WHERE ${where}`)};\n` +
    (single
      ? `const EXISTING = ${JSON.stringify(`SELECT ${single.column} FROM ${t.name} WHERE ${single.column} IN (SELECT value FROM json_each(?))`)};\n` +
        `const GET_MANY = ${JSON.stringify(`SELECT ${colList} FROM ${t.name} WHERE ${single.column} IN (SELECT value FROM json_each(?))`)};\n`
      : "") +
    (nonKeys.length ? `const UPDATE = ${JSON.stringify(`UPDATE ${t.name} SET ${nonKeys.map((c) => `${c.column} = ?`).join(", ")} WHERE ${where}`)};\n` : "") +
    `const DELETE = ${JSON.stringify(`DELETE FROM ${t.name} WHERE ${where}`)};\n` +
    t.queries.map((q) => `const Q_${q.name} = ${JSON.stringify(q.sql)};\n`).join("");

  const toParams =
    `/** The row's values in column order, encoded for SQL. */\n` +
    `function toParams(row: ${t.rowType}): SqlValue[] {\n  return [\n${t.columns.map((c) => `    ${bindExpr(c.codec, c.optional, `row.${c.field}`)},\n`).join("")}  ];\n}\n`;
  const fromRow = rowReader(`fromRow`, t.rowType, rowCols, (c) => colType.get(c.field)!);
  const customRows = new Map<string, string>();
  for (const q of t.queries) {
    if ((q.returns === "rows" || q.returns === "row") && q.rowType && q.rowType !== t.rowType && !customRows.has(q.rowType)) {
      imports.add(TYPES_MODULE, q.rowType);
      const decl = ir.types.find((d) => d.name === q.rowType);
      const fieldType = new Map(decl?.kind === "interface" ? decl.fields.map((f) => [f.name, tsType(f.type)]) : []);
      customRows.set(q.rowType, rowReader(`read${q.rowType}`, q.rowType, q.rowColumns, (c) => fieldType.get(c.field)!));
    }
  }

  const daoName = `${t.rowType}Dao`;
  let methods =
    `  insert(row: ${t.rowType}): void {\n    this.db.run(INSERT, toParams(row));\n  }\n\n` +
    `  /** Inserts the row, or replaces every non-key column of the row with the same key. */\n` +
    `  upsert(row: ${t.rowType}): void {\n    this.db.run(UPSERT, toParams(row));\n  }\n\n` +
    `  /** Upserts all rows in ONE transaction with ONE prepared statement (freed even on error). */\n` +
    `  upsertMany(rows: readonly ${t.rowType}[]): void {\n` +
    `    if (rows.length === 0) return;\n` +
    `    this.db.transaction(() => {\n      const stmt = this.db.prepare(UPSERT);\n      try {\n        for (const row of rows) stmt.run(toParams(row));\n      } finally {\n        stmt.free();\n      }\n    });\n  }\n\n` +
    `  get(${keyParams}): ${t.rowType} | undefined {\n    const r = this.db.get(GET, [${keyArgs}]);\n    return r === undefined ? undefined : fromRow(r);\n  }\n\n`;
  if (single) {
    const plural = `${single.field}s`;
    const keyType = tsType(single.type);
    methods +=
      `  /** Which of these keys have a row, in one query (a batch's existence check instead of a get per key). */\n` +
      `  existingKeys(${plural}: readonly ${keyType}[]): Set<${keyType}> {\n` +
      `    if (${plural}.length === 0) return new Set();\n` +
      `    return new Set(this.db.all(EXISTING, [JSON.stringify(${plural})]).map((r) => r[${JSON.stringify(single.column)}] as ${keyType}));\n  }\n\n` +
      `  /** The rows with these keys, by key, in one query; keys without a row are absent. */\n` +
      `  getMany(${plural}: readonly ${keyType}[]): Map<${keyType}, ${t.rowType}> {\n` +
      `    const out = new Map<${keyType}, ${t.rowType}>();\n` +
      `    if (${plural}.length === 0) return out;\n` +
      `    for (const r of this.db.all(GET_MANY, [JSON.stringify(${plural})])) {\n      const row = fromRow(r);\n      out.set(row.${single.field}, row);\n    }\n    return out;\n  }\n\n`;
  }
  if (nonKeys.length)
    methods +=
      `  /** Writes every non-key column of \`row\`; false when no row has its key. */\n` +
      `  update(row: ${t.rowType}): boolean {\n    const p = toParams(row);\n    return this.db.run(UPDATE, [${nonKeys.map((c) => `p[${t.columns.indexOf(c)}]!`).join(", ")}, ${keys.map((c) => `p[${t.columns.indexOf(c)}]!`).join(", ")}]).changes > 0;\n  }\n\n`;
  methods += `  /** False when no row has the key. */\n  delete(${keyParams}): boolean {\n    return this.db.run(DELETE, [${keyArgs}]).changes > 0;\n  }\n`;
  for (const q of t.queries) methods += "\n" + renderQuery(q, t.rowType);

  const body =
    sqlConsts +
    "\n" +
    toParams +
    "\n" +
    fromRow +
    [...customRows.keys()].sort(byCodePoint).map((k) => "\n" + customRows.get(k)).join("") +
    "\n" +
    `${docBlock("", t.doc, [`Table \`${t.name}\`.`])}export class ${daoName} {\n  constructor(private readonly db: StorageDriver) {}\n\n${methods}}\n`;
  return { path: `dao/${kebab(t.name)}.ts`, content: tsFile(`DAO of table ${t.name} (row type ${t.rowType}).`, imports, body) };
}

function typeNamesOf(c: ColumnIR): string[] {
  const out: string[] = [];
  const walk = (t: ColumnIR["type"]): void => {
    if (t.kind === "ref") out.push(t.name);
    else if (t.kind === "array") walk(t.element);
  };
  walk(c.type);
  return out;
}

function rowReader(fn: string, rowType: string, cols: RowColumnIR[], typeOf: (c: RowColumnIR) => string): string {
  return `function ${fn}(r: SqlRow): ${rowType} {\n  return {\n${cols.map((c) => `    ${c.field}: ${readExpr(c, typeOf(c))},\n`).join("")}  };\n}\n`;
}

function renderQuery(q: QueryIR, tableRow: string): string {
  const params = q.params.map((p) => `${p.name}: ${tsType(p.type)}`).join(", ");
  const byName = new Map(q.params.map((p) => [p.name, p]));
  const args = `[${q.bind.map((b) => (byName.get(b)!.type.kind === "boolean" ? `${b} ? 1 : 0` : b)).join(", ")}]`;
  const reader = q.rowType === tableRow ? "fromRow" : `read${q.rowType}`;
  const sql = `Q_${q.name}`;
  switch (q.returns) {
    case "rows":
      return `  ${q.name}(${params}): ${q.rowType}[] {\n    return this.db.all(${sql}, ${args}).map(${reader});\n  }\n`;
    case "row":
      return `  ${q.name}(${params}): ${q.rowType} | undefined {\n    const r = this.db.get(${sql}, ${args});\n    return r === undefined ? undefined : ${reader}(r);\n  }\n`;
    case "scalar":
      return (
        `  /** The first column of the first row; undefined when there is no row. */\n` +
        `  ${q.name}(${params}): ${q.scalarType} | undefined {\n    const r = this.db.get(${sql}, ${args});\n    if (r === undefined) return undefined;\n    const v = Object.values(r)[0];\n    return v === null || v === undefined ? undefined : (v as ${q.scalarType});\n  }\n`
      );
    case "changes":
      return `  /** Returns the number of rows changed. */\n  ${q.name}(${params}): number {\n    return this.db.run(${sql}, ${args}).changes;\n  }\n`;
  }
}

function daoProp(t: TableIR): string {
  return t.name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function renderIndex(ir: ApiSchemaIR): GeneratedFile {
  const imports = new Imports().add(STORAGE, "StorageDriver");
  for (const t of ir.tables) imports.add(`./${kebab(t.name)}.js`, `${t.rowType}Dao`, false);
  const props = ir.tables.map((t) => `  ${daoProp(t)}: ${t.rowType}Dao;\n`).join("");
  const news = ir.tables.map((t) => `    ${daoProp(t)}: new ${t.rowType}Dao(db),\n`).join("");
  const body =
    `/** One DAO per table, keyed by the camelCase table name. */\n` +
    `export interface Daos {\n${props}}\n\n` +
    `export function createDaos(db: StorageDriver): Daos {\n  return {\n${news}  };\n}\n`;
  return { path: "dao/index.ts", content: tsFile("Every DAO over one storage driver.", imports, body) };
}

export const daoEmitter: Emitter = {
  name: "dao",
  emit(ir) {
    if (ir.tables.length === 0) return [];
    return [...ir.tables.map((t) => renderDao(t, ir)), renderMigrations(ir), renderIndex(ir)];
  },
};
