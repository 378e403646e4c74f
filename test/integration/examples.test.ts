// The examples/ scripts as a user runs them, against the real CLI server (certificates from its first run):
// Python standard library (API and /ui) and the official Node SDK. Each script exits non-zero on any failed check.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { CLI, runCli, type CliRun } from "../helpers/cliProcess";

const EXAMPLES = resolve(__dirname, "..", "..", "examples");
const python = spawnSync("python3", ["--version"]).status === 0 ? "python3" : null;
const ci = process.env.CI === "true";

let dir: string;
let server: CliRun;
let env: Record<string, string>;
before(async () => {
  assert.ok(existsSync(CLI), "dist/cli.js is built (npm test builds it)");
  dir = mkdtempSync(join(tmpdir(), "mock-gpt-examples-"));
  server = runCli(["serve", "--port", "0"], dir);
  const [, port] = await server.until(/listening on https:\/\/127\.0\.0\.1:(\d+)/);
  // localhost, as the scripts' default URL: the server certificate's SANs cover it.
  env = { ...process.env, MOCK_GPT_URL: `https://localhost:${port}`, MOCK_GPT_CERTS: join(dir, "certs") } as Record<
    string,
    string
  >;
});
after(async () => {
  assert.equal(await server?.stop(), 0, "the server exits 0 on SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

async function runExample(cmd: string, script: string): Promise<string> {
  const { stdout } = await promisify(execFile)(cmd, [join(EXAMPLES, script)], {
    env,
    encoding: "utf8",
    timeout: 60_000,
  }).catch((e: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`${script} failed:\n${e.stdout ?? ""}\n${e.stderr ?? e.message}`);
  });
  assert.match(stdout, /all checks passed/, stdout);
  assert.doesNotMatch(stdout, /^FAIL/m, stdout);
  return stdout;
}

describe("examples/ against a running server", () => {
  const noPython = python || ci ? false : "python3 not on PATH (CI installs it)";
  test("examples/test_mock_server.py: health, models, chat, streaming, errors", { skip: noPython }, async () => {
    const out = await runExample(python ?? "python3", "test_mock_server.py");
    for (const name of ["/health", "/v1/models", "stream: true", "model_not_found", "malformed JSON"])
      assert.ok(out.includes(name), `checked ${name}`);
  });

  test("examples/test_ui.py: the /ui pages and their data over mTLS", { skip: noPython }, async () => {
    const out = await runExample(python ?? "python3", "test_ui.py");
    for (const page of ["/ui/requests", "/ui/dashboard", "/ui/health", "inspector data", "refused"])
      assert.ok(out.includes(page), `checked ${page}`);
  });

  test("examples/test_mock_server.mjs: the official Node SDK", async () => {
    const out = await runExample(process.execPath, "test_mock_server.mjs");
    assert.match(out, /a stream assembles text/);
  });

  test("the examples' requests are in the CLI's default log file logs/mock-server.log", async () => {
    assert.match(server.stdout, /^Request log: logs\/mock-server\.log$/m);
    const { readFileSync } = await import("node:fs");
    const lines = readFileSync(join(dir, "logs", "mock-server.log"), "utf8")
      .trim()
      .split("\n");
    const records = lines.map((l) => JSON.parse(l) as { msg: string; status?: number });
    assert.ok(records.some((r) => /^POST \/v1\/chat\/completions 200/.test(r.msg)));
    assert.ok(records.some((r) => r.status === 400));
  });
});
