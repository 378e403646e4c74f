// The CLI's launcher (src/cli/launch.ts): runs a bundle through the code cache the build made for it, and
// compiles as usual when the cache is missing, belongs to another bundle, or is one V8 refuses.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { buildSync } from "esbuild";
import { compile, plainLoad, run, writeCodeCache } from "../../src/cli/launch";

const dir = mkdtempSync(join(tmpdir(), "mock-gpt-launch-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const bundle = join(dir, "bundle.js");
const cache = join(dir, "bundle.v8cache");
const LAUNCH = resolve(__dirname, "..", "..", "src", "cli", "launch.ts");

/**
 * How a fresh process compiles file with cacheFile: V8 keeps what a process compiled and would answer from
 * that, not from the cache, if this process checked the same source twice.
 */
function useInChild(file: string, cacheFile: string): string {
  const code = `process.stdout.write(require(${JSON.stringify(LAUNCH)}).compile(${JSON.stringify(file)}, ${JSON.stringify(cacheFile)}).use)`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "-e", code], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

// What a bundle sees of its module: main or not, its file name, a relative require, and exports.
const SOURCE = `exports.seen = { main: require.main === module, file: __filename, dir: __dirname,
  sibling: require("./sibling.js").name, twice: [1, 2, 3].map((n) => n * 2) };`;
writeFileSync(bundle, SOURCE);
writeFileSync(join(dir, "sibling.js"), 'exports.name = "sibling";');

describe("CLI launcher", () => {
  it("compiles as usual without a cache", () => {
    rmSync(cache, { force: true });
    assert.equal(useInChild(bundle, cache), "absent");
  });

  it("uses the cache written for the bundle, and loads the bundle as a module of its own", () => {
    assert.ok(writeCodeCache(bundle, cache) > 32);
    assert.equal(useInChild(bundle, cache), "used");
    const { exports, use } = run(bundle, cache, createRequire(__filename));
    assert.equal(use, plainLoad() ? "loader" : "used");
    assert.deepEqual((exports as { seen: unknown }).seen, {
      main: false,
      file: bundle,
      dir,
      sibling: "sibling",
      twice: [2, 4, 6],
    });
  });

  it("leaves the bundle to Node's loader with source maps or Node flags, so stacks stay mapped", () => {
    const boom = join(dir, "boom.js");
    writeFileSync(join(dir, "boom.ts"), 'export function boom(): never {\n  throw new Error("boom");\n}\nboom();\n');
    buildSync({
      entryPoints: [join(dir, "boom.ts")],
      outfile: boom,
      bundle: true,
      platform: "node",
      sourcemap: "linked",
    });
    const code = `require(${JSON.stringify(LAUNCH)}).run(${JSON.stringify(boom)}, "none", require)`;
    const r = spawnSync(process.execPath, ["--enable-source-maps", "--import", "tsx", "-e", code], {
      encoding: "utf8",
    });
    assert.match(r.stderr, /Error: boom/);
    assert.match(r.stderr, /boom\.ts:2/, r.stderr);
    const flags = `process.stdout.write(String(require(${JSON.stringify(LAUNCH)}).plainLoad()))`;
    const plain = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [...args, "--import", "tsx", "-e", flags], {
        encoding: "utf8",
        env: { ...process.env, NODE_OPTIONS: "", ...env },
      }).stdout;
    assert.equal(plain(["--max-semi-space-size=4"]), "true");
    assert.equal(plain([], { NODE_OPTIONS: "--max-old-space-size=512" }), "true");
  });

  it("refuses to cache a bundle that calls import(), which would fail only through the launcher", () => {
    const dyn = join(dir, "dyn.js");
    writeFileSync(dyn, 'import("node:os").then((m) => m.cpus);\n');
    assert.throws(() => writeCodeCache(dyn, join(dir, "dyn.v8cache")), /calls import\(\)/);
  });

  it("ignores a cache made for other code of the same length (V8 would take it)", () => {
    writeCodeCache(bundle, cache);
    writeFileSync(bundle, SOURCE.replace("n * 2", "n + 2"));
    try {
      assert.equal(useInChild(bundle, cache), "foreign");
    } finally {
      writeFileSync(bundle, SOURCE);
    }
  });

  it("reports a cache V8 refuses, and still compiles", () => {
    writeCodeCache(bundle, cache);
    const data = readFileSync(cache);
    data.fill(7, 32);
    writeFileSync(cache, data);
    assert.equal(useInChild(bundle, cache), "rejected");
    assert.equal(typeof compile(bundle, cache).script.runInThisContext(), "function");
  });

  it("runs the bundle's warmUp before it saves the cache, and fails when warmUp fails", () => {
    const warm = join(dir, "warm.js");
    const marker = join(dir, "warmed.txt");
    rmSync(marker, { force: true });
    writeFileSync(warm, `exports.warmUp = () => require("node:fs").writeFileSync(${JSON.stringify(marker)}, "yes");`);
    writeCodeCache(warm, join(dir, "warm.v8cache"));
    assert.equal(readFileSync(marker, "utf8"), "yes");
    writeFileSync(warm, 'exports.warmUp = () => { throw new Error("cold"); };');
    assert.throws(() => writeCodeCache(warm, join(dir, "warm.v8cache")), /cold/);
  });

  it("the build's cache fits the built CLI bundle, and the command runs through it", () => {
    const dist = resolve(__dirname, "..", "..", "dist");
    assert.ok(existsSync(join(dist, "cli-main.v8cache")), "dist/cli-main.v8cache is built (npm test builds it)");
    assert.equal(useInChild(join(dist, "cli-main.js"), join(dist, "cli-main.v8cache")), "used");
    const r = spawnSync(process.execPath, [join(dist, "cli.js"), "--version"], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
