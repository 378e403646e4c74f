// The built CLI as a user runs it: first-run certificates, the listening line, a real request,
// clean shutdown on SIGTERM, and clear exits for bad input.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Agent, request } from "undici";

const CLI = resolve(__dirname, "..", "..", "dist", "cli.js");

interface Run {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
}

function run(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  // A clean env: the developer's MOCK_GPT_* variables must not leak into the test.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("MOCK_GPT_")));
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...base, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const r: Run = { child, stdout: "", stderr: "", exit: new Promise((res) => child.once("exit", (code) => res(code))) };
  child.stdout!.on("data", (d) => (r.stdout += d));
  child.stderr!.on("data", (d) => (r.stderr += d));
  return r;
}

async function until(
  r: Run,
  re: RegExp,
  ms = 10_000,
  stream: "stdout" | "stderr" = "stdout",
): Promise<RegExpMatchArray> {
  const end = Date.now() + ms;
  for (;;) {
    const m = r[stream].match(re);
    if (m) return m;
    if (Date.now() > end || r.child.exitCode !== null) throw new Error(`no ${re} in output:\n${r.stdout}\n${r.stderr}`);
    await new Promise((res) => setTimeout(res, 25));
  }
}

let dir: string;
before(() => {
  assert.ok(existsSync(CLI), "dist/cli.js is built (npm test builds it; or run npm run build)");
  dir = mkdtempSync(join(tmpdir(), "mock-gpt-cli-"));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe("mock-gpt-server serve", () => {
  test("first run generates certificates, prints the URL and curl hint, answers over mTLS, and stops on SIGTERM", async () => {
    const r = run(["serve", "--port", "0"], dir);
    try {
      const [, url] = await until(r, /^Mock GPT server listening on (https:\/\/127\.0\.0\.1:\d+)$/m);
      assert.match(r.stdout, /Generated a CA, server and client certificate in certs\//);
      assert.match(r.stdout, /curl --cacert certs\/ca\.crt --cert certs\/client\.crt --key certs\/client\.key /);
      for (const key of ["ca.key", "server.key", "client.key"])
        assert.equal(statSync(join(dir, "certs", key)).mode & 0o777, 0o600, key);
      const tls = {
        ca: readFileSync(join(dir, "certs/ca.crt")),
        cert: readFileSync(join(dir, "certs/client.crt")),
        key: readFileSync(join(dir, "certs/client.key")),
      };
      const agent = new Agent({ connect: tls });
      const res = await request(`${url}/v1/chat/completions`, {
        method: "POST",
        dispatcher: agent,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello!" }] }),
      });
      assert.equal(res.statusCode, 200);
      assert.equal(((await res.body.json()) as { object: string }).object, "chat.completion");
      await agent.close();
      await until(r, /INFO\s+POST \/v1\/chat\/completions 200/, 5_000, "stderr"); // one log line per request
      r.child.kill("SIGTERM");
      assert.equal(await r.exit, 0);
    } finally {
      r.child.kill("SIGKILL");
    }
  });

  test("a busy port is a clear error naming the port, exit 1", async () => {
    const first = run(["serve", "--port", "0"], dir);
    try {
      const [, port] = await until(first, /listening on https:\/\/127\.0\.0\.1:(\d+)/);
      const second = run(["serve", "--port", port!], dir);
      assert.equal(await second.exit, 1);
      assert.match(second.stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      first.child.kill("SIGTERM");
      await first.exit;
    }
  });

  test("broken TOML exits 2 naming file:line:column", async () => {
    const project = mkdtempSync(join(tmpdir(), "mock-gpt-cli-bad-"));
    try {
      mkdirSync(join(project, "config"));
      writeFileSync(join(project, "config", "local.toml"), '[server]\nport = 8443\nhost = "127.0.0.1\n');
      const r = run(["serve"], project);
      assert.equal(await r.exit, 2);
      assert.match(r.stderr, /local\.toml:3:\d+/);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  test("a bad env value exits 2 naming the variable, never NaN", async () => {
    const r = run(["serve"], dir, { MOCK_GPT_SERVER_PORT: "abc" });
    assert.equal(await r.exit, 2);
    assert.match(r.stderr, /MOCK_GPT_SERVER_PORT/);
  });
});

describe("mock-gpt-server certs, help, version", () => {
  test("certs refuses to overwrite without --force and replaces with it", async () => {
    const out = join(dir, "other-certs");
    assert.equal(await run(["certs", "--dir", out], dir).exit, 0);
    const before = readFileSync(join(out, "ca.crt"), "utf8");
    const refused = run(["certs", "--dir", out], dir);
    assert.equal(await refused.exit, 1);
    assert.match(refused.stderr, /already exist.*--force/);
    assert.equal(readFileSync(join(out, "ca.crt"), "utf8"), before, "untouched");
    assert.equal(await run(["certs", "--dir", out, "--force"], dir).exit, 0);
    assert.notEqual(readFileSync(join(out, "ca.crt"), "utf8"), before);
  });

  test("--help, --version and usage errors", async () => {
    const help = run(["--help"], dir);
    assert.equal(await help.exit, 0);
    assert.match(help.stdout, /Usage: mock-gpt-server/);
    const version = run(["--version"], dir);
    assert.equal(await version.exit, 0);
    assert.equal(
      version.stdout.trim(),
      JSON.parse(readFileSync(resolve(__dirname, "..", "..", "package.json"), "utf8")).version,
    );
    const bad = run(["serve", "--port", "abc"], dir);
    assert.equal(await bad.exit, 64);
    assert.match(bad.stderr, /--port expects an integer/);
  });
});
