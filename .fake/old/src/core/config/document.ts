import { readScenarios, type ScenarioFields } from "../scenarios/parse";
import { readRules, type Rule } from "../control/rules";
import { isTable, makeIssue, type IssueContext } from "./issues";
import { CONFIG_SCHEMA, TABLES, checkValue, formatValue, keySpec } from "./schema";
import { suggestion } from "./suggest";
import type { ConfigIssue } from "./types";

/** One layer's valid values, by dotted key, plus what was wrong with the rest. */
export interface LayerValues {
  values: Map<string, unknown>;
  scenarios: Map<string, ScenarioFields>;
  /** [[rules]], in file order. */
  rules: Rule[];
  issues: ConfigIssue[];
}

/**
 * Checks a parsed TOML document or an override object against the schema. Unknown keys and
 * tables are warnings; wrong types are errors. `undefined`/`null` mean "not set" (settings).
 */
export function readDocument(
  doc: Record<string, unknown>,
  ctx: IssueContext,
  options: { allowScenarios: boolean },
): LayerValues {
  const out: LayerValues = { values: new Map(), scenarios: new Map(), rules: [], issues: [] };
  const knownTables: string[] = options.allowScenarios ? [...TABLES, "scenarios", "rules"] : [...TABLES];
  for (const [name, value] of Object.entries(doc)) {
    if (value === undefined || value === null) continue;
    if (name === "scenarios" && options.allowScenarios) {
      const read = readScenarios(value, ctx);
      out.scenarios = read.scenarios;
      out.issues.push(...read.issues);
    } else if (name === "rules" && options.allowScenarios) {
      const read = readRules(value, ctx);
      out.rules = read.rules;
      out.issues.push(...read.issues);
    } else if ((TABLES as string[]).includes(name)) {
      readTable(name, value, ctx, out);
    } else if (isTable(value)) {
      out.issues.push(makeIssue(ctx, "warning", name, `unknown table [${name}]${suggestion(name, knownTables)}`));
    } else {
      // A key above every header usually belongs in a table: point at the one that has it.
      const home = TABLES.find((t) => Object.hasOwn(CONFIG_SCHEMA[t], name));
      const hint = home
        ? ` (did you mean "${home}.${name}"? keys go under their [${home}] table)`
        : suggestion(name, knownTables);
      out.issues.push(makeIssue(ctx, "warning", name, `unknown key "${name}"${hint}`));
    }
  }
  return out;
}

function readTable(table: string, value: unknown, ctx: IssueContext, out: LayerValues): void {
  if (!isTable(value)) {
    out.issues.push(makeIssue(ctx, "error", table, `expected a table, got ${formatValue(value)}`));
    return;
  }
  for (const [key, raw] of Object.entries(value)) {
    const dotted = `${table}.${key}`;
    const spec = keySpec(table, key);
    if (!spec) {
      const keys = Object.keys(CONFIG_SCHEMA[table as keyof typeof CONFIG_SCHEMA]);
      out.issues.push(makeIssue(ctx, "warning", dotted, `unknown key "${key}" in [${table}]${suggestion(key, keys)}`));
      continue;
    }
    if (raw === undefined || raw === null) continue;
    const checked = checkValue(spec, raw);
    if (checked.ok) out.values.set(dotted, checked.value);
    else out.issues.push(makeIssue(ctx, "error", dotted, `expected ${checked.expected}, got ${formatValue(raw)}`));
  }
}
