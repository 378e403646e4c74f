// What we publish works outside this repo: `npm pack`, install the tarball into a temporary project
// (offline from the npm cache when it can), run the README's node:test example there with the
// official SDK, and type-check a consumer against the shipped declarations.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const OPENAI = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).devDependencies.openai as string;

function run(cmd: string, args: string[], opts: SpawnSyncOptions = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 300_000, ...opts });
  return { status: r.status, stdout: String(r.stdout ?? ""), stderr: String(r.stderr ?? ""), error: r.error };
}

/** The README's in-process example, verbatim. */
function readmeExample(): string {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## In-process for test suites"));
  const m = /```js\n([\s\S]*?)```/.exec(section);
  assert.ok(m, "README has a js example under 'In-process for test suites'");
  return m[1]!;
}

describe("npm pack: mock-gpt/testing outside this repo", () => {
  let work: string;
  let tarball: string;
  let files: string[];
  before(() => {
    work = mkdtempSync(join(tmpdir(), "mock-gpt-pack-"));
    const packed = run(npm, ["pack", "--json", "--pack-destination", work], { cwd: root });
    assert.equal(packed.status, 0, packed.stderr);
    const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("["))) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    tarball = join(work, info[0]!.filename);
    files = info[0]!.files.map((f) => f.path);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test("the tarball holds the entry, its types, the CLI and defaults, and never keys, certificates or sources", () => {
    for (const f of [
      "package.json",
      "dist/testing/index.mjs",
      "dist/testing/index.d.mts",
      "dist/cli.js",
      "dist/cli-main.js",
      "dist/cli-main.v8cache",
      "dist/tokenizer/o200k_base.bin",
      "dist/tokenizer/cl100k_base.bin",
      "config/default.toml",
    ])
      assert.ok(files.includes(f), `${f} is missing from ${files.join(", ")}`);
    const forbidden = files.filter(
      (f) =>
        /\.(key|pem|crt|p12|map|log)$/.test(f) ||
        (/\.ts$/.test(f) && !f.endsWith(".d.mts")) ||
        /^(src|test|certs|scripts|webview|node_modules)\//.test(f) ||
        /^config\/(local|test_scenarios)\.toml$/.test(f),
    );
    assert.deepEqual(forbidden, []);
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    assert.deepEqual(manifest.exports["./testing"], {
      types: "./dist/testing/index.d.mts",
      import: "./dist/testing/index.mjs",
    });
  });

  test("installed into a temporary project, the README's node:test example passes with the openai SDK", () => {
    const app = join(work, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
    const args = ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--no-save", tarball, `openai@${OPENAI}`];
    let installed = run(npm, [...args, "--offline"], { cwd: app });
    if (installed.status !== 0) installed = run(npm, args, { cwd: app }); // the cache lacked something: the registry
    assert.equal(installed.status, 0, installed.stderr);

    writeFileSync(join(app, "example.test.mjs"), readmeExample());
    // A fresh test run of its own: without the parent runner's NODE_TEST_CONTEXT, it prints TAP.
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: "" };
    delete env.NODE_TEST_CONTEXT;
    const ran = run(process.execPath, ["--test", "--test-reporter=tap", "example.test.mjs"], {
      cwd: app,
      env,
    });
    assert.equal(ran.status, 0, ran.stdout + ran.stderr);
    assert.match(ran.stdout, /# pass 1/);
    assert.match(ran.stdout, /# fail 0/);

    // Typed: a consumer type-checks against the shipped declarations (module nodenext, strict).
    writeFileSync(
      join(app, "consumer.mts"),
      `import { startMockGpt, type MockGpt, type LogEntry, type RateLimitSnapshot } from "mock-gpt/testing";
import OpenAI from "openai";
const mock: MockGpt = await startMockGpt({ config: { rate_limits: { enforce: true } }, scenario: "fast" });
const client = new OpenAI({ baseURL: mock.baseURL, apiKey: "sk-x", fetchOptions: { dispatcher: mock.dispatcher } });
void client;
const entries: LogEntry[] = mock.requests({ status: [429, "5xx"], headers: { "x-stainless-retry-count": "2" } });
const limits: RateLimitSnapshot = mock.rateLimits();
const n: number = entries.length + limits.clients.length + mock.journal().counts.byStatus["200"]!;
void n;
// @ts-expect-error: the port is a number
const bad: string = mock.port;
void bad;
await mock.stop();
`,
    );
    const tsc = run(
      process.execPath,
      [
        join(root, "node_modules/typescript/bin/tsc"),
        "--noEmit",
        "--strict",
        "--noUncheckedIndexedAccess",
        "--target",
        "es2022",
        "--module",
        "nodenext",
        "--moduleResolution",
        "nodenext",
        "--typeRoots",
        join(root, "node_modules/@types"),
        "--types",
        "node",
        "consumer.mts",
      ],
      { cwd: app },
    );
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  });
});
