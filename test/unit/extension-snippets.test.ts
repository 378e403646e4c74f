import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, test } from "node:test";
import { buildSnippet, clientUrl, shellQuote, type ClientTarget } from "../../src/extension/model/snippets";

const t: ClientTarget = {
  url: "https://127.0.0.1:8443",
  caPath: "/ws/certs/ca.crt",
  certPath: "/ws/certs/client.crt",
  keyPath: "/ws/certs/client.key",
};

describe("buildSnippet", () => {
  test("curl: the URL and --cacert/--cert/--key with this workspace's files", () => {
    const s = buildSnippet("curl", t);
    assert.match(s, /^curl https:\/\/127\.0\.0\.1:8443\/v1\/chat\/completions/);
    assert.match(s, /--cacert \/ws\/certs\/ca\.crt/);
    assert.match(s, /--cert \/ws\/certs\/client\.crt/);
    assert.match(s, /--key \/ws\/certs\/client\.key/);
    assert.match(s, /"model":"gpt-4o-mini"/);
  });

  test("curl is valid shell, even with spaces and quotes in paths", () => {
    const odd = { ...t, caPath: "/home/o'neil/my certs/ca.crt" };
    const s = buildSnippet("curl", odd).replace(/^curl /, "printf '%s\\n' ");
    const r = spawnSync("sh", ["-c", s], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.split("\n").includes("/home/o'neil/my certs/ca.crt"), r.stdout);
  });

  test("Node: undici Agent with connect {ca, cert, key} passed as fetchOptions.dispatcher", () => {
    const s = buildSnippet("node", t);
    assert.match(s, /import \{ Agent \} from "undici"/);
    assert.match(
      s,
      /new Agent\(\{\s*connect: \{\s*ca: readFileSync\("\/ws\/certs\/ca\.crt"\),\s*cert: readFileSync\("\/ws\/certs\/client\.crt"\),\s*key: readFileSync\("\/ws\/certs\/client\.key"\)/,
    );
    assert.match(s, /fetchOptions: \{ dispatcher \}/);
    assert.match(s, /baseURL: "https:\/\/127\.0\.0\.1:8443\/v1"/);
  });

  test("Node snippet parses as an ES module", async () => {
    const { Script } = await import("node:vm");
    // Wrap in an async function body so top-level await parses; strip the imports vm.Script cannot take.
    const body = buildSnippet("node", t).replace(/^import .*$/gm, "");
    assert.doesNotThrow(() => new Script(`(async () => {${body}})`));
  });

  test("Python: ssl.create_default_context + load_verify_locations + load_cert_chain, handed to DefaultHttpxClient", () => {
    const s = buildSnippet("python", t);
    assert.match(s, /ctx = ssl\.create_default_context\(ssl\.Purpose\.SERVER_AUTH\)/);
    assert.match(s, /ctx\.load_verify_locations\(cafile="\/ws\/certs\/ca\.crt"\)/);
    assert.match(s, /ctx\.load_cert_chain\(certfile="\/ws\/certs\/client\.crt", keyfile="\/ws\/certs\/client\.key"\)/);
    assert.match(s, /http_client=DefaultHttpxClient\(verify=ctx\)/);
    assert.match(s, /base_url="https:\/\/127\.0\.0\.1:8443\/v1"/);
  });

  test("Python snippet compiles", (ctx) => {
    const py = spawnSync("python3", ["-c", "import sys, ast; ast.parse(sys.stdin.read())"], {
      input: buildSnippet("python", { ...t, caPath: "C:\\certs\\ca.crt" }),
      encoding: "utf8",
    });
    if (py.error) return ctx.skip("python3 not available");
    assert.equal(py.status, 0, py.stderr);
  });
});

test("clientUrl dials loopback for wildcard binds and brackets IPv6", () => {
  assert.equal(clientUrl("127.0.0.1", 8443), "https://127.0.0.1:8443");
  assert.equal(clientUrl("0.0.0.0", 9000), "https://127.0.0.1:9000");
  assert.equal(clientUrl("::", 9000), "https://[::1]:9000");
  assert.equal(clientUrl("localhost", 1), "https://localhost:1");
});

test("shellQuote leaves plain paths alone and quotes the rest", () => {
  assert.equal(shellQuote("/a/b.crt"), "/a/b.crt");
  assert.equal(shellQuote("a b"), "'a b'");
  assert.equal(shellQuote("it's"), "'it'\\''s'");
});
