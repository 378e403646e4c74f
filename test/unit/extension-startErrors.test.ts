import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { describeIssue, type ConfigIssue, type StartErrorCode } from "../../src/core";
import {
  FIX_TITLES,
  planForConfigErrors,
  planForStartError,
  validatePortInput,
} from "../../src/extension/model/startErrorActions";

const err = (code: StartErrorCode, detail: { port?: number; host?: string; path?: string } = {}) => ({
  code,
  message: `boom (${code})`,
  detail,
});

describe("planForStartError", () => {
  test("cert_missing asks to generate, naming the folder", () => {
    const p = planForStartError(err("cert_missing", { path: "/ws/certs/server.crt" }), "certs/");
    assert.equal(p.message, "No mTLS certificates in certs/. Generate them now?");
    assert.deepEqual(p.fixes, ["generateCertificates"]);
    assert.equal(FIX_TITLES[p.fixes[0]!], "Generate Certificates");
    assert.equal(p.confirmOverwrite, false);
  });

  test("unreadable or invalid certificates: regenerate (confirming overwrite) or open the folder", () => {
    for (const code of ["cert_unreadable", "cert_invalid"] as const) {
      const p = planForStartError(err(code, { path: "/ws/certs/server.key" }), "certs/");
      assert.deepEqual(p.fixes, ["generateCertificates", "openFolder"], code);
      assert.equal(p.confirmOverwrite, true, code);
      assert.match(p.message, new RegExp(`boom \\(${code}\\)`));
    }
  });

  test("a busy port is named, with another port or the settings", () => {
    const p = planForStartError(err("port_in_use", { port: 8443, host: "127.0.0.1" }), "certs/");
    assert.match(p.message, /Port 8443 is already in use/);
    assert.deepEqual(p.fixes, ["useAnotherPort", "openSettings"]);
    assert.equal(FIX_TITLES.useAnotherPort, "Use Another Port");
    assert.equal(FIX_TITLES.openSettings, "Open Settings");
  });

  test("permission denied suggests another port", () => {
    const p = planForStartError(err("permission_denied", { port: 443 }), "certs/");
    assert.match(p.message, /port 443/);
    assert.deepEqual(p.fixes, ["useAnotherPort", "openSettings"]);
  });

  test("an unavailable address points at the host setting", () => {
    const p = planForStartError(err("address_unavailable", { host: "10.9.9.9" }), "certs/");
    assert.match(p.message, /10\.9\.9\.9/);
    assert.deepEqual(p.fixes, ["openSettings"]);
  });

  test("unknown errors show the output", () => {
    const p = planForStartError(err("unknown"), "certs/");
    assert.match(p.message, /boom \(unknown\)/);
    assert.deepEqual(p.fixes, ["showOutput"]);
    assert.equal(p.severity, "error");
  });
});

describe("planForConfigErrors", () => {
  const fileIssue: ConfigIssue = {
    file: "/ws/config/local.toml",
    line: 3,
    column: 8,
    key: "server.port",
    message: "expected an integer",
    severity: "error",
  };
  const settingIssue: ConfigIssue = {
    file: "setting",
    origin: "mockGpt.port",
    key: "server.port",
    message: "out of range",
    severity: "error",
  };

  test("a file error offers Open File and counts the rest", () => {
    const p = planForConfigErrors([fileIssue, { ...fileIssue, line: 9 }], describeIssue);
    assert.deepEqual(p.fixes, ["openFile"]);
    assert.match(p.message, /local\.toml:3:8: server\.port: expected an integer/);
    assert.match(p.message, /and 1 more/);
  });

  test("a bad setting offers Open Settings", () => {
    assert.deepEqual(planForConfigErrors([settingIssue], describeIssue).fixes, ["openSettings"]);
    assert.deepEqual(planForConfigErrors([fileIssue, settingIssue], describeIssue).fixes, ["openFile", "openSettings"]);
  });

  test("env-only errors fall back to the output", () => {
    assert.deepEqual(
      planForConfigErrors(
        [{ file: "env", origin: "MOCK_GPT_SERVER_PORT", message: "bad", severity: "error" }],
        describeIssue,
      ).fixes,
      ["showOutput"],
    );
  });
});

test("validatePortInput", () => {
  assert.equal(validatePortInput("8444"), undefined);
  assert.equal(validatePortInput(" 0 "), undefined);
  assert.equal(validatePortInput("65535"), undefined);
  assert.ok(validatePortInput("65536"));
  assert.ok(validatePortInput("-1"));
  assert.ok(validatePortInput("80a"));
  assert.ok(validatePortInput(""));
  assert.ok(validatePortInput("1.5"));
});
