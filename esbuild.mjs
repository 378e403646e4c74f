// Builds every bundle: the extension (CJS, vscode external), the CLI and the webview pages (browser).
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from "esbuild";
import { chmod, cp, mkdir, readFile } from "node:fs/promises";

const production = process.argv.includes("--production");
const watch = process.argv.includes("--watch");

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : "linked",
  logLevel: "warning",
  legalComments: "none",
};

const { version } = JSON.parse(await readFile("package.json", "utf8"));

const node = {
  ...common,
  define: { __VERSION__: JSON.stringify(version) },
  platform: "node",
  target: "node20",
  format: "cjs",
  // h3 and srvx are ESM-only; bundling them into CJS leaves `import.meta` empty, which they never need at runtime.
  logOverride: { "empty-import-meta": "silent" },
};

// The tokenizer vocabularies (2.4 MB and 1.2 MB of source) get files of their own next to the
// bundles, required only when the first token is counted: the CLI and the extension host neither
// parse nor hold them until then.
const VOCABULARIES = ["o200k_base", "cl100k_base"];
/** @type {esbuild.Plugin} */
const vocabularyFiles = {
  name: "vocabulary-files",
  setup(build) {
    build.onResolve({ filter: /^gpt-tokenizer\/encoding\/\w+$/ }, (args) => ({
      path: `./tokenizer/${args.path.slice(args.path.lastIndexOf("/") + 1)}.js`,
      external: true,
    }));
  },
};
const bundled = { ...node, plugins: [vocabularyFiles] };
/** The same for dist/testing/index.mjs, one folder down (its banner's require resolves from there). */
/** @type {esbuild.Plugin} */
const testingVocabularyFiles = {
  name: "vocabulary-files-testing",
  setup(build) {
    build.onResolve({ filter: /^gpt-tokenizer\/encoding\/\w+$/ }, (args) => ({
      path: `../tokenizer/${args.path.slice(args.path.lastIndexOf("/") + 1)}.js`,
      external: true,
    }));
  },
};

const builds = [
  { ...bundled, entryPoints: { extension: "src/extension/extension.ts" }, outdir: "dist", external: ["vscode"] },
  { ...bundled, entryPoints: { cli: "src/cli/main.ts" }, outdir: "dist", banner: { js: "#!/usr/bin/env node" } },
  {
    ...node,
    entryPoints: Object.fromEntries(VOCABULARIES.map((v) => [`tokenizer/${v}`, `gpt-tokenizer/encoding/${v}`])),
    // Vendor data: nothing to debug, so no map; minified because it is parsed on every first load.
    minify: true,
    sourcemap: false,
    outdir: "dist",
  },
  // `mock-gpt/testing`: ESM for test suites. undici stays a dependency, so the dispatcher it returns is
  // the user's undici; the banner gives bundled CJS code the require and __dirname ESM lacks.
  {
    ...node,
    plugins: [testingVocabularyFiles],
    format: "esm",
    entryPoints: { "testing/index": "src/testing/index.ts" },
    outdir: "dist",
    outExtension: { ".js": ".mjs" },
    external: ["undici"],
    banner: {
      js: [
        'import { createRequire as __mgRequire } from "node:module";',
        'import { fileURLToPath as __mgPath } from "node:url";',
        "const require = __mgRequire(import.meta.url);",
        "const __filename = __mgPath(import.meta.url);",
        'const __dirname = __mgPath(new URL(".", import.meta.url));',
      ].join("\n"),
    },
  },
  {
    ...common,
    platform: "browser",
    target: "es2022",
    format: "iife",
    entryPoints: {
      inspector: "webview/inspector/main.ts",
      dashboard: "webview/dashboard/main.ts",
      health: "webview/health/main.ts",
    },
    outdir: "dist/webview",
  },
];

async function copyAssets() {
  await mkdir("dist/webview", { recursive: true });
  await cp("webview/styles.css", "dist/webview/styles.css");
}

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  await copyAssets();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  await copyAssets();
  await chmod("dist/cli.js", 0o755);
}
