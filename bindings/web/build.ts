// Builds the browser bundle: one minified ESM file (dist/web/openim-sdk.js) plus sql.js's wasm
// beside it. Run with `npm run build:web`; tests and the bundle benchmark call buildWebBundle().
//
// The runtime reaches Node-only code through lazy imports (node-file persistence, better-sqlite3)
// and sql.js requires fs/path/crypto behind its own "am I in Node" check. Neither can run in a
// page, so the build swaps them for modules that throw a clear error, then proves from esbuild's
// metafile that no node:* import, no better-sqlite3 and no Node-only runtime file got in.
// protobufjs also requires long.js, which it only uses for 64-bit values given as strings or Long
// objects and for reading 64-bit fields itself; the protocol contract writes 64-bit fields from
// numbers and reads them with its own varint code, so the build leaves long.js out (11 KB minified).
import { copyFile, mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ENTRY = path.join(ROOT, "bindings/web/index.ts");

/** Runtime files that only work in Node; the web binding never selects them. */
const NODE_ONLY_RUNTIME = /[\\/]runtime[\\/]storage[\\/].*(better-sqlite3-driver|node-file-store|node-file-journal-store)\.(js|ts)$/;
/** Node built-ins sql.js requires only when it detects Node. */
const SQLJS_NODE_BUILTINS = /^(fs|path|crypto)$/;

export interface WebBundle {
  jsPath: string;
  wasmPath: string;
  /** Minified JS size in bytes. */
  jsBytes: number;
  /** Every source file that went into the bundle, relative to the repository root. */
  inputs: string[];
  /** esbuild's metafile (per-input byte counts for size breakdowns). */
  metafile: esbuild.Metafile;
}

export interface BuildWebOptions {
  /** Default: <repo>/dist/web. */
  outDir?: string;
}

export async function buildWebBundle(options: BuildWebOptions = {}): Promise<WebBundle> {
  const outDir = options.outDir ?? path.join(ROOT, "dist/web");
  await mkdir(outDir, { recursive: true });
  const jsPath = path.join(outDir, "openim-sdk.js");
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    outfile: jsPath,
    absWorkingDir: ROOT,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["es2022"],
    minify: true,
    sourcemap: "linked",
    metafile: true,
    logLevel: "silent",
    plugins: [browserOnly()],
  });
  for (const w of result.warnings) console.warn(`build:web warning: ${w.text}`);
  checkNoNodeCode(result.metafile);

  const wasmPath = path.join(outDir, "sql-wasm.wasm");
  await copyFile(sqlJsWasmPath(), wasmPath);
  const output = result.metafile.outputs[path.relative(ROOT, jsPath).split(path.sep).join("/")];
  return {
    jsPath,
    wasmPath,
    jsBytes: output?.bytes ?? (await readFile(jsPath)).byteLength,
    inputs: Object.keys(result.metafile.inputs).sort(),
    metafile: result.metafile,
  };
}

export function sqlJsWasmPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("sql.js")), "sql-wasm.wasm");
}

function browserOnly(): esbuild.Plugin {
  return {
    name: "browser-only",
    setup(build) {
      build.onResolve({ filter: SQLJS_NODE_BUILTINS }, (args) => {
        if (!/[\\/]node_modules[\\/]sql\.js[\\/]/.test(args.importer)) return undefined;
        return { path: args.path, namespace: "sqljs-node-builtin" };
      });
      build.onLoad({ filter: /.*/, namespace: "sqljs-node-builtin" }, () => ({ contents: "module.exports = {};", loader: "js" }));

      build.onResolve({ filter: /^long$/ }, (args) => {
        if (!/[\\/]node_modules[\\/]protobufjs[\\/]/.test(args.importer)) return undefined;
        return { path: "long", namespace: "protobufjs-without-long" };
      });
      // protobufjs takes a module without isLong as "long.js absent" and works with plain numbers.
      build.onLoad({ filter: /.*/, namespace: "protobufjs-without-long" }, () => ({ contents: "module.exports = null;", loader: "js" }));

      build.onResolve({ filter: /(better-sqlite3-driver|node-file-store|node-file-journal-store)\.js$/ }, (args) => {
        const real = path.resolve(args.resolveDir, args.path.replace(/\.js$/, ".ts"));
        if (!NODE_ONLY_RUNTIME.test(real)) return undefined;
        return { path: real, namespace: "node-only-runtime" };
      });
      build.onLoad({ filter: /.*/, namespace: "node-only-runtime" }, async (args) => ({
        contents: await unavailableModule(args.path),
        loader: "js",
      }));
    },
  };
}

/** A module with the same export names as the Node-only file, each throwing a clear error. */
async function unavailableModule(realPath: string): Promise<string> {
  const source = await readFile(realPath, "utf8");
  const names = [...source.matchAll(/^export\s+(?:async\s+)?(?:function|class|const|let)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]!);
  const file = path.basename(realPath, ".ts");
  const message = `${file} is Node-only and not in the web bundle; in browsers the SDK stores data with sql.js + IndexedDB (the web binding's default)`;
  return names.map((name) => `export function ${name}() { throw new Error(${JSON.stringify(message)}); }`).join("\n");
}

function checkNoNodeCode(metafile: esbuild.Metafile): void {
  const problems: string[] = [];
  for (const [file, input] of Object.entries(metafile.inputs)) {
    if (/(^|[\\/])node_modules[\\/]better-sqlite3[\\/]/.test(file)) problems.push(`${file} is bundled`);
    if (!file.startsWith("node-only-runtime:") && NODE_ONLY_RUNTIME.test(path.join(ROOT, file))) problems.push(`${file} is bundled`);
    for (const imp of input.imports) {
      if (imp.path.startsWith("node:") || imp.path === "better-sqlite3" || imp.external) {
        problems.push(`${file} imports ${imp.path}${imp.external ? " (left external)" : ""}`);
      }
    }
  }
  if (problems.length > 0) {
    throw new Error(`build:web: Node-only code is reachable from bindings/web/index.ts:\n  ${problems.join("\n  ")}\nmake it a lazy import the web build replaces, or keep it out of the web binding's import graph`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const bundle = await buildWebBundle();
  console.log(`build:web: ${path.relative(ROOT, bundle.jsPath)} (${bundle.jsBytes} bytes minified, ${bundle.inputs.length} inputs) + ${path.relative(ROOT, bundle.wasmPath)}`);
}
