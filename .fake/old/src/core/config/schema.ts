import type { MockGptConfig } from "./types";

export type ValueKind =
  "string" | "path" | "integer" | "number" | "boolean" | "strings" | "enum" | "statuses" | "budgets";

/** How one key is typed, checked and documented. */
export interface KeySpec {
  kind: ValueKind;
  min?: number;
  max?: number;
  /** For "enum". */
  values?: readonly string[];
  /** Strings and paths must be non-empty unless this is set; for "strings", the list may be empty. */
  allowEmpty?: boolean;
  /** One line for the README's configuration reference. */
  doc: string;
}

export type TableName = keyof MockGptConfig;

type Schema = { [T in TableName]: { [K in keyof MockGptConfig[T]]-?: KeySpec } };

export const ERROR_STATUSES = [429, 500, 503] as const;

/** The delay cap keeps a typo (seconds * 1000 twice) from hanging a test run for days. */
export const MAX_DELAY_MS = 600_000;

/** Every key the config files, env and overrides may set. Mirrors MockGptConfig exactly (checked by the type). */
export const CONFIG_SCHEMA: Schema = {
  server: {
    host: { kind: "string", doc: "Interface to listen on; loopback by default." },
    port: { kind: "integer", min: 0, max: 65535, doc: "TCP port; 0 asks the OS for a free one." },
    max_connections: { kind: "integer", min: 1, doc: "Concurrent TLS connections; further ones are refused." },
    max_body_bytes: { kind: "integer", min: 1024, doc: "Request bodies larger than this get 413." },
    request_timeout_ms: {
      kind: "integer",
      min: 100,
      max: 3_600_000,
      doc: "A request not fully received (headers and body) after this long gets 408.",
    },
    handshake_timeout_ms: {
      kind: "integer",
      min: 100,
      max: 120_000,
      doc: "A TLS handshake not finished after this long is dropped (counted as abandoned, not refused).",
    },
  },
  tls: {
    cert_path: { kind: "path", doc: "Server certificate (PEM), relative to the project directory." },
    key_path: { kind: "path", doc: "Server private key (PEM), relative to the project directory." },
    ca_cert_path: { kind: "path", doc: "CA that client certificates must chain to (PEM)." },
    require_client_cert: { kind: "boolean", doc: "Mutual TLS: refuse clients without a certificate from the CA." },
    extra_sans: {
      kind: "strings",
      allowEmpty: true,
      doc: "Extra DNS names or IPs for a server certificate generated on first run (e.g. a compose service name).",
    },
  },
  responses: {
    default_delay_ms: {
      kind: "integer",
      min: 0,
      max: MAX_DELAY_MS,
      doc: "Delay added to every response, in ms; streams spread it over the chunks.",
    },
    error_rate_percent: { kind: "number", min: 0, max: 100, doc: "Share of requests turned into 429/500/503 errors." },
    streaming_enabled: { kind: "boolean", doc: "Allow streamed (SSE) answers to `stream: true` requests." },
    max_tokens: { kind: "integer", min: 1, doc: "Completion token cap when the request sets none." },
    temperature: { kind: "number", min: 0, max: 2, doc: "Temperature used when the request sets none." },
    ttft_ms: {
      kind: "integer",
      min: 0,
      max: MAX_DELAY_MS,
      doc: "Time to the first byte (JSON answers) or the first chunk (streams), in ms.",
    },
    tokens_per_second: {
      kind: "number",
      min: 0,
      max: 100_000,
      doc: "Pace of stream chunks and body time of JSON answers; 0 = unpaced.",
    },
    jitter_percent: {
      kind: "number",
      min: 0,
      max: 100,
      doc: "Spread (±%) drawn around ttft_ms and each token's time.",
    },
    seed: {
      kind: "integer",
      min: 0,
      doc: "Seeds the timing draws when the request sets no `seed`, for reproducible timings; 0 = unseeded.",
    },
    control_headers: {
      kind: "boolean",
      doc: "Honour the per-request x-mock-scenario, x-mock-fault, x-mock-delay-ms, ... headers.",
    },
  },
  models: {
    available: {
      kind: "strings",
      doc: "Model ids listed by /v1/models and accepted by the endpoint of their kind (chat, instruct, embedding, moderation).",
    },
  },
  logging: {
    level: { kind: "enum", values: ["error", "warn", "info", "debug", "trace"], doc: "Log verbosity." },
    file: {
      kind: "path",
      allowEmpty: true,
      doc: "JSON-lines log file, relative to the project directory; empty for none.",
    },
    request_log_size: { kind: "integer", min: 1, max: 100_000, doc: "Requests kept in the in-memory request log." },
  },
  scenario: {
    active: { kind: "string", doc: "Active scenario: a built-in one or any `[scenarios.<name>]`." },
  },
  rate_limits: {
    enforce: {
      kind: "boolean",
      doc: "Answer 429 `rate_limit_exceeded` over budget; off, budgets are still counted and shown in `x-ratelimit-*`.",
    },
    requests_per_minute: { kind: "integer", min: 1, doc: "Requests per minute, per client and model." },
    tokens_per_minute: {
      kind: "integer",
      min: 1,
      doc: "Tokens per minute, per client and model: the estimate (characters / 4 + `max_tokens`), then the real usage.",
    },
    models: {
      kind: "budgets",
      doc: 'Per-model budgets: `[rate_limits.models."gpt-4o"]` with `requests_per_minute` and/or `tokens_per_minute`.',
    },
  },
};

export const TABLES = Object.keys(CONFIG_SCHEMA) as TableName[];

export function keySpec(table: string, key: string): KeySpec | undefined {
  const t = (CONFIG_SCHEMA as Record<string, Record<string, KeySpec>>)[table];
  return t && Object.hasOwn(t, key) ? t[key] : undefined;
}

/** Every dotted key, in schema order. */
export function configKeys(): string[] {
  return TABLES.flatMap((t) => Object.keys(CONFIG_SCHEMA[t]).map((k) => `${t}.${k}`));
}

/** MOCK_GPT_<TABLE>_<KEY> for a dotted key. */
export function envVarName(dottedKey: string): string {
  return "MOCK_GPT_" + dottedKey.replace(".", "_").toUpperCase();
}

/** "an integer 0-65535", "true or false", ...: the expected half of a type/range message. */
export function describeExpected(spec: KeySpec): string {
  const range = (what: string) => {
    if (spec.min !== undefined && spec.max !== undefined) return `${what} ${spec.min}-${spec.max}`;
    if (spec.min !== undefined) return `${what} >= ${spec.min}`;
    return what;
  };
  switch (spec.kind) {
    case "integer":
      return range("an integer");
    case "number":
      return range("a number");
    case "boolean":
      return "true or false";
    case "string":
    case "path":
      return spec.allowEmpty ? "a string" : "a non-empty string";
    case "strings":
      return spec.allowEmpty ? "a list of non-empty strings" : "a non-empty list of non-empty strings";
    case "enum":
      return `one of ${(spec.values ?? []).join(", ")}`;
    case "statuses":
      return `a non-empty list of statuses from ${ERROR_STATUSES.join(", ")}`;
    case "budgets":
      return "a table of model = { requests_per_minute = <integer >= 1>, tokens_per_minute = <integer >= 1> }";
  }
}

/** A short rendering of a user's value for messages. */
export function formatValue(value: unknown): string {
  let s: string;
  if (typeof value === "string") s = JSON.stringify(value);
  else if (Array.isArray(value)) s = JSON.stringify(value) ?? String(value);
  else if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === null) s = "a table";
  else if (value !== null && typeof value === "object" && value.constructor === Object) s = "a table";
  else s = String(value);
  return s.length > 60 ? s.slice(0, 57) + "..." : s;
}

export type CheckResult = { ok: true; value: unknown } | { ok: false; expected: string };

/** Checks type and range; returns a copy for arrays so layers never share mutable values. */
export function checkValue(spec: KeySpec, value: unknown): CheckResult {
  const fail = { ok: false, expected: describeExpected(spec) } as const;
  const inRange = (n: number) => (spec.min === undefined || n >= spec.min) && (spec.max === undefined || n <= spec.max);
  switch (spec.kind) {
    case "integer":
      return typeof value === "number" && Number.isSafeInteger(value) && inRange(value) ? { ok: true, value } : fail;
    case "number":
      return typeof value === "number" && Number.isFinite(value) && inRange(value) ? { ok: true, value } : fail;
    case "boolean":
      return typeof value === "boolean" ? { ok: true, value } : fail;
    case "string":
    case "path":
      return typeof value === "string" && (spec.allowEmpty || value.trim() !== "") ? { ok: true, value } : fail;
    case "enum":
      return typeof value === "string" && (spec.values ?? []).includes(value) ? { ok: true, value } : fail;
    case "strings":
      return Array.isArray(value) &&
        (spec.allowEmpty || value.length > 0) &&
        value.every((v) => typeof v === "string" && v.trim() !== "")
        ? { ok: true, value: [...value] }
        : fail;
    case "statuses":
      return Array.isArray(value) &&
        value.length > 0 &&
        value.every((v) => (ERROR_STATUSES as readonly unknown[]).includes(v))
        ? { ok: true, value: [...new Set(value)] }
        : fail;
    case "budgets":
      return checkBudgets(value) ?? fail;
  }
}

const BUDGET_KEYS = ["requests_per_minute", "tokens_per_minute"];

/** `{ "<model>": { requests_per_minute?, tokens_per_minute? } }`, each a positive integer; a copy. */
function checkBudgets(value: unknown): CheckResult | null {
  const isPlain = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
  if (!isPlain(value)) return null;
  const out: Record<string, Record<string, number>> = {};
  for (const [model, budget] of Object.entries(value)) {
    if (!isPlain(budget) || model.trim() === "") return null;
    const copy: Record<string, number> = {};
    for (const [k, n] of Object.entries(budget)) {
      if (!BUDGET_KEYS.includes(k) || typeof n !== "number" || !Number.isSafeInteger(n) || n < 1) return null;
      copy[k] = n;
    }
    out[model] = copy;
  }
  return { ok: true, value: out };
}

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = ["true", "1", "yes"];
const FALSE = ["false", "0", "no"];

/** Parses an env string to the key's type, strictly: "12abc" is an error, never NaN or 12. */
export function parseEnvValue(spec: KeySpec, raw: string): CheckResult {
  const text = raw.trim();
  let value: unknown;
  switch (spec.kind) {
    case "integer":
      value = INTEGER.test(text) ? Number(text) : undefined;
      break;
    case "number":
      value = NUMBER.test(text) ? Number(text) : undefined;
      break;
    case "boolean": {
      const lower = text.toLowerCase();
      value = TRUE.includes(lower) ? true : FALSE.includes(lower) ? false : undefined;
      break;
    }
    case "strings":
      value = spec.allowEmpty && text === "" ? [] : raw.split(",").map((s) => s.trim());
      break;
    case "statuses":
      value = raw.split(",").map((s) => (INTEGER.test(s.trim()) ? Number(s.trim()) : s.trim()));
      break;
    case "budgets":
      try {
        value = JSON.parse(raw);
      } catch {
        value = undefined;
      }
      break;
    default:
      value = raw;
  }
  return value === undefined ? { ok: false, expected: describeExpected(spec) } : checkValue(spec, value);
}
