// The CLI as CI and developers run it: exit codes, messages, nothing written on errors, --check.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
// Exactly how `npm run codegen` starts it (see package.json), from any working directory.
const tsxEsm = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm")).href;
let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "codegen-cli-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", tsxEsm, path.join(root, "codegen/cli.ts"), ...args], { cwd: tmp, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

it("exits 2 with file:line:col on a bad schema and writes nothing", () => {
  fs.mkdirSync(path.join(tmp, "schema/api"), { recursive: true });
  fs.writeFileSync(path.join(tmp, "schema/api/a.ts"), `/** @module a */\nexport interface AApi {\n  get(id: Nope): void;\n}\n`);
  const r = cli("--out", "out");
  expect(r.code).toBe(2);
  expect(r.err).toContain("schema/api/a.ts:3:11: unknown type `Nope` in parameter id of method get — declare `Nope`");
  expect(r.err).toContain("nothing was written");
  expect(fs.existsSync(path.join(tmp, "out"))).toBe(false);
});

it("keeps the previous output when a later run fails", () => {
  fs.cpSync(path.join(root, "test/golden/basic/schema"), path.join(tmp, "schema"), { recursive: true });
  expect(cli("--out", "out").code).toBe(0);
  const before = fs.readFileSync(path.join(tmp, "out/facade/sdk.ts"), "utf8");
  fs.appendFileSync(path.join(tmp, "schema/types/entities.ts"), "export interface Broken {\n  x: Missing;\n}\n");
  expect(cli("--out", "out").code).toBe(2);
  expect(fs.readFileSync(path.join(tmp, "out/facade/sdk.ts"), "utf8")).toBe(before);
});

it("--check exits 1 listing changed, missing and extra files, and 0 when up to date", () => {
  fs.cpSync(path.join(root, "test/golden/basic/schema"), path.join(tmp, "schema"), { recursive: true });
  expect(cli("--out", "out").code).toBe(0);
  expect(cli("--check", "--out", "out").code).toBe(0);
  fs.appendFileSync(path.join(tmp, "out/api/widgets.ts"), "// edited by hand\n");
  fs.rmSync(path.join(tmp, "out/docs/api.md"));
  fs.writeFileSync(path.join(tmp, "out/stray.ts"), "");
  const r = cli("--check", "--out", "out");
  expect(r.code).toBe(1);
  expect(r.err).toContain("changed  out/api/widgets.ts");
  expect(r.err).toContain("missing  out/docs/api.md");
  expect(r.err).toContain("extra    out/stray.ts");
});

it("--ir prints the IR as JSON with sources", () => {
  fs.cpSync(path.join(root, "test/golden/basic/schema"), path.join(tmp, "schema"), { recursive: true });
  const r = cli("--ir");
  expect(r.code).toBe(0);
  const ir = JSON.parse(r.out);
  expect(Object.keys(ir)).toEqual(["modules", "listeners", "tables", "types", "protocol"]);
  expect(ir.modules.map((m: { name: string }) => m.name)).toEqual(["session", "widgets"]);
  expect(ir.tables[0].source).toMatch(/^schema\/models\/gadgets\.ts:\d+$/);
});
