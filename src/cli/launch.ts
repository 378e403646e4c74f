/**
 * dist/cli.js, the `mock-gpt-server` command: runs the CLI bundle (dist/cli-main.js) through the V8 code cache
 * the build wrote next to it (dist/cli-main.v8cache), so a start deserializes the code its modules run while
 * loading instead of parsing and compiling the 650 KB bundle again (~40 ms of a ~200 ms start).
 * The cache is used only when its header holds this bundle's SHA-256 (V8 itself checks little more than the
 * source length); V8 rejects one made by another Node version or with other flags. Either way the bundle then
 * compiles as usual. Nothing is written at run time: the build makes the cache (esbuild.mjs).
 */
import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire, wrap } from "node:module";
import { join } from "node:path";
import { Script } from "node:vm";

/** How a start used the code cache, for tests. */
export type CacheUse = "used" | "rejected" | "absent" | "foreign";

const HASH_BYTES = 32;

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest();

/** The bundle at `file` compiled as a CommonJS module wrapper, with `cacheFile`'s code when it fits. */
export function compile(file: string, cacheFile: string): { script: Script; use: CacheUse } {
  const bytes = readFileSync(file);
  let cached: Buffer | undefined;
  let use: CacheUse = "absent";
  try {
    cached = readFileSync(cacheFile);
    use = "used";
  } catch {
    // no cache: compile as usual
  }
  if (cached && !(cached.length > HASH_BYTES && sha256(bytes).equals(cached.subarray(0, HASH_BYTES)))) {
    cached = undefined;
    use = "foreign";
  }
  // The bundles are pure ASCII (scripts/build/asciiOutput.mjs), so latin1 decodes them as UTF-8 would.
  const script = new Script(wrap(bytes.toString("latin1")), {
    filename: file,
    cachedData: cached?.subarray(HASH_BYTES),
  });
  if (use === "used" && script.cachedDataRejected) use = "rejected";
  return { script, use };
}

type Wrapper = (exports: unknown, req: NodeJS.Require, mod: unknown, filename: string, dirname: string) => void;

/**
 * Whether to leave the bundle to Node's own loader: with source maps on (vm scripts are never mapped on
 * Node 20), and with any Node or V8 flag, which makes V8 refuse the cache anyway (--max-semi-space-size,
 * --expose-gc, ...), so hashing it would be for nothing.
 */
export function plainLoad(): boolean {
  return (
    process.execArgv.length > 0 ||
    !!process.env.NODE_OPTIONS ||
    !!(process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled
  );
}

/**
 * Loads the bundle at `file` and returns its exports: through the code cache, or with `req` (Node's loader)
 * when plainLoad() says so. The bundle is never the main module: the caller starts what it exports.
 */
export function run(
  file: string,
  cacheFile: string,
  req: NodeJS.Require,
): { exports: unknown; use: CacheUse | "loader" } {
  if (plainLoad()) return { exports: req(file) as unknown, use: "loader" };
  const { script, use } = compile(file, cacheFile);
  return { exports: runModule(script, file), use };
}

/** Runs a compiled bundle as Node would run the CommonJS module at `file`; returns its exports. */
function runModule(script: Script, file: string): unknown {
  const mod = { exports: {}, id: file, filename: file, loaded: false, children: [], paths: [] };
  (script.runInThisContext() as Wrapper).call(
    mod.exports,
    mod.exports,
    createRequire(file),
    mod,
    file,
    join(file, ".."),
  );
  return mod.exports;
}

/**
 * Writes cacheFile for the bundle at file: compiles it, runs its module code (not the CLI: it is not the main
 * module here) and its warmUp(), and saves V8's code for what ran, behind the bundle's hash. Run by the build in a process of
 * its own, which it then ends (module code may leave timers).
 */
export function writeCodeCache(file: string, cacheFile: string): number {
  const bytes = readFileSync(file);
  // A vm script has no loader for import() on Node 20: it would fail only through this launcher.
  if (/\bimport\s*\(/.test(bytes.toString("latin1")))
    throw new Error(`${file} calls import(), which the launcher cannot run: bundle it or require() it`);
  const script = new Script(wrap(bytes.toString("latin1")), { filename: file });
  // The start path too (config, server, routes), when the bundle exports it: see main.ts's warmUp.
  const { warmUp } = runModule(script, file) as { warmUp?: unknown };
  if (typeof warmUp === "function") warmUp();
  const data = Buffer.concat([sha256(bytes), script.createCachedData()]);
  writeFileSync(`${cacheFile}.tmp`, data);
  renameSync(`${cacheFile}.tmp`, cacheFile);
  return data.length;
}

if (require.main === module) {
  const { exports } = run(join(__dirname, "cli-main.js"), join(__dirname, "cli-main.v8cache"), require);
  (exports as { runCli(): void }).runCli();
}
