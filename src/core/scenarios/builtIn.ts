import type { ScenarioDefinition } from "../config/types";

/** Always available; user scenarios may not reuse these names. */
export const BUILT_IN_SCENARIOS: readonly ScenarioDefinition[] = Object.freeze(
  [
    { name: "normal", description: "Answers as configured in [responses]", origin: "built-in" },
    {
      name: "fast",
      description: "No delay and no injected errors",
      origin: "built-in",
      default_delay_ms: 0,
      error_rate_percent: 0,
    },
    {
      name: "slow",
      description: "Every response takes 3 s (streams spread it over the chunks)",
      origin: "built-in",
      default_delay_ms: 3000,
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
  ].map((s) => Object.freeze(s)) as ScenarioDefinition[],
);

export const BUILT_IN_SCENARIO_NAMES: readonly string[] = BUILT_IN_SCENARIOS.map((s) => s.name);
