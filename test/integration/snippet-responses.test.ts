// Copy Client Snippet's Responses API example, run as a user would paste it, against a live mock over mTLS.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSnippet } from "../../src/extension/model/snippets";
import { startTestServer, type TestServer } from "../helpers/server";

let s: TestServer;
let dir: string;

before(async () => {
  s = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), "mock-gpt-snippet-"));
  // The snippet imports openai and undici: resolve them from this project.
  symlinkSync(join(__dirname, "..", "..", "node_modules"), join(dir, "node_modules"), "dir");
});
after(async () => {
  await s?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function run(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => child.kill(), 30_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

test("the Node Responses API snippet runs: a response, then a stream continuing it, with usage", async () => {
  const file = join(dir, "responses.mjs");
  writeFileSync(
    file,
    buildSnippet("node-responses", {
      url: s.url,
      caPath: s.files.caCert,
      certPath: s.files.clientCert,
      keyPath: s.files.clientKey,
    }),
  );
  const r = await run(file);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /input_tokens: \d+/);
  const calls = s.server.log.list().filter((e) => e.path === "/v1/responses");
  assert.equal(calls.length, 2);
  assert.equal(calls.filter((e) => e.stream).length, 1);
  assert.match(calls.find((e) => e.stream)!.request.body, /"previous_response_id":"resp_/);
});
