// Config keys and CLI parsing the container setup relies on: tls.extra_sans, the seed's max_connections, `health`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadConfig } from "../../src/core";
import { parseCli, UsageError } from "../../src/cli/args";
import { probeHost } from "../../src/cli/health";

const load = (env: Record<string, string>) => {
  const r = loadConfig({ projectDir: null, env });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.loaded;
};

test("server.max_connections defaults to the seed's 1000", () => {
  assert.equal(load({}).config.server.max_connections, 1000);
});

test("tls.extra_sans: empty by default, comma-separated from MOCK_GPT_TLS_EXTRA_SANS, empty string is empty", () => {
  assert.deepEqual(load({}).config.tls.extra_sans, []);
  assert.deepEqual(load({ MOCK_GPT_TLS_EXTRA_SANS: "mock-gpt, 10.0.0.7" }).config.tls.extra_sans, [
    "mock-gpt",
    "10.0.0.7",
  ]);
  assert.deepEqual(load({ MOCK_GPT_TLS_EXTRA_SANS: "" }).config.tls.extra_sans, []);
  const bad = loadConfig({ projectDir: null, env: { MOCK_GPT_TLS_EXTRA_SANS: "a,,b" } });
  assert.equal(bad.ok, false, "an empty name in the list is an error");
});

test("logging.file is unset by default so the CLI can apply its own default", () => {
  const l = load({});
  assert.equal(l.config.logging.file, "");
  assert.equal(l.sources["logging.file"]?.kind, "default");
  assert.equal(load({ MOCK_GPT_LOGGING_FILE: "" }).sources["logging.file"]?.kind, "env");
});

test("`health` takes the serve options; certs options are usage errors", () => {
  assert.deepEqual(parseCli(["health", "--port", "9443"]), {
    kind: "health",
    configDir: undefined,
    port: 9443,
    host: undefined,
  });
  assert.throws(() => parseCli(["health", "--force"]), UsageError);
});

test("a wildcard bind is probed on loopback", () => {
  assert.equal(probeHost("0.0.0.0"), "127.0.0.1");
  assert.equal(probeHost("::"), "::1");
  assert.equal(probeHost("10.0.0.5"), "10.0.0.5");
});

test("certs --san is repeatable and belongs to certs only", () => {
  assert.deepEqual(parseCli(["certs", "--san", "mock-gpt", "--san", "10.0.0.9"]), {
    kind: "certs",
    dir: undefined,
    force: false,
    sans: ["mock-gpt", "10.0.0.9"],
  });
  assert.throws(() => parseCli(["serve", "--san", "x"]), UsageError);
});
