import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { load, project } from "../helpers/configProject";
import { describeIssue, ERROR_STATUSES, loadConfig } from "../../src/core/config";
import type { MockGptConfig, ScenarioDefinition } from "../../src/core/config/types";
import { BUILT_IN_SCENARIOS, findScenario, resolveBehavior } from "../../src/core/scenarios";

const responses: MockGptConfig["responses"] = {
  default_delay_ms: 123,
  error_rate_percent: 7,
  streaming_enabled: false,
  max_tokens: 10,
  temperature: 0.5,
  ttft_ms: 40,
  tokens_per_second: 25,
  jitter_percent: 10,
  seed: 0,
  control_headers: true,
};

const builtIn = (name: string): ScenarioDefinition => {
  const s = findScenario(BUILT_IN_SCENARIOS, name);
  assert.ok(s, `no built-in ${name}`);
  return s;
};

describe("built-in scenarios", () => {
  test("are the five documented ones, each with a one-line description", () => {
    assert.deepEqual(
      BUILT_IN_SCENARIOS.map((s) => s.name),
      ["normal", "fast", "slow", "errors", "timeout", "realistic", "rate-limited", "flaky-stream"],
    );
    for (const s of BUILT_IN_SCENARIOS) {
      assert.equal(s.origin, "built-in");
      assert.ok(s.description.length > 0 && !s.description.includes("\n"), s.name);
    }
  });

  test("resolveBehavior: normal uses [responses] as-is", () => {
    assert.deepEqual(resolveBehavior(responses, builtIn("normal")), {
      delayMs: responses.default_delay_ms,
      errorRatePercent: responses.error_rate_percent,
      errorStatuses: [...ERROR_STATUSES],
      streamingEnabled: responses.streaming_enabled,
      hang: false,
      ttftMs: 40,
      tokensPerSecond: 25,
      jitterPercent: 10,
      faults: [],
      faultRatePercent: 0,
    });
  });

  test("resolveBehavior: fast drops delay and errors, keeps the rest", () => {
    const b = resolveBehavior(responses, builtIn("fast"));
    assert.equal(b.delayMs, 0);
    assert.equal(b.errorRatePercent, 0);
    assert.equal(b.streamingEnabled, responses.streaming_enabled);
    assert.equal(b.hang, false);
  });

  test("resolveBehavior: slow waits 5–30 s before the first byte and keeps the configured error rate", () => {
    const b = resolveBehavior(responses, builtIn("slow"));
    assert.equal(b.delayMs, 0);
    assert.ok(Math.abs(b.ttftMs * (1 - b.jitterPercent / 100) - 5000) < 5, `low end ${b.ttftMs}±${b.jitterPercent}%`);
    assert.ok(Math.abs(b.ttftMs * (1 + b.jitterPercent / 100) - 30000) < 5, `high end ${b.ttftMs}±${b.jitterPercent}%`);
    assert.equal(b.errorRatePercent, responses.error_rate_percent);
    assert.equal(b.hang, false);
  });

  test("resolveBehavior: errors fails everything with 429/500/503", () => {
    const b = resolveBehavior(responses, builtIn("errors"));
    assert.equal(b.errorRatePercent, 100);
    assert.deepEqual(b.errorStatuses, [429, 500, 503]);
    assert.equal(b.delayMs, responses.default_delay_ms);
  });

  test("resolveBehavior: timeout hangs", () => {
    const b = resolveBehavior(responses, builtIn("timeout"));
    assert.equal(b.hang, true);
    assert.equal(b.errorRatePercent, responses.error_rate_percent);
  });

  test("resolveBehavior never shares the scenario's status array", () => {
    const errors = builtIn("errors");
    const b = resolveBehavior(responses, errors);
    b.errorStatuses.pop();
    assert.deepEqual(resolveBehavior(responses, errors).errorStatuses, [429, 500, 503]);
  });

  test("findScenario returns undefined for unknown names", () => {
    assert.equal(findScenario(BUILT_IN_SCENARIOS, "nope"), undefined);
    assert.equal(findScenario(BUILT_IN_SCENARIOS, "slow")?.ttft_ms, 17_500);
  });
});

describe("user scenarios", () => {
  const text = [
    "[responses]",
    "max_tokens = 77",
    "",
    "[scenarios.flaky]",
    'description = "One in four fails"',
    "error_rate_percent = 25",
    "error_statuses = [429, 503]",
    "",
    "[scenarios.stuck]",
    "hang = true",
    "streaming_enabled = false",
  ].join("\n");

  test("follow the built-ins, with their file as origin, and the file is an ordinary layer too", () => {
    const dir = project({ "test_scenarios.toml": text });
    const file = join(dir, "config", "test_scenarios.toml");
    const loaded = load({ projectDir: dir });
    assert.deepEqual(
      loaded.scenarios.map((s) => s.name),
      [...BUILT_IN_SCENARIOS.map((s) => s.name), "flaky", "stuck"],
    );
    assert.deepEqual(findScenario(loaded.scenarios, "flaky"), {
      name: "flaky",
      description: "One in four fails",
      origin: file,
      error_rate_percent: 25,
      error_statuses: [429, 503],
    });
    const stuck = findScenario(loaded.scenarios, "stuck")!;
    assert.match(stuck.description, /test_scenarios\.toml/);
    assert.deepEqual(resolveBehavior(loaded.config.responses, stuck), {
      delayMs: loaded.config.responses.default_delay_ms,
      errorRatePercent: loaded.config.responses.error_rate_percent,
      errorStatuses: [429, 500, 503],
      streamingEnabled: false,
      hang: true,
      ttftMs: 0,
      tokensPerSecond: 0,
      jitterPercent: 0,
      faults: [],
      faultRatePercent: 0,
    });
    assert.equal(loaded.config.responses.max_tokens, 77);
    assert.deepEqual(loaded.sources["responses.max_tokens"], { kind: "scenarios", origin: file });
  });

  test("can be activated from a file or env; unknown names are errors with a suggestion", () => {
    const dir = project({ "test_scenarios.toml": text, "local.toml": '[scenario]\nactive = "flaky"\n' });
    assert.equal(load({ projectDir: dir }).config.scenario.active, "flaky");
    assert.equal(load({ projectDir: dir, env: { MOCK_GPT_SCENARIO_ACTIVE: "stuck" } }).config.scenario.active, "stuck");
    const r = loadConfig({ projectDir: dir, env: { MOCK_GPT_SCENARIO_ACTIVE: "flakey" } });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0]!.origin, "MOCK_GPT_SCENARIO_ACTIVE");
    assert.match(r.errors[0]!.message, /unknown scenario "flakey" \(did you mean "flaky"\?\)/);
    const inFile = loadConfig({ projectDir: project({ "local.toml": '\n[scenario]\nactive = "ghost"\n' }), env: {} });
    assert.equal(inFile.ok, false);
    if (!inFile.ok) assert.deepEqual([inFile.errors[0]!.line, inFile.errors[0]!.key], [3, "scenario.active"]);
  });

  test("merge field by field across layers; origin is the last file", () => {
    const dir = project({ "test_scenarios.toml": text, "local.toml": "[scenarios.flaky]\nerror_rate_percent = 50\n" });
    const flaky = findScenario(load({ projectDir: dir }).scenarios, "flaky")!;
    assert.equal(flaky.error_rate_percent, 50);
    assert.deepEqual(flaky.error_statuses, [429, 503]);
    assert.equal(flaky.description, "One in four fails");
    assert.equal(flaky.origin, join(dir, "config", "local.toml"));
  });

  test("invalid values are errors with the scenario key and position; unknown keys warn", () => {
    const bad = [
      "[scenarios.broken]",
      "error_statuses = [404]",
      "default_delay_ms = -5",
      "hnag = true",
      "description = 3",
    ].join("\n");
    const dir = project({ "test_scenarios.toml": bad });
    const r = loadConfig({ projectDir: dir, env: {} });
    assert.equal(r.ok, false);
    if (r.ok) return;
    const byKey = new Map(r.errors.map((e) => [e.key, e]));
    assert.equal(r.errors.length, 3, r.errors.map(describeIssue).join("\n"));
    assert.match(byKey.get("scenarios.broken.error_statuses")!.message, /429, 500, 503, got \[404\]/);
    assert.equal(byKey.get("scenarios.broken.error_statuses")!.line, 2);
    assert.equal(byKey.get("scenarios.broken.default_delay_ms")!.line, 3);
    assert.ok(byKey.has("scenarios.broken.description"));
    assert.equal(r.warnings.length, 1);
    assert.equal(r.warnings[0]!.key, "scenarios.broken.hnag");
    assert.match(r.warnings[0]!.message, /did you mean "hang"/);
  });

  test("a built-in name cannot be redefined", () => {
    const clash = "# mine\n[scenarios.slow]\ndefault_delay_ms = 1\n";
    const dir = project({ "test_scenarios.toml": clash });
    const r = loadConfig({ projectDir: dir, env: {} });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.errors.length, 1);
    assert.deepEqual(
      { key: r.errors[0]!.key, line: r.errors[0]!.line, file: r.errors[0]!.file },
      { key: "scenarios.slow", line: 2, file: join(dir, "config", "test_scenarios.toml") },
    );
    assert.match(r.errors[0]!.message, /built-in/);
  });

  test("the shipped example file loads cleanly", () => {
    const example = join(__dirname, "..", "..", "config", "test_scenarios.example.toml");
    const dir = project({});
    assert.equal(load({ projectDir: dir, configDir: dir }).scenarios.length, BUILT_IN_SCENARIOS.length);
    writeFileSync(join(dir, "test_scenarios.toml"), readFileSync(example, "utf8"));
    const withExample = load({ projectDir: dir, configDir: dir });
    assert.deepEqual(withExample.warnings, []);
    assert.ok(withExample.scenarios.length > BUILT_IN_SCENARIOS.length);
  });
});
