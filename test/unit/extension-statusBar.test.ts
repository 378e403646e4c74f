import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { formatUptime, renderStatusBar, type StatusBarState } from "../../src/extension/model/statusBarView";

const base: StatusBarState = {
  state: "stopped",
  url: null,
  startedAt: null,
  requestCount: 0,
  scenario: "normal",
  mtls: true,
  lastError: null,
};

describe("renderStatusBar", () => {
  test("stopped", () => {
    const v = renderStatusBar(base);
    assert.equal(v.text, "$(circle-slash) Mock GPT: off");
    assert.equal(v.errorBackground, false);
    assert.equal(v.command, "mockGpt.switchScenario");
  });

  test("starting spins", () => {
    assert.equal(renderStatusBar({ ...base, state: "starting" }).text, "$(loading~spin) Mock GPT: starting");
  });

  test("running shows the scenario, and the tooltip has URL, uptime, requests, scenario and mTLS", () => {
    const now = 1_000_000;
    const v = renderStatusBar(
      {
        ...base,
        state: "running",
        scenario: "slow",
        url: "https://127.0.0.1:8443",
        startedAt: now - 192_000,
        requestCount: 7,
      },
      now,
    );
    assert.equal(v.text, "$(radio-tower) Mock GPT: slow");
    assert.equal(v.errorBackground, false);
    assert.match(v.tooltip, /https:\/\/127\.0\.0\.1:8443/);
    assert.match(v.tooltip, /Uptime: 3m 12s/);
    assert.match(v.tooltip, /Requests: 7/);
    assert.match(v.tooltip, /Scenario: slow/);
    assert.match(v.tooltip, /mTLS: client certificate required/);
  });

  test("running without mTLS says so", () => {
    assert.match(
      renderStatusBar({ ...base, state: "running", mtls: false, startedAt: 0, url: "https://x:1" }, 0).tooltip,
      /mTLS: off/,
    );
  });

  test("failed uses the error background and shows the error", () => {
    const v = renderStatusBar({ ...base, state: "failed", lastError: { message: "Port 8443 is already in use" } });
    assert.equal(v.text, "$(error) Mock GPT: failed");
    assert.equal(v.errorBackground, true);
    assert.match(v.tooltip, /Port 8443 is already in use/);
  });

  test("only failures get a background", () => {
    for (const state of ["stopped", "starting", "running", "stopping"] as const)
      assert.equal(renderStatusBar({ ...base, state }).errorBackground, false, state);
  });

  test("no emoji in any text", () => {
    for (const state of ["stopped", "starting", "running", "stopping", "failed"] as const) {
      assert.doesNotMatch(renderStatusBar({ ...base, state }).text, /\p{Extended_Pictographic}/u, state);
    }
  });
});

test("formatUptime", () => {
  assert.equal(formatUptime(45_000), "45s");
  assert.equal(formatUptime(65_000), "1m 05s");
  assert.equal(formatUptime(2 * 3600_000 + 5 * 60_000), "2h 05m");
  assert.equal(formatUptime(3 * 86400_000 + 4 * 3600_000), "3d 4h");
  assert.equal(formatUptime(-5), "0s");
});
