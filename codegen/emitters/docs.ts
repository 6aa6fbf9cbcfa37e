// generated/docs/api.md: the Markdown API reference, rendered with handlebars from the IR.
import Handlebars from "handlebars";
import type { Emitter } from "../ir/index.js";
import type { ApiSchemaIR, TypeRef } from "../ir/api.js";
import { byCodePoint } from "../naming.js";
import { migrationSteps } from "./dao.js";
import { mdHeader } from "./header.js";
import { tsType } from "./ts.js";

const TEMPLATE = `# API reference

Generated from \`schema/\`. Every method returns a Promise and rejects with \`SdkError {errCode, errMsg}\`
(10002 when an argument is wrong).

## Methods
{{#each modules}}

### Module \`{{name}}\`

{{#if doc}}{{{doc}}}

{{/if}}
{{#each methods}}
#### \`{{name}}({{{signature}}}): Promise<{{{result}}}>\`

{{#if deprecated}}> **Deprecated:** {{{deprecated}}}

{{/if}}
{{#if doc}}{{{doc}}}

{{/if}}
{{#if params.length}}
| parameter | type | required | description |
|---|---|---|---|
{{#each params}}
| \`{{name}}\` | \`{{{type}}}\` | {{#if optional}}no{{else}}yes{{/if}} | {{{doc}}} |
{{/each}}

{{/if}}
{{#if local}}- Local only (no network).
{{/if}}
{{#if errors.length}}- Errors: {{#each errors}}{{#unless @first}}, {{/unless}}{{this}}{{/each}}.
{{/if}}
- Source: \`{{source}}\`

{{/each}}
{{/each}}
## Events

| event | payload | listener callback | description |
|---|---|---|---|
{{#each events}}
| \`{{name}}\` | \`{{{payload}}}\` | \`{{listener}}.{{callback}}\` | {{{doc}}} |
{{/each}}

## Local tables

Schema version {{schemaVersion}}. Columns are snake_case; \`key\` gives the position in the primary key.
{{#each tables}}

### \`{{name}}\` (row type \`{{rowType}}\`, since version {{since}})

{{#if doc}}{{{doc}}}

{{/if}}
| column | SQL | null | default | key | since | field type |
|---|---|---|---|---|---|---|
{{#each columns}}
| \`{{column}}\` | {{sqlType}}{{#if json}} (JSON){{/if}} | {{#if optional}}yes{{else}}no{{/if}} | {{{default}}} | {{key}} | {{since}} | \`{{{type}}}\` |
{{/each}}
{{#if indexes.length}}

Indexes: {{#each indexes}}{{#unless @first}}; {{/unless}}\`{{name}}\`{{#if unique}} (unique){{/if}} on ({{columns}}){{/each}}.
{{/if}}
{{#if queries.length}}

| query | returns | SQL |
|---|---|---|
{{#each queries}}
| \`{{name}}({{{params}}})\` | \`{{{returns}}}\` | \`{{{sql}}}\` |
{{/each}}
{{/if}}
{{/each}}

## Types
{{#each types}}

### \`{{name}}\`

{{#if doc}}{{{doc}}}

{{/if}}
{{#if fields}}
| field | type | required | description |
|---|---|---|---|
{{#each fields}}
| \`{{name}}\` | \`{{{type}}}\` | {{#if optional}}no{{else}}yes{{/if}} | {{{doc}}} |
{{/each}}
{{/if}}
{{#if members}}
| member | value | description |
|---|---|---|
{{#each members}}
| \`{{name}}\` | \`{{{value}}}\` | {{{doc}}} |
{{/each}}
{{/if}}
{{#if alias}}
\`type {{name}} = {{{alias}}}\`
{{/if}}
{{/each}}
`;

const render = Handlebars.compile(TEMPLATE, { noEscape: false, strict: true });

/** Markdown table cells are one line; `|` would end the cell. */
const cell = (s: string) => s.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
const typeCell = (t: TypeRef) => cell(tsType(t));

function view(ir: ApiSchemaIR) {
  return {
    modules: ir.modules.map((m) => ({
      name: m.name,
      doc: m.doc,
      methods: m.methods.map((x) => ({
        name: x.name,
        signature: x.params.map((p) => `${p.name}${p.optional ? "?" : ""}: ${tsType(p.type)}`).join(", "),
        result: tsType(x.result),
        deprecated: x.deprecated ?? "",
        doc: x.doc,
        params: x.params.map((p) => ({ name: p.name, type: typeCell(p.type), optional: p.optional, doc: cell(p.doc) })),
        local: x.local,
        errors: x.errors,
        source: x.source,
      })),
    })),
    events: ir.listeners
      .flatMap((l) => l.events)
      .sort((a, b) => byCodePoint(a.name, b.name))
      .map((e) => ({
        name: e.name,
        payload: e.payload ? typeCell(e.payload.type) : "void",
        listener: e.listener,
        callback: e.callback,
        doc: cell([e.deprecated ? `**Deprecated:** ${e.deprecated}.` : "", e.doc].filter(Boolean).join(" ")),
      })),
    schemaVersion: ir.tables.length ? migrationSteps(ir.tables).length : 0,
    tables: ir.tables.map((t) => ({
      name: t.name,
      rowType: t.rowType,
      since: t.since,
      doc: t.doc,
      columns: t.columns.map((c) => ({
        column: c.column,
        sqlType: c.sqlType,
        json: c.codec === "json",
        optional: c.optional,
        default: c.default === null ? "" : cell("`" + c.default + "`"),
        key: c.primaryKey || "",
        since: c.since,
        type: typeCell(c.type),
      })),
      indexes: t.indexes.map((i) => ({ name: i.name, unique: i.unique, columns: i.columns.join(", ") })),
      queries: t.queries.map((q) => ({
        name: q.name,
        params: cell(q.params.map((p) => `${p.name}: ${tsType(p.type)}`).join(", ")),
        returns: cell(q.returns === "rows" ? `${q.rowType}[]` : q.returns === "row" ? `${q.rowType} | undefined` : q.returns === "scalar" ? `${q.scalarType} | undefined` : "number (rows changed)"),
        sql: cell(q.sql),
      })),
    })),
    types: ir.types.map((t) => ({
      name: t.name,
      doc: t.doc,
      fields: t.kind === "interface" ? t.fields.map((f) => ({ name: f.name, type: typeCell(f.type), optional: f.optional, doc: cell(f.doc) })) : null,
      members: t.kind === "enum" ? t.members.map((m) => ({ name: m.name, value: JSON.stringify(m.value), doc: cell(m.doc) })) : null,
      alias: t.kind === "alias" ? tsType(t.type) : "",
    })),
  };
}

export const docsEmitter: Emitter = {
  name: "docs",
  emit(ir) {
    return [{ path: "docs/api.md", content: mdHeader + "\n" + render(view(ir)).replace(/\n{3,}/g, "\n\n") }];
  },
};
