// Bad schemas, each with the exact diagnostics codegen must print (file:line:col: message — hint).
export interface BadSchemaCase {
  name: string;
  files: Record<string, string>;
  expected: string[];
}

const table = (body: string, tags = "") => `/**\n * @table things${tags}\n */\nexport interface Thing {\n${body}\n}\n`;

export const cases: BadSchemaCase[] = [
  {
    name: "unknown type",
    files: { "schema/api/a.ts": `/** @module a */\nexport interface AApi {\n  get(id: Strin): void;\n}\n` },
    expected: [
      "schema/api/a.ts:3:11: unknown type `Strin` in parameter id of method get — declare `Strin` in schema/types/ (or fix the spelling); use string, number, boolean, Uint8Array, a literal union (\"a\" | \"b\"), an array (T[]) or a named schema type",
    ],
  },
  {
    name: "duplicate method across modules",
    files: {
      "schema/api/a.ts": `/** @module a */\nexport interface AApi {\n  ping(): void;\n}\n`,
      "schema/api/b.ts": `/** @module b */\nexport interface BApi {\n  pong(): void;\n  ping(): number;\n}\n`,
    },
    expected: [
      "schema/api/b.ts:4:3: duplicate method `ping` (first declared at schema/api/a.ts:3:3) — method names are global (the facade is flat); rename one",
    ],
  },
  {
    name: "duplicate event",
    files: {
      "schema/callbacks/a.ts": `/** @listener */\nexport interface AListener {\n  onChanged(): void;\n}\n/** @listener */\nexport interface BListener {\n  onChanged(): void;\n}\n`,
    },
    expected: [
      "schema/callbacks/a.ts:7:3: duplicate event `OnChanged` (first declared at schema/callbacks/a.ts:3:3) — rename the callback or give it an @event name of its own",
    ],
  },
  {
    name: "duplicate table",
    files: {
      "schema/models/a.ts": `/** @table things */\nexport interface A {\n  /** @primaryKey */ id: string;\n}\n`,
      "schema/models/b.ts": `/** @table things */\nexport interface B {\n  /** @primaryKey */ id: string;\n}\n`,
    },
    expected: [
      "schema/models/b.ts:1:5: duplicate table `things` (first declared at schema/models/a.ts:1:5) — give each model its own @table name",
    ],
  },
  {
    name: "missing primary key",
    files: { "schema/models/a.ts": table("  id: string;\n  name: string;") },
    expected: [
      "schema/models/a.ts:4:18: table things (Thing) has no primary key — mark the key field(s) with /** @primaryKey */ (several fields make a composite key, in field order)",
    ],
  },
  {
    name: "unsupported param type",
    files: { "schema/api/a.ts": `/** @module a */\nexport interface AApi {\n  run(cb: () => void, opts: any): void;\n}\n` },
    expected: [
      "schema/api/a.ts:3:11: unsupported type `() => void` in parameter cb of method run — use string, number, boolean, Uint8Array, a literal union (\"a\" | \"b\"), an array (T[]) or a named schema type",
      "schema/api/a.ts:3:29: unsupported type `any` in parameter opts of method run — use string, number, boolean, Uint8Array, a literal union (\"a\" | \"b\"), an array (T[]) or a named schema type",
    ],
  },
  {
    name: "literal union mixing strings and numbers",
    files: { "schema/api/a.ts": `/** @module a */\nexport interface AApi {\n  mix(m: 1 | "a"): void;\n}\n` },
    expected: [
      'schema/api/a.ts:3:10: unsupported type `1 | "a"` in parameter m of method mix: a literal union mixes strings and numbers — use only string literals ("a" | "b") or only number literals (1 | 2)',
    ],
  },
  {
    name: "unknown tag",
    files: { "schema/models/a.ts": table("  /** @primarykey */\n  id: string;") },
    expected: [
      "schema/models/a.ts:4:18: table things (Thing) has no primary key — mark the key field(s) with /** @primaryKey */ (several fields make a composite key, in field order)",
      "schema/models/a.ts:5:7: unknown tag @primarykey on column Thing.id — tags allowed here: @primaryKey, @json, @default, @since, @real (see schema/README.md)",
    ],
  },
  {
    name: "fields that clash after snake_case conversion",
    files: { "schema/models/a.ts": table("  /** @primaryKey */\n  userID: string;\n  userId: string;") },
    expected: [
      "schema/models/a.ts:7:3: duplicate column `user_id` (first declared at schema/models/a.ts:6:3) — two fields map to the same snake_case column; rename one",
    ],
  },
  {
    name: "query naming an unknown column",
    files: {
      "schema/models/a.ts": table(
        "  /** @primaryKey */\n  thingID: string;\n  ownerID: string;",
        "\n * @query byOwner(ownerID: string): Thing[]\n *   SELECT * FROM things WHERE owner = :ownerID",
      ),
    },
    expected: [
      "schema/models/a.ts:4:33: byOwner: query names unknown column `owner` of table `things` — columns are snake_case: thing_id, owner_id",
    ],
  },
  {
    name: "query SQL that SQLite cannot compile (checked against the generated DDL)",
    files: {
      "schema/models/a.ts": table(
        "  /** @primaryKey */\n  thingID: string;\n  ownerID: string;",
        "\n * @query byOwner(ownerID: string): Thing[]\n *   SELECT * FROM things WHERE owner_id = :ownerID ORDER owner_id BY",
      ),
    },
    expected: [
      'schema/models/a.ts:3:1: @query byOwner: SQLite rejects the SQL: near "owner_id": syntax error — fix the statement (as sent to SQLite: SELECT * FROM things WHERE owner_id = ? ORDER owner_id BY)',
    ],
  },
  {
    name: "query using an undeclared param",
    files: {
      "schema/models/a.ts": table(
        "  /** @primaryKey */\n  thingID: string;\n  ownerID: string;",
        "\n * @query byOwner(): Thing[]\n *   SELECT * FROM things WHERE owner_id = :ownerID",
      ),
    },
    expected: [
      "schema/models/a.ts:4:44: byOwner: query uses unknown parameter :ownerID — declare it in the signature, e.g. (ownerID: string)",
    ],
  },
  {
    name: "cyclic type through required fields",
    files: {
      "schema/types/a.ts": `export interface Node {\n  next: Edge;\n}\nexport interface Edge {\n  to: Node;\n}\n`,
    },
    expected: [
      "schema/types/a.ts:4:18: cyclic type: Edge → Node → Edge (through required fields or aliases) — make the back-reference optional (`field?: T`) or an array, or refer by ID (`parentID: string`)",
    ],
  },
  {
    name: "duplicate type across files",
    files: {
      "schema/types/a.ts": `export interface User {\n  id: string;\n}\n`,
      "schema/types/b.ts": `export type User = string;\n`,
    },
    expected: [
      "schema/types/b.ts:1:13: duplicate type `User` (first declared at schema/types/a.ts:1:18) — rename one of them; all schema files share one namespace",
    ],
  },
  {
    name: "listener callback without on prefix",
    files: { "schema/callbacks/a.ts": `/** @listener */\nexport interface AListener {\n  changed(): void;\n}\n` },
    expected: [
      "schema/callbacks/a.ts:3:3: listener callback `changed` must start with `on` and a capital letter — rename it to `onChanged`",
    ],
  },
  {
    name: "column added later as NOT NULL without default",
    files: { "schema/models/a.ts": table("  /** @primaryKey */\n  id: string;\n  /** @since 2 */\n  nickname: string;") },
    expected: [
      "schema/models/a.ts:8:3: column nickname is added in version 2 as NOT NULL without a default, so existing rows could not be migrated — add @default <value> or make the field optional (`?`)",
    ],
  },
  {
    name: "index on an unknown field",
    files: { "schema/models/a.ts": table("  /** @primaryKey */\n  id: string;", "\n * @index by_name(name)") },
    expected: [
      "schema/models/a.ts:3:19: @index by_name names unknown field `name` — index fields are the model's TS field names: id",
    ],
  },
  {
    name: "object column without @json",
    files: {
      "schema/models/a.ts": table("  /** @primaryKey */\n  id: string;\n  tag: Tag;") + `export interface Tag {\n  label: string;\n}\n`,
    },
    expected: [
      "schema/models/a.ts:7:3: column tag has a type SQL cannot store as is — add /** @json */ to store it as JSON text, or use a primitive type",
    ],
  },
  {
    name: "query row type missing a selected column",
    files: {
      "schema/models/a.ts":
        table("  /** @primaryKey */\n  id: string;\n  score: number;", "\n * @query top(): Top[]\n *   SELECT id, score, score * 2 AS double_score FROM things") +
        `export interface Top {\n  id: string;\n  score: number;\n}\n`,
    },
    expected: [
      "schema/models/a.ts:4:37: top selects `double_score`, which row type Top has no field for — add the field to Top or drop it from the SELECT list",
    ],
  },
  {
    name: "code in a schema file",
    files: { "schema/types/a.ts": `export interface A {\n  id: string;\n}\nexport function helper(): number {\n  return 1;\n}\n` },
    expected: [
      "schema/types/a.ts:4:1: unsupported statement in a schema file: FunctionDeclaration — schema files hold only interfaces, enums and type aliases (declarations, no code)",
    ],
  },
  {
    name: "method name reserved by the facade",
    files: { "schema/api/a.ts": `/** @module a */\nexport interface AApi {\n  on(name: string): void;\n}\n` },
    expected: [
      "schema/api/a.ts:3:3: method name `on` is reserved by the facade — rename it; the facade itself has constructor, on, off",
    ],
  },
  {
    name: "same callback in two listeners with different @event names",
    files: {
      "schema/callbacks/a.ts": `/** @listener */\nexport interface AListener {\n  /** @event a_changed */\n  onChanged(): void;\n}\n/** @listener */\nexport interface BListener {\n  /** @event b_changed */\n  onChanged(): void;\n}\n`,
    },
    expected: [
      "schema/callbacks/a.ts:9:3: duplicate CbEvents member `OnChanged` (first declared at schema/callbacks/a.ts:4:3) — two callbacks with the same name would share one CbEvents member; rename one",
    ],
  },
  {
    name: "reserved table name",
    files: { "schema/models/a.ts": `/** @table schema_version */\nexport interface V {\n  /** @primaryKey */ id: number;\n}\n` },
    expected: [
      "schema/models/a.ts:1:5: table name `schema_version` is reserved (migrations use schema_version; SQLite owns sqlite_*) — pick another @table name",
    ],
  },
  {
    name: "syntax error",
    files: { "schema/types/a.ts": `export interface A {\n  x: string\n  y: ;\n}\n` },
    expected: [
      "schema/types/a.ts:3:6: syntax error: Type expected. — fix the TypeScript syntax (the file must compile on its own)",
    ],
  },
];
