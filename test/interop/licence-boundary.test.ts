// @openim/client-sdk is GPL-3.0: a devDependency for these tests only. Nothing outside
// test/interop may import it, and its version stays pinned.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const SKIP = new Set(["node_modules", ".git", ".data", "generated"]);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|mts|js|mjs|cjs|json)$/.test(e.name) ? [p] : [];
  });
}

describe("@openim/client-sdk stays a test-only devDependency", () => {
  it("is pinned to an exact version in devDependencies and absent from dependencies", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
    expect(pkg.devDependencies?.["@openim/client-sdk"]).toBe("0.0.14");
    expect(pkg.dependencies?.["@openim/client-sdk"]).toBeUndefined();
    expect(pkg.optionalDependencies?.["@openim/client-sdk"]).toBeUndefined();
  });

  it("is imported only under test/interop", () => {
    const offenders = sources(root)
      .filter((f) => !f.startsWith(path.join(root, "test", "interop") + path.sep) && !f.endsWith("package.json") && !f.endsWith("package-lock.json"))
      .filter((f) => /["']@openim\/client-sdk/.test(fs.readFileSync(f, "utf8")));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });
});
