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
    ttftMs: scenario.ttft_ms ?? responses.ttft_ms,
    tokensPerSecond: scenario.tokens_per_second ?? responses.tokens_per_second,
    jitterPercent: scenario.jitter_percent ?? responses.jitter_percent,
    faults: [...(scenario.faults ?? [])],
    faultRatePercent: scenario.fault_rate_percent ?? 0,
  };
}

export function findScenario(list: readonly ScenarioDefinition[], name: string): ScenarioDefinition | undefined {
  return list.find((s) => s.name === name);
}
