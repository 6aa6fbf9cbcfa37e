// Bad schemas give precise diagnostics (file:line:col: what is wrong — what to write instead),
// every problem in one run, and no output.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../codegen/ir/index.js";
import { runCodegen } from "../../codegen/pipeline.js";
import { cases } from "./cases.js";

function writeCase(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "codegen-err-"));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

describe("bad schemas", () => {
  it("has at least 12 cases", () => expect(cases.length).toBeGreaterThanOrEqual(12));

  for (const c of cases) {
    it(c.name, () => {
      const root = writeCase(c.files);
      try {
        const result = runCodegen({ rootDir: root, schemaDir: path.join(root, "schema") });
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.diagnostics.map(formatDiagnostic)).toEqual(c.expected);
        for (const d of result.diagnostics) expect(d.hint.length).toBeGreaterThan(10);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }

  it("reports the problems of several files in one run, in file order", () => {
    const files = Object.assign({}, ...cases.slice(0, 4).map((c, i) => Object.fromEntries(Object.entries(c.files).map(([p, t]) => [p.replace(/\.ts$/, `${i}.ts`), t]))));
    const root = writeCase(files);
    try {
      const result = runCodegen({ rootDir: root, schemaDir: path.join(root, "schema") });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const locs = result.diagnostics.map((d) => `${d.file}:${String(d.line).padStart(4, "0")}`);
      expect(locs).toEqual([...locs].sort());
      expect(result.diagnostics.length).toBeGreaterThanOrEqual(3);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
