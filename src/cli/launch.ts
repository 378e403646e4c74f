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
 * Runs the bundle as if Node had loaded it as `mod`, with `req` as its require: given this launcher's own
 * module and require, `require.main === module` holds in the bundle, which then runs the CLI.
 */
export function run(file: string, cacheFile: string, mod: NodeJS.Module, req: NodeJS.Require): CacheUse {
  const { script, use } = compile(file, cacheFile);
  (script.runInThisContext() as Wrapper).call(mod.exports, mod.exports, req, mod, file, join(file, ".."));
  return use;
}

/**
 * Writes cacheFile for the bundle at file: compiles it, runs its module code (not the CLI: it is not the main
 * module here), and saves V8's code for what ran, behind the bundle's hash. Run by the build in a process of
 * its own, which it then ends (module code may leave timers).
 */
export function writeCodeCache(file: string, cacheFile: string): number {
  const bytes = readFileSync(file);
  const script = new Script(wrap(bytes.toString("latin1")), { filename: file });
  const mod = { exports: {}, id: file, filename: file, loaded: false, children: [], paths: [] };
  (script.runInThisContext() as Wrapper).call(
    mod.exports,
    mod.exports,
    createRequire(file),
    mod,
    file,
    join(file, ".."),
  );
  const data = Buffer.concat([sha256(bytes), script.createCachedData()]);
  writeFileSync(`${cacheFile}.tmp`, data);
  renameSync(`${cacheFile}.tmp`, cacheFile);
  return data.length;
}

if (require.main === module) run(join(__dirname, "cli-main.js"), join(__dirname, "cli-main.v8cache"), module, require);
