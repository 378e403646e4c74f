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
