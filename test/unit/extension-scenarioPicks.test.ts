import assert from "node:assert/strict";
import { test } from "node:test";
import { BUILT_IN_SCENARIOS, type ScenarioDefinition } from "../../src/core";
import { scenarioPicks } from "../../src/extension/model/scenarioPicks";

const user: ScenarioDefinition = {
  name: "flaky",
  description: "10% errors",
  origin: "/ws/config/test_scenarios.toml",
  error_rate_percent: 10,
};
const all = [...BUILT_IN_SCENARIOS, user];

test("labels are the scenario names; only the current one carries $(check)", () => {
  const picks = scenarioPicks(all, "slow", "running").filter((p) => p.kind === "scenario");
  assert.deepEqual(
    picks.map((p) => p.label),
    ["normal", "fast", "$(check) slow", "errors", "timeout", "realistic", "rate-limited", "flaky-stream", "flaky"],
  );
});

test("descriptions come from the scenarios; user ones name their file", () => {
  const picks = scenarioPicks(all, "normal", "stopped");
  const flaky = picks.find((p) => p.kind === "scenario" && p.name === "flaky");
  assert.ok(flaky && flaky.kind === "scenario");
  assert.equal(flaky.description, "10% errors");
  assert.equal(flaky.detail, "from test_scenarios.toml");
  const normal = picks.find((p) => p.kind === "scenario" && p.name === "normal");
  assert.ok(normal && normal.kind === "scenario" && normal.detail === undefined);
});

test("a separator, then Stop while running or starting", () => {
  for (const state of ["running", "starting"] as const) {
    const picks = scenarioPicks(all, "normal", state);
    assert.equal(picks.at(-2)?.kind, "separator");
    const last = picks.at(-1);
    assert.ok(last?.kind === "action" && last.command === "mockGpt.stopServer", state);
    assert.match(last.label, /Stop Server$/);
  }
});

test("Start when stopped or failed", () => {
  for (const state of ["stopped", "failed"] as const) {
    const last = scenarioPicks(all, "normal", state).at(-1);
    assert.ok(last?.kind === "action" && last.command === "mockGpt.startServer", state);
    assert.match(last.label, /Start Server$/);
  }
});
