// Debian's Chromium driven by playwright-core, for browser (webview page) and e2e (code-server) tests.
// Never `npx playwright install`: it downloads a browser, and this machine has no internet.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium, type Browser, type LaunchOptions } from "playwright-core";
import { chromiumPath } from "../../scripts/paths.mjs";

/** The repository root (this file lives in test/helpers/). */
export const repoRoot = resolve(import.meta.dirname, "..", "..");

/**
 * Flags that keep Chromium quiet and local: without the background-networking ones it keeps
 * trying to reach Google's hosts, and the resolver rule makes every name but 127.0.0.1 fail fast.
 */
export const chromiumArgs: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
];

/** Options for {@link launchChromium}. */
export interface LaunchChromiumOptions {
  /** Extra command-line flags, appended after {@link chromiumArgs}. @default [] */
  args?: string[];
  /** Milliseconds to wait for the browser to start. @default 30000 */
  timeout?: number;
}

/**
 * Launches headless Debian Chromium (CHROMIUM_PATH overrides the path) with a fresh, throwaway
 * profile. Throws a clear error when Chromium is not installed. Close the browser when done.
 */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath)
    throw new Error("Chromium not found (bash scripts/setup-test-deps.sh installs it, or set CHROMIUM_PATH)");
  const launch: LaunchOptions = {
    executablePath,
    headless: true,
    args: [...chromiumArgs, ...(options.args ?? [])],
    timeout: options.timeout ?? 30_000,
    // playwright handles SIGINT/SIGTERM itself; the test runner decides when to stop.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  };
  return chromium.launch(launch);
}

/** `test-results/<suite>/` under the repo root (gitignored), created if missing. */
export function artifactsDir(suite: string): string {
  const dir = join(repoRoot, "test-results", suite);
  mkdirSync(dir, { recursive: true });
  return dir;
}
