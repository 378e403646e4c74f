// What the container and Kubernetes setups rely on in the CLI: the default request log file and its
// off switch, `health` over mTLS, extra SANs on first-run certificates, and serving from a Secret-like
// folder without ca.key.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, runCli } from "../helpers/cliProcess";

let root: string;
let n = 0;
const project = () => {
  const d = join(root, `p${n++}`);
  mkdirSync(d);
  return d;
};
before(() => {
  assert.ok(existsSync(CLI), "dist/cli.js is built (npm test builds it)");
  root = mkdtempSync(join(tmpdir(), "mock-gpt-headless-"));
});
after(() => rmSync(root, { recursive: true, force: true }));

/** Starts a server in dir, returns its port, runs fn, stops it (exit 0 expected). */
async function withServer(dir: string, env: Record<string, string>, fn: (port: number, out: string) => Promise<void>) {
  const r = runCli(["serve", "--port", "0"], dir, env);
  try {
    const [, port] = await r.until(/listening on https:\/\/127\.0\.0\.1:(\d+)/);
    await r.until(/^Scenario: /m);
    await fn(Number(port), r.stdout + r.stderr);
  } finally {
    assert.equal(await r.stop(), 0, r.stderr);
  }
}

describe("request log file", () => {
  test("the CLI writes logs/mock-server.log by default (JSON lines, mode 600)", async () => {
    const dir = project();
    await withServer(dir, {}, async (port) => {
      const h = runCli(["health", "--port", String(port)], dir);
      assert.equal(await h.exit, 0, h.stderr);
    });
    const file = join(dir, "logs", "mock-server.log");
    const records = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { msg: string });
    assert.ok(records.some((r) => r.msg.startsWith("listening on https://127.0.0.1:")));
    assert.ok(records.some((r) => r.msg.startsWith("GET /health 200")));
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  test('MOCK_GPT_LOGGING_FILE="" turns it off; [logging] file and the env variable move it', async () => {
    const off = project();
    await withServer(off, { MOCK_GPT_LOGGING_FILE: "" }, async (_port, out) => {
      assert.doesNotMatch(out, /Request log:/);
    });
    assert.equal(existsSync(join(off, "logs")), false, "no logs/ folder when turned off");

    const toml = project();
    mkdirSync(join(toml, "config"));
    writeFileSync(join(toml, "config", "local.toml"), '[logging]\nfile = "var/requests.jsonl"\n');
    await withServer(toml, {}, async (_port, out) => assert.match(out, /^Request log: var\/requests\.jsonl$/m));
    assert.match(readFileSync(join(toml, "var", "requests.jsonl"), "utf8"), /"msg":"listening on /);
    assert.equal(existsSync(join(toml, "logs")), false);

    const env = project();
    const abs = join(root, "elsewhere", "mock.log");
    await withServer(env, { MOCK_GPT_LOGGING_FILE: abs }, async () => undefined);
    assert.match(readFileSync(abs, "utf8"), /"msg":"listening on /);
  });

  test("an unwritable log path is a warning; the server still serves", async () => {
    const dir = project();
    writeFileSync(join(dir, "logs"), "a file where the folder should be");
    await withServer(dir, {}, async (port, out) => {
      assert.match(out, /warning: cannot write the log file .*mock-server\.log \(E\w+\); running without it/);
      const h = runCli(["health", "--port", String(port)], dir);
      assert.equal(await h.exit, 0, h.stderr);
    });
  });
});

describe("health command", () => {
  test("exit 0 with a line naming the URL when healthy; 1 when nothing listens; 0.0.0.0 is probed on loopback", async () => {
    const dir = project();
    await withServer(dir, { MOCK_GPT_LOGGING_FILE: "" }, async (port) => {
      const h = runCli(["health", "--port", String(port), "--host", "0.0.0.0"], dir);
      assert.equal(await h.exit, 0, h.stderr);
      assert.match(h.stdout, new RegExp(`^healthy: https://127\\.0\\.0\\.1:${port}/health 200 healthy$`, "m"));
    });
    const down = runCli(["health", "--port", "1"], dir);
    assert.equal(await down.exit, 1);
    assert.match(down.stderr, /^unhealthy: https:\/\/127\.0\.0\.1:1\/health: connect ECONNREFUSED/m);
  });

  test("without the client certificate it is unhealthy, with a reason", async () => {
    const dir = project();
    const h = runCli(["health"], dir);
    assert.equal(await h.exit, 1);
    assert.match(h.stderr, /unhealthy: cannot read the client certificate/);
  });
});

describe("certificates for containers", () => {
  test("MOCK_GPT_TLS_EXTRA_SANS adds names to first-run certificates; existing ones are never replaced", async () => {
    const dir = project();
    await withServer(
      dir,
      { MOCK_GPT_TLS_EXTRA_SANS: "mock-gpt, mock-gpt.test.svc,10.1.2.3", MOCK_GPT_LOGGING_FILE: "" },
      async (_p, out) => assert.match(out, /Generated a CA, server and client certificate in certs\//),
    );
    const pem = readFileSync(join(dir, "certs", "server.crt"));
    const san = new X509Certificate(pem).subjectAltName ?? "";
    for (const name of [
      "DNS:localhost",
      "IP Address:127.0.0.1",
      "DNS:mock-gpt",
      "DNS:mock-gpt.test.svc",
      "IP Address:10.1.2.3",
    ])
      assert.ok(san.includes(name), `${name} in ${san}`);

    await withServer(dir, { MOCK_GPT_TLS_EXTRA_SANS: "other-name", MOCK_GPT_LOGGING_FILE: "" }, async (_p, out) =>
      assert.doesNotMatch(out, /Generated/),
    );
    assert.deepEqual(readFileSync(join(dir, "certs", "server.crt")), pem, "the existing server certificate is kept");
  });

  test("a certs folder without ca.key (as a Kubernetes Secret holds it) serves and passes health", async () => {
    const dir = project();
    const gen = runCli(["certs"], dir);
    assert.equal(await gen.exit, 0, gen.stderr);
    rmSync(join(dir, "certs", "ca.key"));
    await withServer(dir, { MOCK_GPT_LOGGING_FILE: "" }, async (port) => {
      const h = runCli(["health", "--port", String(port)], dir);
      assert.equal(await h.exit, 0, h.stderr);
    });
    assert.equal(existsSync(join(dir, "certs", "ca.key")), false, "nothing regenerated");
  });
});
