import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

let cached: string | undefined;

/**
 * The extension/package folder: the nearest ancestor of this module holding package.json and
 * config/default.toml. Walking up works from src/core/config (tsx), dist/ (the esbuild bundle)
 * and the installed extension folder alike.
 */
export function packageRoot(from: string = __dirname): string {
  const useCache = from === __dirname;
  if (useCache && cached) return cached;
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "config", "default.toml"))) {
      if (useCache) cached = dir;
      return dir;
    }
    if (dirname(dir) === dir) break;
  }
  throw new Error(`Mock GPT: no package folder (package.json + config/default.toml) above ${from}`);
}

/** <packageRoot()>/config/default.toml */
export function builtInDefaultsPath(): string {
  return join(packageRoot(), "config", "default.toml");
}
