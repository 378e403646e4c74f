// Builds every bundle: the extension (CJS, vscode external), the CLI and the webview pages (browser).
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from "esbuild";
import { chmod, cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { asciiOutput } from "./scripts/build/asciiOutput.mjs";

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
// @peculiar/x509 and its ~650 KB of dependencies (asn1js, tsyringe, ...) get a file of their own, dist/x509.js,
// required only when certificates are generated (src/core/certs/generate.ts): starting a server never parses them.
/** @type {(from: string) => esbuild.Plugin} from: the path from the bundle's folder to dist/ */
const x509File = (from) => ({
  name: "x509-file",
  setup(build) {
    build.onResolve({ filter: /^@peculiar\/x509$/ }, () => ({ path: `${from}x509.js`, external: true }));
  },
});
const bundled = { ...node, plugins: [vocabularyFiles, x509File("./"), asciiOutput] };

// Each vocabulary file is gpt-tokenizer's encoder with its ranks read from a JSON file next to it: parsing
// 200k string literals as JavaScript source costs ~20 MB more RSS than JSON.parse of the same data.
/** @type {esbuild.Plugin} */
const vocabularyData = {
  name: "vocabulary-data",
  setup(build) {
    build.onResolve({ filter: /^vocabulary:/ }, (args) => ({ path: args.path.slice(11), namespace: "vocabulary" }));
    build.onLoad({ filter: /.*/, namespace: "vocabulary" }, async (args) => {
      const name = args.path;
      const ranks = createRequire(import.meta.url)(`gpt-tokenizer/bpeRanks/${name}`).default;
      await mkdir("dist/tokenizer", { recursive: true });
      await writeFile(`dist/tokenizer/${name}.json`, JSON.stringify(ranks));
      return {
        resolveDir: process.cwd(),
        loader: "js",
        contents: [
          'const { GptEncoding } = require("gpt-tokenizer/GptEncoding");',
          'const { readFileSync } = require("node:fs");',
          'const { join } = require("node:path");',
          `const api = GptEncoding.getEncodingApi(${JSON.stringify(name)}, () =>`,
          `  JSON.parse(readFileSync(join(__dirname, ${JSON.stringify(name + ".json")}), "utf8")),`,
          ");",
          // The same members the package's encoding module exports (src/core/responder/tokenizer.ts reads two).
          "module.exports = { encode: api.encode, decodeGenerator: api.decodeGenerator, countTokens: api.countTokens, default: api };",
        ].join("\n"),
      };
    });
  },
};
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
    entryPoints: Object.fromEntries(VOCABULARIES.map((v) => [`tokenizer/${v}`, `vocabulary:${v}`])),
    plugins: [vocabularyData],
    // Vendor data: nothing to debug, so no map; minified because it is parsed on every first load.
    minify: true,
    sourcemap: false,
    outdir: "dist",
  },
  // Vendor code like the vocabularies, but not minified: it runs once per generated set, and its stack traces
  // should stay readable.
  { ...node, entryPoints: { x509: "@peculiar/x509" }, plugins: [asciiOutput], sourcemap: false, outdir: "dist" },
  // `mock-gpt/testing`: ESM for test suites. undici stays a dependency, so the dispatcher it returns is
  // the user's undici; the banner gives bundled CJS code the require and __dirname ESM lacks.
  {
    ...node,
    plugins: [testingVocabularyFiles, x509File("../"), asciiOutput],
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
