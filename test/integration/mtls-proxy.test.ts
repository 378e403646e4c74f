// examples/compose-mtls-proxy/nginx.conf in a real nginx: plain HTTP in, mutual TLS to the CLI server
// with its client certificate and CA, streams passed through chunk by chunk. Only the addresses and the
// certificate folder are swapped for loopback and a temp folder.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runCli, type CliRun } from "../helpers/cliProcess";

const CONF = resolve(__dirname, "..", "..", "examples", "compose-mtls-proxy", "nginx.conf");
const nginx = spawnSync("nginx", ["-v"]).status === 0 ? "nginx" : null;
if (!nginx && process.env.CI === "true") throw new Error("CI=true and nginx is missing (scripts/setup-test-deps.sh)");
if (!nginx) console.error(`\n${"=".repeat(72)}\nMTLS PROXY TEST SKIPPED: nginx not found\n${"=".repeat(72)}\n`);

const freePort = () =>
  new Promise<number>((res) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });

async function waitForPort(port: number, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((res) => {
      const s = connect(port, "127.0.0.1", () => (s.destroy(), res(true))).on("error", () => res(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`nothing listens on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("examples/compose-mtls-proxy: nginx → mock over mTLS", { skip: nginx ? false : "nginx not found" }, () => {
  let dir: string;
  let server: CliRun;
  let proxy: ChildProcess;
  let proxyUrl: string;
  const DELAY_MS = 1000;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "mock-gpt-proxy-"));
    server = runCli(["serve", "--port", "0"], dir, {
      MOCK_GPT_TLS_EXTRA_SANS: "mock-gpt",
      MOCK_GPT_LOGGING_FILE: "",
      MOCK_GPT_RESPONSES_DEFAULT_DELAY_MS: String(DELAY_MS),
    });
    const [, port] = await server.until(/listening on https:\/\/127\.0\.0\.1:(\d+)/);
    const nport = await freePort();
    let conf = readFileSync(CONF, "utf8");
    const swap = (from: string, to: string) => {
      assert.ok(conf.includes(from), `nginx.conf has ${from}`);
      conf = conf.replaceAll(from, to);
    };
    swap("server mock-gpt:8443;", `server 127.0.0.1:${port};`);
    swap("listen 8080;", `listen 127.0.0.1:${nport};`);
    swap("/etc/nginx/mock-gpt-certs/", `${join(dir, "certs")}/`);
    writeFileSync(join(dir, "site.conf"), conf);
    const tmp = (name: string) => join(dir, name);
    writeFileSync(
      join(dir, "nginx.conf"),
      [
        "daemon off;",
        "worker_processes 1;",
        ...(process.getuid?.() === 0 ? ["user root;"] : []),
        `pid ${tmp("nginx.pid")};`,
        `error_log ${tmp("error.log")} warn;`,
        "events { worker_connections 64; }",
        "http {",
        "  access_log off;",
        ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((k) => `  ${k}_temp_path ${tmp(k)};`),
        `  include ${join(dir, "site.conf")};`,
        "}",
      ].join("\n"),
    );
    proxy = spawn(nginx!, ["-p", dir, "-c", join(dir, "nginx.conf"), "-e", tmp("error.log")], { stdio: "ignore" });
    await waitForPort(nport);
    proxyUrl = `http://127.0.0.1:${nport}`;
  });

  after(async () => {
    if (proxy && proxy.exitCode === null) {
      const exited = new Promise((r) => proxy.once("exit", r));
      proxy.kill("SIGTERM");
      await exited;
    }
    if (server) assert.equal(await server.stop(), 0);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const body = (stream: boolean) =>
    JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello through nginx" }], stream });

  test("curl-style plain HTTP on the proxy gets the mock's answer (nginx presented the client certificate)", async () => {
    const res = await fetch(`${proxyUrl}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: body(false),
    });
    const text = await res.text();
    assert.equal(res.status, 200, `${text}\n${readFileSync(join(dir, "error.log"), "utf8")}`);
    const json = JSON.parse(text) as { object: string; choices: Array<{ message: { content: string } }> };
    assert.equal(json.object, "chat.completion");
    assert.ok(json.choices[0]!.message.content);
    await server.until(/POST \/v1\/chat\/completions 200/, 5_000, "stderr");
  });

  test("streaming passes through unbuffered: chunks arrive spread over the response, not at the end", async () => {
    const t0 = Date.now();
    const res = await fetch(`${proxyUrl}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: body(true),
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^text\/event-stream/);
    const arrivals: number[] = [];
    let text = "";
    const decoder = new TextDecoder();
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      arrivals.push(Date.now() - t0);
      text += decoder.decode(value, { stream: true });
    }
    const total = Date.now() - t0;
    assert.match(text, /data: \[DONE\]\n\n$/);
    assert.ok(total >= DELAY_MS * 0.8, `the delay is spread over the stream (${total} ms)`);
    assert.ok(arrivals.length >= 5, `many reads, not one buffered blob (${arrivals.length})`);
    assert.ok(arrivals[0]! < total * 0.5, `first bytes at ${arrivals[0]} ms of ${total} ms`);
  });
});
