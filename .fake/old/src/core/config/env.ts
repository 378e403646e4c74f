import type { LayerValues } from "./document";
import { makeIssue } from "./issues";
import { TABLES, configKeys, envVarName, keySpec, parseEnvValue } from "./schema";
import { suggestion } from "./suggest";

const PREFIX = "MOCK_GPT_";

/** Reads MOCK_GPT_<TABLE>_<KEY> variables; other variables are ignored, unknown MOCK_GPT_ ones warned about. */
export function readEnv(env: NodeJS.ProcessEnv): LayerValues {
  const out: LayerValues = { values: new Map(), scenarios: new Map(), rules: [], issues: [] };
  const known = configKeys().map(envVarName);
  for (const name of Object.keys(env).sort()) {
    const raw = env[name];
    if (!name.startsWith(PREFIX) || raw === undefined) continue;
    const ctx = { file: "env", origin: name };
    // Upper case only, so one variable name maps to one key and back (sources report the name).
    const dotted = name === name.toUpperCase() ? toDottedKey(name.slice(PREFIX.length)) : undefined;
    const spec = dotted ? keySpec(...(dotted.split(".") as [string, string])) : undefined;
    if (!dotted || !spec) {
      out.issues.push(makeIssue(ctx, "warning", undefined, `not a Mock GPT setting${suggestion(name, known)}`));
      continue;
    }
    const parsed = parseEnvValue(spec, raw);
    if (parsed.ok) out.values.set(dotted, parsed.value);
    else out.issues.push(makeIssue(ctx, "error", dotted, `expected ${parsed.expected}, got ${JSON.stringify(raw)}`));
  }
  return out;
}

/** "SERVER_MAX_CONNECTIONS" -> "server.max_connections"; no table name is another's prefix, so the split is unambiguous. */
function toDottedKey(rest: string): string | undefined {
  const lower = rest.toLowerCase();
  const table = TABLES.find((t) => lower.startsWith(t + "_"));
  return table ? `${table}.${lower.slice(table.length + 1)}` : undefined;
}
