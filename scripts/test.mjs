#!/usr/bin/env node
// `npm test`: builds, then runs every suite in one node:test run so the closing summary covers all.
//   unit        test/unit/*.test.ts         plain Node
//   integration test/integration/*.test.ts  real mTLS server on port 0, official openai SDK
//   browser     test/browser/*.test.ts      webview pages in headless Chromium (playwright-core)
//   e2e         test/e2e/*.test.ts          the packaged .vsix in a real VS Code (code-server)
// Suites whose prerequisites are missing are skipped loudly; with CI=true they fail instead.
// Pass suite names to run a subset: `npm test -- unit integration`.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { prerequisites } from "./prerequisites.mjs";

const SUITES = ["unit", "integration", "browser", "e2e"];
const asked = process.argv.slice(2).filter((a) => SUITES.includes(a));
const suites = asked.length ? asked : SUITES;
const ci = process.env.CI === "true";

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: "inherit", ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(process.execPath, ["esbuild.mjs"]);

const missing = [];
const files = [];
for (const suite of suites) {
  const dir = join("test", suite);
  if (!existsSync(dir)) continue;
  const problem = prerequisites[suite]?.();
  if (problem) {
    missing.push(`${suite}: ${problem}`);
    continue;
  }
  for (const f of readdirSync(dir).sort()) if (f.endsWith(".test.ts")) files.push(join(dir, f));
}

if (missing.length) {
  const banner = [
    "",
    "=".repeat(72),
    ci ? "MISSING TEST PREREQUISITES (CI=true: failing)" : "SKIPPED TEST SUITES",
    ...missing.map((m) => "  - " + m),
    "  Install them with: bash scripts/setup-test-deps.sh",
    "=".repeat(72),
    "",
  ].join("\n");
  console.error(banner);
  if (ci) process.exit(1);
}

if (suites.includes("e2e") && !missing.some((m) => m.startsWith("e2e")))
  run(process.execPath, ["scripts/package-vsix.mjs"]);

const r = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...files],
  { stdio: "inherit" },
);
if (missing.length)
  console.error(`\nNote: skipped suites -> ${missing.map((m) => m.split(":")[0]).join(", ")} (see above).`);
process.exit(r.status ?? 1);
