// API modules (`@module`: interfaces of methods) and listeners (`@listener`: interfaces of on* callbacks).
import type { InterfaceDeclaration, ParameterDeclaration } from "ts-morph";
import { Node } from "./ts-morph.js";
import type { EventIR, ListenerIR, MethodIR, ModuleIR, ParamIR, TypeRef } from "../ir/api.js";
import { eventNameOf } from "../naming.js";
import type { ParseContext } from "./context.js";
import { checkTags, findTag, readDoc } from "./jsdoc.js";
import type { TypeResolver } from "./types.js";

export type Named = { name: string; node: Node };

/** Members the generated facade class has of its own. */
const RESERVED_METHODS = ["constructor", "on", "off"];
export type ModuleDraft = ModuleIR & { node: Node; methodNodes: Named[] };
export type ListenerDraft = ListenerIR & { eventNodes: Named[]; constantNodes: Named[] };

export function parseModule(ctx: ParseContext, resolver: TypeResolver, n: InterfaceDeclaration): ModuleDraft | null {
  const info = readDoc(n);
  const tags = checkTags(ctx, info, "module", `API interface ${n.getName()}`);
  const moduleTag = findTag(tags, "module")!;
  const name = moduleTag.text;
  if (!/^[a-z][A-Za-z0-9]*$/.test(name)) {
    ctx.error(moduleTag.node, `@module needs a lowerCamelCase name, got \`${name}\``, "write e.g. `@module login`; it names generated/api/<module>.ts and the facade's module slot");
    return null;
  }
  const methods: MethodIR[] = [];
  const methodNodes: Named[] = [];
  for (const member of n.getMembers()) {
    if (!Node.isMethodSignature(member)) {
      ctx.error(member, `unsupported member in API interface ${n.getName()}: only methods are allowed`, "write `methodName(param: Type): Result;`");
      continue;
    }
    const mName = member.getName();
    if (RESERVED_METHODS.includes(mName)) {
      ctx.error(member.getNameNode(), `method name \`${mName}\` is reserved by the facade`, `rename it; the facade itself has ${RESERVED_METHODS.join(", ")}`);
      continue;
    }
    const mInfo = readDoc(member);
    const mTags = checkTags(ctx, mInfo, "method", `method ${mName}`);
    const params = parseParams(ctx, resolver, member.getParameters(), `method ${mName}`, mInfo.paramDocs);
    const resultNode = member.getReturnTypeNode();
    let result: TypeRef | null = null;
    if (!resultNode)
      ctx.error(member.getNameNode(), `method ${mName} has no result type`, "write `: void` when it returns nothing (the generated interface wraps it in a Promise)");
    else if (resultNode.getText().startsWith("Promise"))
      ctx.error(resultNode, `method ${mName} returns \`${resultNode.getText()}\`; schema results are plain types`, "drop the Promise: every generated API method is async already");
    else result = resolver.resolve(resultNode, `the result of ${mName}`);
    if (!params || !result) continue;
    const errorsTag = findTag(mTags, "errors");
    const errors = errorsTag ? errorsTag.text.split(/[\s,]+/).filter(Boolean).map(Number) : [];
    if (errorsTag && (errors.length === 0 || errors.some((e) => !Number.isInteger(e) || e <= 0))) {
      ctx.error(errorsTag.node, `@errors takes positive integer error codes, got \`${errorsTag.text}\``, "write e.g. `@errors 10002 10005`");
      continue;
    }
    const deprecated = findTag(mTags, "deprecated");
    methods.push({
      name: mName,
      module: name,
      params,
      result,
      local: !!findTag(mTags, "local"),
      deprecated: deprecated ? deprecated.text || "deprecated" : null,
      errors: [...new Set(errors)].sort((a, b) => a - b),
      doc: mInfo.doc,
      source: ctx.source(member),
    });
    methodNodes.push({ name: mName, node: member.getNameNode() });
  }
  return { name, interfaceName: n.getName(), methods, doc: info.doc, source: ctx.source(n), node: moduleTag.node, methodNodes };
}

export function parseListener(ctx: ParseContext, resolver: TypeResolver, n: InterfaceDeclaration): ListenerDraft {
  const info = readDoc(n);
  checkTags(ctx, info, "listener", `listener ${n.getName()}`);
  const events: EventIR[] = [];
  const eventNodes: Named[] = [];
  const constantNodes: Named[] = [];
  for (const member of n.getMembers()) {
    if (!Node.isMethodSignature(member)) {
      ctx.error(member, `unsupported member in listener ${n.getName()}: only on* callbacks are allowed`, "write `onSomething(payload: Type): void;`");
      continue;
    }
    const cb = member.getName();
    const cInfo = readDoc(member);
    const cTags = checkTags(ctx, cInfo, "callback", `callback ${cb}`);
    if (!/^on[A-Z]/.test(cb)) {
      ctx.error(member.getNameNode(), `listener callback \`${cb}\` must start with \`on\` and a capital letter`, `rename it to \`on${cb.charAt(0).toUpperCase()}${cb.slice(1)}\``);
      continue;
    }
    const ret = member.getReturnTypeNode();
    if (ret && ret.getText() !== "void") {
      ctx.error(ret, `listener callback ${cb} returns \`${ret.getText()}\`; callbacks return nothing`, "write `: void`");
      continue;
    }
    const params = parseParams(ctx, resolver, member.getParameters(), `callback ${cb}`, cInfo.paramDocs);
    if (!params) continue;
    if (params.length > 1) {
      ctx.error(member.getParameters()[1]!, `listener callback ${cb} has ${params.length} parameters; an event carries at most one payload`, "wrap the values in one interface, e.g. `onX(info: XInfo): void`");
      continue;
    }
    const eventTag = findTag(cTags, "event");
    const name = eventTag?.text || eventNameOf(cb);
    const deprecated = findTag(cTags, "deprecated");
    events.push({ name, callback: cb, listener: n.getName(), payload: params[0] ?? null, deprecated: deprecated ? deprecated.text || "deprecated" : null, doc: cInfo.doc, source: ctx.source(member) });
    eventNodes.push({ name, node: member.getNameNode() });
    constantNodes.push({ name: eventNameOf(cb), node: member.getNameNode() });
  }
  return { name: n.getName(), events, doc: info.doc, source: ctx.source(n), eventNodes, constantNodes };
}

function parseParams(
  ctx: ParseContext,
  resolver: TypeResolver,
  params: ParameterDeclaration[],
  where: string,
  docs: Map<string, string>,
): ParamIR[] | null {
  const out: ParamIR[] = [];
  let ok = true;
  for (const p of params) {
    const typeNode = p.getTypeNode();
    const pName = p.getName();
    if (p.isRestParameter() || !Node.isIdentifier(p.getNameNode())) {
      ctx.error(p, `unsupported parameter \`${p.getText()}\` in ${where}`, "write plain named parameters: `(name: Type, other?: Type)`");
      ok = false;
      continue;
    }
    if (!typeNode) {
      ctx.error(p, `parameter ${pName} of ${where} has no type`, `write \`${pName}: string\` (or the type it takes)`);
      ok = false;
      continue;
    }
    const type = resolver.resolve(typeNode, `parameter ${pName} of ${where}`);
    if (!type) {
      ok = false;
      continue;
    }
    if (type.kind === "void") {
      ctx.error(typeNode, `unsupported parameter type \`void\` for ${pName} in ${where}`, "remove the parameter");
      ok = false;
      continue;
    }
    const prev = out[out.length - 1];
    if (prev?.optional && !p.hasQuestionToken()) {
      ctx.error(p, `required parameter ${pName} follows an optional one in ${where}`, "move optional parameters last");
      ok = false;
      continue;
    }
    out.push({ name: pName, type, optional: p.hasQuestionToken(), doc: docs.get(pName) ?? "", source: ctx.source(p) });
  }
  return ok ? out : null;
}
