// The README's Python example (standard library ssl only) really works against the server.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { startTestServer, type TestServer } from "../helpers/server";

const python = spawnSync("python3", ["--version"]).status === 0 ? "python3" : null;
let s: TestServer;
before(async () => {
  if (python) s = await startTestServer();
});
after(() => s?.close());

const SNIPPET = `
import json, ssl, sys, urllib.request
ca, cert, key, url = sys.argv[1:5]
ctx = ssl.create_default_context(cafile=ca)
ctx.load_cert_chain(cert, key)
req = urllib.request.Request(
    url + "/v1/chat/completions",
    data=json.dumps({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello!"}]}).encode(),
    headers={"content-type": "application/json", "authorization": "Bearer sk-mock"},
)
with urllib.request.urlopen(req, context=ctx) as r:
    print(json.load(r)["choices"][0]["message"]["content"])
`;

test(
  "Python's standard library ssl client gets an answer over mTLS",
  { skip: python ? false : "python3 not on PATH" },
  async () => {
    // Async: the server runs in this process, so a blocking spawn would starve it.
    const { stdout } = await promisify(execFile)(
      python!,
      ["-c", SNIPPET, s.files.caCert, s.files.clientCert, s.files.clientKey, s.url],
      { encoding: "utf8", timeout: 20_000 },
    );
    assert.ok(stdout.trim().length > 10, stdout);
    assert.equal(
      s.server.log.list().at(-1)?.request.headers["user-agent"]?.startsWith("Python-urllib/"),
      true,
      "the entry is the Python request",
    );
  },
);
