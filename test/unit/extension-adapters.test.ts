// The remaining pure pieces behind the adapters: Problems-panel ranges, setting override layers, log lines.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { loadConfig } from "../../src/core";
import { diagnosticsByFile } from "../../src/extension/model/diagnosticsModel";
import { formatLogRecord } from "../../src/extension/model/logLine";
import { settingOverrides } from "../../src/extension/model/settingsModel";

describe("diagnosticsByFile", () => {
  test("groups by file with 0-based ranges; non-file issues are left out", () => {
    const map = diagnosticsByFile([
      {
        file: "/ws/config/local.toml",
        line: 3,
        column: 8,
        key: "server.port",
        message: "expected an integer",
        severity: "error",
      },
      { file: "/ws/config/local.toml", line: 5, key: "server.hots", message: "unknown key", severity: "warning" },
      { file: "/ws/config/test_scenarios.toml", message: "cannot read the file", severity: "error" },
      { file: "env", origin: "MOCK_GPT_SERVER_PORT", message: "bad", severity: "error" },
      { file: "setting", origin: "mockGpt.port", message: "bad", severity: "error" },
    ]);
    assert.deepEqual([...map.keys()], ["/ws/config/local.toml", "/ws/config/test_scenarios.toml"]);
    assert.deepEqual(map.get("/ws/config/local.toml"), [
      {
        message: "server.port: expected an integer",
        severity: "error",
        startLine: 2,
        startColumn: 7,
        endLine: 2,
        endColumn: 8,
      },
      {
        message: "server.hots: unknown key",
        severity: "warning",
        startLine: 4,
        startColumn: 0,
        endLine: 4,
        endColumn: 1000,
      },
    ]);
    assert.deepEqual(map.get("/ws/config/test_scenarios.toml")?.[0]?.startLine, 0);
  });
});

describe("settingOverrides", () => {
  test("null settings add no layer", () => assert.deepEqual(settingOverrides({ port: null, host: null }), []));

  test("port and host become setting layers that beat env", () => {
    const r = loadConfig({
      env: { MOCK_GPT_SERVER_PORT: "9000" },
      overrides: settingOverrides({ port: 9555, host: "localhost" }),
    });
    assert.ok(r.ok);
    assert.equal(r.loaded.config.server.port, 9555);
    assert.equal(r.loaded.config.server.host, "localhost");
    assert.deepEqual(r.loaded.sources["server.port"], { kind: "setting", origin: "mockGpt.port" });
  });

  test("a certificates folder moves all three TLS paths", () => {
    const r = loadConfig({
      env: {},
      overrides: settingOverrides(
        { port: null, host: null },
        { dir: "/tmp/u/certs", origin: "mockGpt.certificatesDirectory" },
      ),
    });
    assert.ok(r.ok);
    assert.equal(r.loaded.config.tls.cert_path, "/tmp/u/certs/server.crt");
    assert.equal(r.loaded.config.tls.key_path, "/tmp/u/certs/server.key");
    assert.equal(r.loaded.config.tls.ca_cert_path, "/tmp/u/certs/ca.crt");
  });

  test("an out-of-range port is reported against the setting", () => {
    const r = loadConfig({ env: {}, overrides: settingOverrides({ port: 70000, host: null }) });
    assert.ok(!r.ok);
    assert.equal(r.errors[0]?.file, "setting");
    assert.equal(r.errors[0]?.origin, "mockGpt.port");
  });
});

test("formatLogRecord: message then fields, time and level dropped", () => {
  assert.equal(
    formatLogRecord({
      time: "t",
      level: "info",
      msg: "POST /v1/chat/completions 200",
      ms: 12,
      model: "gpt-4o-mini",
      stream: false,
    }),
    "POST /v1/chat/completions 200 ms=12 model=gpt-4o-mini stream=false",
  );
  assert.equal(
    formatLogRecord({ time: "t", level: "warn", msg: "refused", reason: "no client cert" }),
    'refused reason="no client cert"',
  );
  assert.equal(formatLogRecord({ time: "t", level: "info", msg: "stopped" }), "stopped");
});

test("formatLogRecord: fields the message already shows are not repeated", () => {
  assert.equal(
    formatLogRecord({
      time: "t",
      level: "info",
      msg: "POST /v1/chat/completions 200 2775.98ms",
      requestId: "req_1",
      status: 200,
      durationMs: 2775.98,
      model: "gpt-4o-mini",
      stream: false,
    }),
    "POST /v1/chat/completions 200 2775.98ms requestId=req_1 model=gpt-4o-mini stream=false",
  );
  assert.equal(
    formatLogRecord({ time: "t", level: "info", msg: "scenario: slow", scenario: "slow" }),
    "scenario: slow",
  );
  assert.equal(
    formatLogRecord({ time: "t", level: "info", msg: "listening on https://127.0.0.1:8443", port: 844, status: 20 }),
    "listening on https://127.0.0.1:8443 port=844 status=20",
    "a value inside a longer number is not 'shown'",
  );
});
