// IR of the TypeScript half of the schema: API modules, listeners, tables, shared types.
// Owned by the schema parser (codegen/parse/schema.ts). Plain JSON. Named collections (modules,
// methods, listeners, events, tables, indexes, queries, types) are sorted by name in code-point order;
// ordered ones (params, fields, columns, enum members) keep declaration order, which is meaningful.
// Every declaration node says where it came from as `schema/x.ts:LINE`.

/** A type as written in the schema, resolved to names of shared types. */
export type TypeRef =
  | { kind: "string" }
  | { kind: "number" }
  | { kind: "boolean" }
  | { kind: "bytes" }
  | { kind: "void" }
  | { kind: "literal"; value: string | number }
  | { kind: "union"; members: TypeRef[] }
  | { kind: "array"; element: TypeRef }
  | { kind: "ref"; name: string };

export interface Documented {
  /** JSDoc description, trimmed; "" when absent. */
  doc: string;
  /** `schema/<file>.ts:<line>` */
  source: string;
}

export interface ParamIR extends Documented {
  name: string;
  type: TypeRef;
  optional: boolean;
}

export interface MethodIR extends Documented {
  name: string;
  module: string;
  params: ParamIR[];
  result: TypeRef;
  /** `@local`: answered from local state, never touches the network. */
  local: boolean;
  /** `@deprecated <why>`; null when not deprecated. */
  deprecated: string | null;
  /** `@errors 10002 10005`: the SDK error codes the method can reject with, ascending. */
  errors: number[];
}

export interface ModuleIR extends Documented {
  /** From `@module <name>`: the key under which the runtime module is passed to the facade. */
  name: string;
  /** The schema interface name, e.g. `LoginApi`. */
  interfaceName: string;
  methods: MethodIR[];
}

export interface EventIR extends Documented {
  /** Event name as apps see it (`OnConnectSuccess`, or the `@event` override). */
  name: string;
  /** The listener method, e.g. `onConnectSuccess`. */
  callback: string;
  listener: string;
  /** The payload parameter, null when the callback takes none. */
  payload: ParamIR | null;
  deprecated: string | null;
}

export interface ListenerIR extends Documented {
  name: string;
  events: EventIR[];
}

export type SqlType = "TEXT" | "INTEGER" | "REAL" | "BLOB";

export interface ColumnIR extends Documented {
  /** The TS field, e.g. `conversationID`. */
  field: string;
  /** The SQL column, e.g. `conversation_id`. */
  column: string;
  type: TypeRef;
  sqlType: SqlType;
  /** How a value crosses the DB boundary: as is, 0/1, or JSON text. */
  codec: "plain" | "boolean" | "json";
  optional: boolean;
  /** SQL literal from `@default`, already rendered (`0`, `'x'`), or null. */
  default: string | null;
  /** Schema version that added the column (`@since`, defaults to the table's). */
  since: number;
  /** 1-based position in the primary key, 0 when not part of it. */
  primaryKey: number;
}

export interface IndexIR {
  name: string;
  /** SQL column names, in index order. */
  columns: string[];
  unique: boolean;
  since: number;
  source: string;
}

export interface QueryParamIR {
  name: string;
  type: TypeRef;
}

export interface QueryIR extends Documented {
  name: string;
  params: QueryParamIR[];
  /**
   * rows: `T[]`; row: `T | undefined`; scalar: first column of the first row (`number`/`string`,
   * undefined when no row); changes: a write (`void` in the schema), returns rows changed.
   */
  returns: "rows" | "row" | "scalar" | "changes";
  /** Row type name for rows/row, the scalar type for scalar, null for changes. */
  rowType: string | null;
  scalarType: "number" | "string" | null;
  /** SQL with `?` placeholders. */
  sql: string;
  /** Param names in placeholder order (a param used twice appears twice). */
  bind: string[];
  /** For rows/row: how each selected column maps onto a field of the row type, in row-type order. */
  rowColumns: RowColumnIR[];
}

export interface RowColumnIR {
  field: string;
  column: string;
  codec: "plain" | "boolean" | "json";
  optional: boolean;
}

export interface TableIR extends Documented {
  /** SQL table name from `@table`. */
  name: string;
  /** The row interface, e.g. `LocalChatLog`. */
  rowType: string;
  since: number;
  /** In declaration order (it is the SQL column order), not sorted. */
  columns: ColumnIR[];
  indexes: IndexIR[];
  queries: QueryIR[];
}

export interface FieldIR extends Documented {
  name: string;
  type: TypeRef;
  optional: boolean;
}

export type TypeDeclIR =
  | ({ kind: "interface"; name: string; fields: FieldIR[] } & Documented)
  | ({ kind: "enum"; name: string; members: { name: string; value: string | number; doc: string; source: string }[] } & Documented)
  | ({ kind: "alias"; name: string; type: TypeRef } & Documented);

export interface ApiSchemaIR {
  modules: ModuleIR[];
  listeners: ListenerIR[];
  tables: TableIR[];
  types: TypeDeclIR[];
}
