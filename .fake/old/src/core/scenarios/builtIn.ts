import type { ScenarioDefinition } from "../config/types";

/**
 * Always available; user scenarios may not reuse these names. Timings follow the "Response
 * Times" table (README "Scenarios"): fast 10–50 ms, slow 5–30 s, both drawn per request.
 */
export const BUILT_IN_SCENARIOS: readonly ScenarioDefinition[] = Object.freeze(
  [
    { name: "normal", description: "Answers as configured in [responses]", origin: "built-in" },
    {
      name: "fast",
      description: "Every answer in 10–50 ms, no injected errors",
      origin: "built-in",
      default_delay_ms: 0,
      error_rate_percent: 0,
      ttft_ms: 30,
      jitter_percent: 66.66,
      tokens_per_second: 0,
    },
    {
      name: "slow",
      description: "Every answer takes 5–30 s (streams: the wait comes before the first chunk)",
      origin: "built-in",
      default_delay_ms: 0,
      ttft_ms: 17_500,
      jitter_percent: 71.428,
      tokens_per_second: 0,
    },
    {
      name: "errors",
      description: "Every request fails with 429, 500 or 503",
      origin: "built-in",
      error_rate_percent: 100,
      error_statuses: [429, 500, 503],
    },
    {
      name: "timeout",
      description: "Requests are accepted and never answered, until the client gives up",
      origin: "built-in",
      hang: true,
    },
    {
      // gpt-4o-mini as measured by Artificial Analysis (see README "Latency"): ~0.5 s to the first
      // token, ~80 output tokens/s.
      name: "realistic",
      description: "Like the real gpt-4o-mini: ~500 ms to the first token, then ~80 tokens/s",
      origin: "built-in",
      default_delay_ms: 0,
      error_rate_percent: 0,
      ttft_ms: 500,
      tokens_per_second: 80,
      jitter_percent: 30,
    },
    {
      name: "rate-limited",
      description: "Small budgets (5 requests, 2,000 tokens a minute), enforced with OpenAI's 429s",
      origin: "built-in",
      error_rate_percent: 0,
      requests_per_minute: 5,
      tokens_per_minute: 2000,
    },
    {
      name: "flaky-stream",
      description: "One stream in three breaks: reset mid-stream, an error event, or a malformed chunk",
      origin: "built-in",
      error_rate_percent: 0,
      tokens_per_second: 200,
      faults: ["truncate:4", "truncate:6:eof", "error-event:5", "malformed:3"],
      fault_rate_percent: 33,
    },
  ].map((s) => Object.freeze(s)) as ScenarioDefinition[],
);

export const BUILT_IN_SCENARIO_NAMES: readonly string[] = BUILT_IN_SCENARIOS.map((s) => s.name);
