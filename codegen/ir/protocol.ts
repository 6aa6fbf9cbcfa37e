// IR of the wire protocol: proto packages/messages/enums and the HTTP route table.
// Owned by the protocol parser (codegen/parse/protocol.ts).
export interface ProtocolIR {
  messages: unknown[];
  enums: unknown[];
  routes: unknown[];
}
