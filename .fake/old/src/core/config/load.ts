import { readFileSync, realpathSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parse, TomlError } from "smol-toml";
import { BUILT_IN_SCENARIOS } from "../scenarios/builtIn";
import { shadowWarnings, type Rule } from "../control/rules";
import { readDocument, type LayerValues } from "./document";
import { readEnv } from "./env";
import { makeIssue, type IssueContext } from "./issues";
import { builtInDefaultsPath } from "./packageRoot";
import { configKeys, envVarName, keySpec } from "./schema";
import { suggestion } from "./suggest";
import type {
  ConfigIssue,
  ConfigSource,
  ConfigSourceKind,
  LoadConfigOptions,
  LoadResult,
  MockGptConfig,
  ScenarioDefinition,
} from "./types";

interface Layer {
  kind: ConfigSourceKind;
  /** Per key, because env layers have one origin per variable. */
  originOf: (key: string) => string;
  ctx: (key: string) => IssueContext;
  read: LayerValues;
}

/**
 * Reads and validates every layer, lowest first: built-in default.toml, the project's
 * config/default.toml, test_scenarios.toml, local.toml, MOCK_GPT_* env, then overrides.
 * All issues are collected; any error makes the result not ok.
 */
export function loadConfig(options: LoadConfigOptions = {}): LoadResult {
  const issues: ConfigIssue[] = [];
  const projectDir = options.projectDir == null ? null : resolve(options.projectDir);
  const base = projectDir ?? process.cwd();
  const configDir =
    options.configDir !== undefined ? resolve(base, options.configDir) : projectDir ? join(projectDir, "config") : null;

  let builtIn: string;
  try {
    builtIn = resolve(options.builtInDefaultsFile ?? builtInDefaultsPath());
  } catch (e) {
    return {
      ok: false,
      errors: [{ file: "built-in", message: (e as Error).message, severity: "error" }],
      warnings: [],
    };
  }

  const layers: Layer[] = [];
  const files: string[] = [];
  const addFile = (kind: ConfigSourceKind, file: string, required: boolean) => {
    const text = readText(file, required, issues);
    if (text === undefined) return;
    files.push(file);
    const doc = parseToml(text, file, issues);
    if (!doc) return;
    const ctx = { file, text };
    layers.push({ kind, originOf: () => file, ctx: () => ctx, read: readDocument(doc, ctx, { allowScenarios: true }) });
  };

  addFile("default", builtIn, true);
  if (configDir) {
    const projectDefaults = join(configDir, "default.toml");
    if (!sameFile(projectDefaults, builtIn)) addFile("project", projectDefaults, false);
    addFile("scenarios", join(configDir, "test_scenarios.toml"), false);
    addFile("local", join(configDir, "local.toml"), false);
  }
  layers.push({
    kind: "env",
    originOf: envVarName,
    ctx: (k) => ({ file: "env", origin: envVarName(k) }),
    read: readEnv(options.env ?? process.env),
  });
  for (const o of options.overrides ?? []) {
    const ctx = { file: o.kind, origin: o.origin };
    const read = readDocument((o.values ?? {}) as Record<string, unknown>, ctx, {
      allowScenarios: o.allowScenarios === true,
    });
    layers.push({ kind: o.kind, originOf: () => o.origin, ctx: () => ctx, read });
  }

  // Merge: later layers win key by key; scenarios merge field by field.
  const flat = new Map<string, unknown>();
  const sources: Record<string, ConfigSource> = {};
  const sourceLayer = new Map<string, Layer>();
  const userScenarios = new Map<string, ScenarioDefinition>();
  const rules: Rule[] = [];
  for (const layer of layers) {
    issues.push(...layer.read.issues);
    rules.unshift(...layer.read.rules); // later layers' rules are tried first
    for (const [key, value] of layer.read.values) {
      flat.set(key, value);
      sources[key] = { kind: layer.kind, origin: layer.originOf(key) };
      sourceLayer.set(key, layer);
    }
    for (const [name, fields] of layer.read.scenarios) {
      const origin = layer.originOf(name);
      const prev = userScenarios.get(name);
      const description = fields.description ?? prev?.description ?? `Defined in ${basename(origin)}`;
      userScenarios.set(name, { ...prev, ...fields, name, description, origin });
    }
  }

  // Only meaningful when the built-in file itself was read; otherwise its own error says it all.
  const builtInRead = layers[0]?.kind === "default";
  for (const key of builtInRead ? configKeys() : []) {
    if (!flat.has(key) && !issues.some((i) => i.key === key && i.severity === "error"))
      issues.push({
        file: builtIn,
        key,
        message: "missing: the built-in defaults must set every key",
        severity: "error",
      });
  }

  const scenarios = [...BUILT_IN_SCENARIOS, ...userScenarios.values()];
  const active = flat.get("scenario.active");
  const activeLayer = sourceLayer.get("scenario.active");
  if (typeof active === "string" && activeLayer && !scenarios.some((s) => s.name === active)) {
    const names = scenarios.map((s) => s.name);
    const message = `unknown scenario "${active}"${suggestion(active, names)}; known: ${names.join(", ")}`;
    issues.push(makeIssue(activeLayer.ctx("scenario.active"), "error", "scenario.active", message));
  }

  for (const w of shadowWarnings(rules, (r) => r.position ?? {})) issues.push(w);
  for (const r of rules)
    if (r.action.scenario !== undefined && !scenarios.some((s) => s.name === r.action.scenario))
      issues.push({
        ...r.position,
        file: r.position?.file ?? r.origin,
        key: "rules",
        severity: "error",
        message: `rule "${r.name}": unknown scenario "${r.action.scenario}"; known: ${scenarios.map((s) => s.name).join(", ")}`,
      });

  const errors = issues.filter((i) => i.severity === "error");
  const warnings = issues.filter((i) => i.severity !== "error");
  if (errors.length > 0) return { ok: false, errors, warnings };

  for (const [key, value] of flat) {
    if (keySpec(...splitKey(key))?.kind === "path" && typeof value === "string" && value !== "")
      flat.set(key, resolve(base, value));
  }
  return {
    ok: true,
    loaded: { config: nest(flat), sources, scenarios, rules, files, warnings, projectDir, configDir },
  };
}

function splitKey(key: string): [string, string] {
  const dot = key.indexOf(".");
  return [key.slice(0, dot), key.slice(dot + 1)];
}

function nest(flat: Map<string, unknown>): MockGptConfig {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of flat) {
    const [table, name] = splitKey(key);
    (out[table] ??= {})[name] = value;
  }
  return out as unknown as MockGptConfig;
}

function readText(file: string, required: boolean, issues: ConfigIssue[]): string | undefined {
  try {
    return readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && !required) return undefined;
    issues.push({
      file,
      message: code === "ENOENT" ? "file not found" : `cannot read the file (${code ?? (e as Error).message})`,
      severity: "error",
    });
    return undefined;
  }
}

function parseToml(text: string, file: string, issues: ConfigIssue[]): Record<string, unknown> | undefined {
  try {
    return parse(text, { unsafeKeyBehaviour: "throw" }) as Record<string, unknown>;
  } catch (e) {
    if (!(e instanceof TomlError)) {
      issues.push({ file, message: `invalid TOML: ${(e as Error).message}`, severity: "error" });
      return undefined;
    }
    // smol-toml's message carries a code frame; the Problems panel wants one line.
    const first = (e.message.split("\n")[0] ?? "").replace(/^Invalid TOML document:\s*/, "");
    issues.push({ file, line: e.line, column: e.column, message: `invalid TOML: ${first}`, severity: "error" });
    return undefined;
  }
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
