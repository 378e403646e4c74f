import { makeIssue, isTable, type IssueContext } from "../config/issues";
import { CONFIG_SCHEMA, checkValue, formatValue, type KeySpec } from "../config/schema";
import { suggestion } from "../config/suggest";
import type { ConfigIssue, ScenarioDefinition } from "../config/types";
import { BUILT_IN_SCENARIO_NAMES } from "./builtIn";
import { parseFault } from "../control/faults";

function faultSpellingError(specs: string[]): string | undefined {
  for (const spec of specs)
    try {
      parseFault(spec);
    } catch (e) {
      return (e as Error).message;
    }
  return undefined;
}

/** Keys a [scenarios.<name>] table may set; the overridable ones share [responses]' checks. */
export const SCENARIO_SCHEMA: Readonly<Record<string, KeySpec>> = {
  description: { kind: "string", allowEmpty: true, doc: "One line shown in the scenario picker." },
  default_delay_ms: CONFIG_SCHEMA.responses.default_delay_ms,
  error_rate_percent: CONFIG_SCHEMA.responses.error_rate_percent,
  error_statuses: { kind: "statuses", doc: "Statuses injected errors use." },
  streaming_enabled: CONFIG_SCHEMA.responses.streaming_enabled,
  hang: { kind: "boolean", doc: "Accept requests and never answer them." },
  ttft_ms: CONFIG_SCHEMA.responses.ttft_ms,
  tokens_per_second: CONFIG_SCHEMA.responses.tokens_per_second,
  jitter_percent: CONFIG_SCHEMA.responses.jitter_percent,
  faults: {
    kind: "strings",
    doc: 'Faults (e.g. "503", "truncate:3", "reset") one of which hits fault_rate_percent of requests.',
  },
  fault_rate_percent: { kind: "number", min: 0, max: 100, doc: "Share of requests that get one of `faults`." },
  requests_per_minute: CONFIG_SCHEMA.rate_limits.requests_per_minute,
  tokens_per_minute: CONFIG_SCHEMA.rate_limits.tokens_per_minute,
};

export type ScenarioFields = Partial<Omit<ScenarioDefinition, "name" | "origin">>;

/** Reads a `scenarios` table ({ name: { ...fields } }); invalid fields are reported and left out. */
export function readScenarios(
  value: unknown,
  ctx: IssueContext,
): { scenarios: Map<string, ScenarioFields>; issues: ConfigIssue[] } {
  const scenarios = new Map<string, ScenarioFields>();
  const issues: ConfigIssue[] = [];
  if (!isTable(value)) {
    issues.push(
      makeIssue(ctx, "error", "scenarios", `expected a table of [scenarios.<name>] tables, got ${formatValue(value)}`),
    );
    return { scenarios, issues };
  }
  for (const [name, table] of Object.entries(value)) {
    const path = `scenarios.${name}`;
    if (BUILT_IN_SCENARIO_NAMES.includes(name)) {
      issues.push(
        makeIssue(ctx, "error", path, `"${name}" is a built-in scenario and cannot be redefined; choose another name`),
      );
      continue;
    }
    if (!isTable(table)) {
      issues.push(makeIssue(ctx, "error", path, `expected a table, got ${formatValue(table)}`));
      continue;
    }
    const fields: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(table)) {
      const spec = Object.hasOwn(SCENARIO_SCHEMA, key) ? SCENARIO_SCHEMA[key] : undefined;
      if (!spec) {
        issues.push(
          makeIssue(
            ctx,
            "warning",
            `${path}.${key}`,
            `unknown scenario key${suggestion(key, Object.keys(SCENARIO_SCHEMA))}`,
          ),
        );
        continue;
      }
      if (raw === undefined || raw === null) continue;
      const checked = checkValue(spec, raw);
      const badFault = key === "faults" && checked.ok ? faultSpellingError(checked.value as string[]) : undefined;
      if (badFault) issues.push(makeIssue(ctx, "error", `${path}.${key}`, badFault));
      else if (checked.ok) fields[key] = checked.value;
      else
        issues.push(makeIssue(ctx, "error", `${path}.${key}`, `expected ${checked.expected}, got ${formatValue(raw)}`));
    }
    scenarios.set(name, fields as ScenarioFields);
  }
  return { scenarios, issues };
}
