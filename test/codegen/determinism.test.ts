// Same schema → same bytes: across runs and whatever order the schema files are read in.
import path from "node:path";
import { expect, it } from "vitest";
import { runCodegen } from "../../codegen/pipeline.js";
import type { ParseOptions } from "../../codegen/parse/index.js";

const root = path.resolve(import.meta.dirname, "../..");
const schemas = {
  real: { rootDir: root, schemaDir: path.join(root, "schema") },
  golden: { rootDir: path.join(root, "test/golden/basic"), schemaDir: path.join(root, "test/golden/basic/schema") },
};

function run(opts: ParseOptions) {
  const r = runCodegen(opts);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return { files: r.files, ir: JSON.stringify(r.ir) };
}

for (const [name, opts] of Object.entries(schemas)) {
  it(`${name} schema: two runs and a reversed file order give identical IR and bytes`, () => {
    const a = run(opts);
    const b = run(opts);
    const c = run({ ...opts, fileOrder: "reversed" });
    expect(a.files.length).toBeGreaterThan(5);
    expect(b.files).toEqual(a.files);
    expect(c.files).toEqual(a.files);
    expect(c.ir).toBe(a.ir);
  });
}

it("every generated file starts with the DO NOT EDIT header and has no timestamp", () => {
  for (const f of run(schemas.golden).files) {
    expect(f.content.split("\n")[0]).toMatch(/DO NOT EDIT/);
    expect(f.content).not.toMatch(/20\d\d-\d\d-\d\dT/);
  }
});
