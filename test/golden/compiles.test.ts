// The golden trees are excluded from the project's tsconfig (their imports point at a generated/
// that is not there), so this test type-checks each one where it would live: a generated/ folder next
// to runtime/. Every construct of the schema language must produce code strict tsc accepts.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { afterAll, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const cases = fs.readdirSync(import.meta.dirname).filter((d) => fs.existsSync(path.join(import.meta.dirname, d, "expected")));
// .data is git-ignored: a fresh clone has it only if another test happened to run first.
fs.mkdirSync(path.join(root, ".data"), { recursive: true });
const tmp = fs.mkdtempSync(path.join(root, ".data", "golden-tsc-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

it.each(cases)("%s/expected type-checks under the project's strict options", (name) => {
  const dir = path.join(tmp, name);
  fs.cpSync(path.join(import.meta.dirname, name, "expected"), path.join(dir, "generated"), { recursive: true });
  fs.symlinkSync(path.join(root, "runtime"), path.join(dir, "runtime"), "dir");
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error("cannot read tsconfig.json");
  const files: string[] = [];
  const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith(".ts") && files.push(path.join(d, e.name))));
  walk(path.join(dir, "generated"));
  const program = ts.createProgram(files, { ...config.options, noEmit: true });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n") + (d.file ? ` (${path.relative(dir, d.file.fileName)})` : ""));
  expect(diagnostics).toEqual([]);
});
