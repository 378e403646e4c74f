import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { formatClock, renderStatusBar, type StatusBarState } from "../../src/extension/model/statusBarView";

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

  test("running shows the port and the scenario; the tooltip has URL, start time, requests, scenario and mTLS", () => {
    const now = new Date(2026, 0, 2, 14, 3, 9).getTime();
    const v = renderStatusBar({
      ...base,
      state: "running",
      scenario: "slow",
      url: "https://127.0.0.1:8443",
      port: 8443,
      startedAt: now,
      requestCount: 7,
    });
    assert.equal(v.text, "$(radio-tower) Mock GPT :8443 · slow");
    assert.equal(v.errorBackground, false);
    assert.match(v.tooltip, /https:\/\/127\.0\.0\.1:8443/);
    assert.match(v.tooltip, /Running since: 14:03:09/);
    assert.match(v.tooltip, /Requests: 7/);
    assert.match(v.tooltip, /Scenario: slow/);
    assert.match(v.tooltip, /mTLS: client certificate required/);
  });

  test("running without mTLS says so", () => {
    assert.match(
      renderStatusBar({ ...base, state: "running", mtls: false, startedAt: 0, url: "https://x:1" }).tooltip,
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

test("the port comes from the URL when the status has none", () => {
  assert.equal(
    renderStatusBar({ ...base, state: "running", url: "https://[::1]:9000", startedAt: 0 }).text,
    "$(radio-tower) Mock GPT :9000 · normal",
  );
});

test("an expected first-run step is shown as such, never as a failure", () => {
  for (const state of ["stopped", "failed"] as const) {
    const v = renderStatusBar(
      { ...base, state, lastError: { message: "no certificates" } },
      {
        setup: "needs certificates",
      },
    );
    assert.equal(v.text, "$(key) Mock GPT: needs certificates", state);
    assert.equal(v.errorBackground, false, state);
  }
  assert.equal(
    renderStatusBar({ ...base, state: "starting" }, { setup: "needs certificates" }).text,
    "$(loading~spin) Mock GPT: starting",
    "a start in progress wins over the setup note",
  );
});

test("a rejected configuration save: warning icon and background, the reason in the tooltip", () => {
  const v = renderStatusBar(
    { ...base, state: "running", url: "https://127.0.0.1:8443", startedAt: 0 },
    { configProblem: "config/local.toml:3:1: server.port: expected an integer" },
  );
  assert.equal(v.text, "$(warning) Mock GPT :8443 · normal");
  assert.equal(v.warningBackground, true);
  assert.equal(v.errorBackground, false);
  assert.match(v.tooltip, /Configuration not applied:\*\* config\/local\.toml:3:1/);
  assert.equal(renderStatusBar({ ...base, state: "running", startedAt: 0 }).warningBackground, false);
});

test("formatClock", () => {
  assert.equal(formatClock(new Date(2026, 0, 2, 9, 5, 7).getTime()), "09:05:07");
});
