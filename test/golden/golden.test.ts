// Golden trees: test/golden/<case>/schema → test/golden/<case>/expected, compared file by file plus
// the sorted list of files (an extra or a missing file fails). `npm run golden:update` rewrites them.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { listFiles, writeOutput } from "../../codegen/output.js";
import { runCodegen } from "../../codegen/pipeline.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const update = process.env["UPDATE_GOLDEN"] === "1";
const cases = fs
  .readdirSync(here)
  .filter((d) => fs.existsSync(path.join(here, d, "schema")))
  .sort();

function generate(caseName: string) {
  const rootDir = path.join(here, caseName);
  const result = runCodegen({ rootDir, schemaDir: path.join(rootDir, "schema") });
  if (!result.ok) throw new Error(`golden case ${caseName} has schema errors:\n${result.diagnostics.map((d) => `${d.file}:${d.line}:${d.col}: ${d.message}`).join("\n")}`);
  return result.files;
}

describe("golden", () => {
  it("has the cases the suite relies on", () => {
    expect(cases).toEqual(expect.arrayContaining(["basic", "basic-plus-method"]));
  });

  for (const name of cases) {
    it(`${name}: generated tree equals expected/`, () => {
      const files = generate(name);
      const expectedDir = path.join(here, name, "expected");
      if (update) writeOutput(expectedDir, files);
      expect(files.map((f) => f.path)).toEqual(listFiles(expectedDir));
      for (const f of files) {
        const want = fs.readFileSync(path.join(expectedDir, f.path), "utf8");
        expect(f.content, `${name}/expected/${f.path} differs (run npm run golden:update if the change is intended)`).toBe(want);
      }
    });
  }

  it("adding one API method changes exactly the API interface, the facade, the rpc catalogue and the docs", () => {
    const a = path.join(here, "basic", "expected");
    const b = path.join(here, "basic-plus-method", "expected");
    expect(listFiles(b)).toEqual(listFiles(a));
    const changed = listFiles(a).filter((f) => fs.readFileSync(path.join(a, f), "utf8") !== fs.readFileSync(path.join(b, f), "utf8"));
    expect(changed).toEqual(["api/widgets.ts", "docs/api.md", "facade/sdk.ts", "rpc/catalogue.ts"]);
    // …and the change is the new method, not an incidental reshuffle.
    for (const f of changed) expect(fs.readFileSync(path.join(b, f), "utf8")).toContain("countWidgets");
  });
});
