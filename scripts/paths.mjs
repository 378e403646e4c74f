// Where test prerequisites live. code-server is cached outside the repo so clean clones reuse it.
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export const CODE_SERVER_VERSION = "4.100.3";

export function cacheDir() {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "mock-gpt-e2e");
}

export function chromiumPath() {
  for (const p of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"])
    if (p && existsSync(p)) return p;
  return null;
}

export function codeServerPath() {
  if (process.env.CODE_SERVER_PATH)
    return existsSync(process.env.CODE_SERVER_PATH) ? process.env.CODE_SERVER_PATH : null;
  const dir = join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`);
  const entry = join(dir, "node_modules", "code-server", "out", "node", "entry.js");
  // setup-test-deps.sh writes the marker only after every step succeeded: a half-finished cache counts as missing.
  return existsSync(entry) && existsSync(join(dir, ".install-complete")) ? entry : null;
}
