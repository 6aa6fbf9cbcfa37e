// npm run codegen [-- --check | --ir] [--schema DIR] [--out DIR]
// Exit codes: 0 ok; 1 --check found stale files; 2 schema errors (nothing written).
import path from "node:path";
import { parseArgs } from "node:util";
import { formatDiagnostic, type GeneratedFile } from "./ir/index.js";
import { checkOutput, writeOutput } from "./output.js";
import { runCodegen } from "./pipeline.js";

const USAGE = `usage: npm run codegen [-- --check | --ir] [--schema DIR] [--out DIR] [--quiet]
  (no flag)     write generated/ from schema/ (nothing is written when the schema has errors; exit 2)
  --check       exit 1 and list the files of generated/ that are stale
  --ir          print the IR as JSON (use \`npm run -s codegen -- --ir\` for clean output)
  --schema DIR  schema folder (default schema)
  --out DIR     output folder (default generated)
  -q, --quiet   no summary line`;

function readArgs() {
  try {
    return parseArgs({
      options: {
        check: { type: "boolean", default: false },
        ir: { type: "boolean", default: false },
        schema: { type: "string", default: "schema" },
        out: { type: "string", default: "generated" },
        quiet: { type: "boolean", short: "q", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    console.error(`codegen: ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

const values = readArgs();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const rootDir = process.cwd();
const schemaDir = path.resolve(rootDir, values.schema!);
const outDir = path.resolve(rootDir, values.out!);
const started = performance.now();
const result = runCodegen({ rootDir, schemaDir });

// process.exitCode, never process.exit(): exiting at once would cut off stdout piped to another program.
if (!result.ok) {
  for (const d of result.diagnostics) console.error(formatDiagnostic(d));
  console.error(`codegen: ${result.diagnostics.length} schema error(s); nothing was written.`);
  process.exitCode = 2;
} else if (values.ir) {
  process.stdout.write(JSON.stringify(result.ir, null, 2) + "\n");
} else if (values.check) {
  check(result.files);
} else {
  writeOutput(outDir, result.files);
  if (!values.quiet) console.log(`codegen: wrote ${result.files.length} files to ${rel(outDir)}/ (${elapsed()} ms)`);
}

function check(files: GeneratedFile[]): void {
  const report = checkOutput(outDir, files);
  const stale = [
    ...report.changed.map((f) => `changed  ${rel(outDir)}/${f}`),
    ...report.missing.map((f) => `missing  ${rel(outDir)}/${f}`),
    ...report.extra.map((f) => `extra    ${rel(outDir)}/${f}`),
  ];
  if (stale.length > 0) {
    console.error(`codegen --check: ${rel(outDir)}/ is stale; run \`npm run codegen\`:`);
    for (const s of stale) console.error(`  ${s}`);
    process.exitCode = 1;
    return;
  }
  if (!values.quiet) console.log(`codegen --check: ${files.length} files up to date (${elapsed()} ms)`);
}

function rel(p: string): string {
  return path.relative(rootDir, p) || ".";
}

function elapsed(): string {
  return (performance.now() - started).toFixed(0);
}
