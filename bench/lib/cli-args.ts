// A tiny flag parser for the bench CLIs: `--name value`, `--flag`, `--no-flag`; unknown flags
// and malformed numbers are refused with a message naming the flag and what it accepts.

export type FlagSpec = Record<string, { kind: "int" | "number" | "string" | "bool"; help: string; min?: number }>;

export type FlagValues<S extends FlagSpec> = {
  [K in keyof S]?: S[K]["kind"] extends "bool" ? boolean : S[K]["kind"] extends "string" ? string : number;
};

export class UsageError extends Error {}

export function usage(command: string, spec: FlagSpec): string {
  const lines = Object.entries(spec).map(([k, v]) => `  --${k}${v.kind === "bool" ? "" : ` <${v.kind}>`}`.padEnd(26) + v.help);
  return `usage: ${command} [flags]\n${lines.join("\n")}`;
}

export function parseFlags<S extends FlagSpec>(argv: readonly string[], spec: S): FlagValues<S> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument ${JSON.stringify(arg)}; flags start with --`);
    let name = arg.slice(2);
    let inline: string | undefined;
    const eq = name.indexOf("=");
    if (eq >= 0) {
      inline = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const negated = name.startsWith("no-") && spec[name.slice(3)]?.kind === "bool";
    const key = negated ? name.slice(3) : name;
    const def = spec[key];
    if (!def) throw new UsageError(`unknown flag --${name}; known: ${Object.keys(spec).map((k) => `--${k}`).join(", ")}`);
    if (def.kind === "bool") {
      out[key] = !negated;
      continue;
    }
    const raw = inline ?? argv[++i];
    if (raw === undefined) throw new UsageError(`--${key} needs a value (${def.help})`);
    if (def.kind === "string") {
      out[key] = raw;
      continue;
    }
    const n = Number(raw);
    if (!Number.isFinite(n) || (def.kind === "int" && !Number.isInteger(n))) {
      throw new UsageError(`--${key} must be ${def.kind === "int" ? "an integer" : "a number"}, got ${JSON.stringify(raw)}`);
    }
    if (def.min !== undefined && n < def.min) throw new UsageError(`--${key} must be at least ${def.min}, got ${n}`);
    out[key] = n;
  }
  return out as FlagValues<S>;
}
