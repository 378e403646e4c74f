import type { MockGptConfig, ScenarioDefinition } from "../config/types";
import { ERROR_STATUSES } from "../config/schema";
import type { Behavior } from "../server/types";

/** config.responses with the scenario's overrides on top: what the next request gets. */
export function resolveBehavior(responses: MockGptConfig["responses"], scenario: ScenarioDefinition): Behavior {
  return {
    delayMs: scenario.default_delay_ms ?? responses.default_delay_ms,
    errorRatePercent: scenario.error_rate_percent ?? responses.error_rate_percent,
    errorStatuses: [...(scenario.error_statuses ?? ERROR_STATUSES)],
    streamingEnabled: scenario.streaming_enabled ?? responses.streaming_enabled,
    hang: scenario.hang ?? false,
  };
}

export function findScenario(list: readonly ScenarioDefinition[], name: string): ScenarioDefinition | undefined {
  return list.find((s) => s.name === name);
}
