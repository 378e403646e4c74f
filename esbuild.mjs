// Builds every bundle: the extension (CJS, vscode external), the CLI and the webview pages (browser).
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from "esbuild";
import { chmod, cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { asciiOutput } from "./scripts/build/asciiOutput.mjs";
import { lazyWebClasses } from "./scripts/build/lazyWebClasses.mjs";

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

// The tokenizer vocabularies become compact binary files next to the bundles, read on the first
// counted token (src/core/tokenizer/vocabulary.ts): 200k ranks held as JS strings and a Map cost
// ~40 MB of RSS; as bytes, offsets and a prebuilt index ~3.3 MB. gpt-tokenizer is the source of the ranks only.
// Layout, little-endian u32s then bytes: "BPE3", count, byte total, bucket bits B, hot bucket bits H,
// offsets[count + 1], bucket starts[2^B + 1] (into ranks), ranks grouped by bucket (hashBytes(token) >>> (32 - B)),
// the hot table (16 << H words; see hotTable), token bytes.
const VOCABULARIES = ["o200k_base", "cl100k_base"];
/** The same hash as src/core/tokenizer/vocabulary.ts's hashBytes (its tests check every token is found). */
function hashBytes(bytes) {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193);
  return (h ^ (h >>> 16)) >>> 0;
}
// The hot table of vocabulary.ts, which describes it and checks HOT_BUCKET_BITS: ranks below 2^15 in
// 2^13 buckets of 4 entries, each [hash bits 8-31 | length, rank, bytes 0-3, bytes 4-7].
const HOT_RANKS = 1 << 15;
const HOT_BUCKET_BITS = 13;
function hotTable(tokens) {
  const hot = new Uint32Array(16 << HOT_BUCKET_BITS);
  for (let rank = 0; rank < Math.min(tokens.length, HOT_RANKS); rank++) {
    const t = tokens[rank];
    if (t.length === 0 || t.length > 255) continue;
    const h = hashBytes(t);
    const bucket = (h & ((1 << HOT_BUCKET_BITS) - 1)) * 16;
    let e = bucket;
    while (e < bucket + 16 && hot[e] !== 0) e += 4;
    if (e === bucket + 16) continue; // full: the token is only in the full index
    let w0 = 0;
    let w1 = 0;
    for (let i = 0; i < Math.min(t.length, 8); i++)
      if (i < 4) w0 |= t[i] << (8 * i);
      else w1 |= t[i] << (8 * (i - 4));
    hot.set([(h & ~0xff) | t.length, rank, w0, w1], e);
  }
  return hot;
}
async function writeVocabularies() {
  const require = createRequire(import.meta.url);
  await mkdir("dist/tokenizer", { recursive: true });
  for (const name of VOCABULARIES) {
    const ranks = require(`gpt-tokenizer/bpeRanks/${name}`).default;
    // A rank is the token's text, or its bytes when they are not whole UTF-8.
    const tokens = Array.from(ranks, (r) => (typeof r === "string" ? Buffer.from(r, "utf8") : Buffer.from(r ?? [])));
    const total = tokens.reduce((n, t) => n + t.length, 0);
    // 3-6 tokens per bucket: half the memory of a hash table at load factor 0.4, few more comparisons.
    let bits = 1;
    while (1 << bits < tokens.length / 6) bits++;
    const used = [];
    tokens.forEach((t, rank) => t.length && used.push([hashBytes(t) >>> (32 - bits), rank]));
    used.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const head = new Uint32Array(5 + tokens.length + 1 + (1 << bits) + 1 + used.length);
    head.set([0x33455042, tokens.length, total, bits, HOT_BUCKET_BITS]);
    let at = 0;
    tokens.forEach((t, rank) => {
      head[5 + rank] = at;
      at += t.length;
    });
    head[5 + tokens.length] = at;
    const starts = 5 + tokens.length + 1;
    const order = starts + (1 << bits) + 1;
    used.forEach(([bucket, rank], i) => {
      head[order + i] = rank;
      head[starts + bucket + 1] = i + 1;
    });
    for (let b = 1; b <= 1 << bits; b++) head[starts + b] = Math.max(head[starts + b], head[starts + b - 1]);
    const hot = Buffer.from(hotTable(tokens).buffer);
    await writeFile(`dist/tokenizer/${name}.bin`, Buffer.concat([Buffer.from(head.buffer), hot, ...tokens]));
  }
}
// Where the bundles find them, relative to their own folder (a source run reads dist/tokenizer).
const vocabularies = (dir) => ({ __VOCABULARY_DIR__: JSON.stringify(dir) });

// @peculiar/x509 and its ~650 KB of dependencies (asn1js, tsyringe, ...) get a file of their own, dist/x509.js,
// required only when certificates are generated (src/core/certs/generate.ts): starting a server never parses them.
/** @type {(from: string) => esbuild.Plugin} from: the path from the bundle's folder to dist/ */
const x509File = (from) => ({
  name: "x509-file",
  setup(build) {
    build.onResolve({ filter: /^@peculiar\/x509$/ }, () => ({ path: `${from}x509.js`, external: true }));
  },
});

const bundled = {
  ...node,
  define: { ...node.define, ...vocabularies("tokenizer") },
  plugins: [x509File("./"), lazyWebClasses, asciiOutput],
};
const builds = [
  { ...bundled, entryPoints: { extension: "src/extension/extension.ts" }, outdir: "dist", external: ["vscode"] },
  // The CLI is two files: dist/cli-main.js, the bundle, and dist/cli.js, the command, which runs the bundle
  // through the V8 code cache writeCodeCache() makes below (src/cli/launch.ts).
  // Without whitespace (names kept, a linked map): 22% fewer bytes for every start to read, hash and decode.
  {
    ...bundled,
    entryPoints: { "cli-main": "src/cli/main.ts" },
    outdir: "dist",
    minifyWhitespace: true,
    minifySyntax: true,
  },
  {
    ...node,
    entryPoints: { cli: "src/cli/launch.ts" },
    plugins: [asciiOutput],
    outdir: "dist",
    banner: { js: "#!/usr/bin/env node" },
  },
  // Vendor code, minified only in production builds like the bundles that require it; no map.
  { ...node, entryPoints: { x509: "@peculiar/x509" }, plugins: [asciiOutput], sourcemap: false, outdir: "dist" },
  // `mock-gpt/testing`: ESM for test suites. undici stays a dependency, so the dispatcher it returns is
  // the user's undici; the banner gives bundled CJS code the require and __dirname ESM lacks.
  {
    ...node,
    // dist/testing/index.mjs is one folder down; its banner gives it a __dirname.
    define: { ...node.define, ...vocabularies("../tokenizer") },
    plugins: [x509File("../"), lazyWebClasses, asciiOutput],
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

/**
 * dist/cli-main.v8cache: V8's code for what the CLI bundle runs while its modules load, made by this Node in a
 * process of its own (src/cli/launch.ts explains its use). A different Node at run time simply ignores it.
 */
function writeCodeCache() {
  const code = [
    'const { writeCodeCache } = require("./dist/cli.js");',
    'writeCodeCache(require("node:path").resolve("dist/cli-main.js"), "dist/cli-main.v8cache");',
    "process.exit(0);",
  ].join("\n");
  // Without the builder's NODE_OPTIONS: V8 refuses a cache made under other flags, and a plain start has none.
  const env = { ...process.env, NODE_OPTIONS: "" };
  const r = spawnSync(process.execPath, ["-e", code], { stdio: "inherit", env });
  if (r.status !== 0) throw new Error(`writing dist/cli-main.v8cache failed (${r.status ?? r.signal})`);
  // A cache a plain start would refuse is 200 KB of nothing in every package: check it as the launcher will.
  const check =
    'const { compile } = require("./dist/cli.js"); const p = require("node:path"); ' +
    'process.stdout.write(compile(p.resolve("dist/cli-main.js"), p.resolve("dist/cli-main.v8cache")).use);';
  const use = spawnSync(process.execPath, ["-e", check], { env, encoding: "utf8" }).stdout;
  if (use !== "used") throw new Error(`dist/cli-main.v8cache: a plain start would not use it (${use || "no answer"})`);
}

async function copyAssets() {
  await mkdir("dist/webview", { recursive: true });
  await cp("webview/styles.css", "dist/webview/styles.css");
}

await writeVocabularies();
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  await copyAssets();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  await copyAssets();
  await chmod("dist/cli.js", 0o755);
  writeCodeCache();
}
