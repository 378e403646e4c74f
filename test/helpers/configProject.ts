// Temp project folders with config/*.toml files, and a loader that fails the test on any error.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { describeIssue, loadConfig } from "../../src/core/config";
import type { LoadConfigOptions, LoadedConfig } from "../../src/core/config/types";

const temps: string[] = [];
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A temp project with the given files under config/; removed after the test file. */
export function project(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "mock-gpt-config-"));
  temps.push(dir);
  mkdirSync(join(dir, "config"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "config", name), text);
  return dir;
}

/** loadConfig with an empty env by default; any error fails the test with the issues spelled out. */
export function load(options: LoadConfigOptions): LoadedConfig {
  const r = loadConfig({ env: {}, ...options });
  if (!r.ok) assert.fail("expected ok, got:\n" + r.errors.map(describeIssue).join("\n"));
  return r.loaded;
}
