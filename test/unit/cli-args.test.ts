import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCli, UsageError } from "../../src/cli/args";

test("serve is the default command and takes --config-dir, --port, --host", () => {
  assert.deepEqual(parseCli([]), { kind: "serve", configDir: undefined, port: undefined, host: undefined });
  assert.deepEqual(parseCli(["serve", "--port", "0", "--host", "::1", "--config-dir", "x"]), {
    kind: "serve",
    configDir: "x",
    port: 0,
    host: "::1",
  });
});

test("certs takes --dir and --force", () => {
  assert.deepEqual(parseCli(["certs", "--dir", "c", "--force"]), { kind: "certs", dir: "c", force: true, sans: [] });
});

test("help and version", () => {
  assert.equal(parseCli(["--help"]).kind, "help");
  assert.equal(parseCli(["-v"]).kind, "version");
});

test("bad input is a usage error, never a NaN port or an ignored flag", () => {
  for (const argv of [
    ["--port", "abc"],
    ["--port", "70000"],
    ["--port", "1.5"],
    ["--nope"],
    ["certs", "--port", "1"],
    ["serve", "--force"],
    ["launch"],
  ]) {
    assert.throws(() => parseCli(argv), UsageError, argv.join(" "));
  }
});
