// IR of the TypeScript half of the schema: API modules, listeners, tables, shared types.
// Owned by the schema parser (codegen/parse/schema.ts).
export interface ApiSchemaIR {
  modules: unknown[];
  listeners: unknown[];
  tables: unknown[];
  types: unknown[];
}
