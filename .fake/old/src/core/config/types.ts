import type { Rule } from "../control/rules";
import type { ConfigSourceKind } from "../../shared/health";

export type { ConfigSourceKind };
/** The effective configuration, after every layer. Keys mirror config/default.toml exactly. */
export interface MockGptConfig {
  server: {
    /** @default "127.0.0.1" */
    host: string;
    /** 0 asks the OS for a free port. @default 8443 */
    port: number;
    /** The seed's figure. @default 1000 */
    max_connections: number;
    /** Larger request bodies get 413. @default 1048576 */
    max_body_bytes: number;
    /** A request not fully received (headers and body) after this long gets 408. @default 30000 */
    request_timeout_ms: number;
    /** A TLS handshake not finished after this long is dropped. @default 10000 */
    handshake_timeout_ms: number;
  };
  tls: {
    /** Absolute after loading (relative paths resolve against the project directory). */
    cert_path: string;
    key_path: string;
    ca_cert_path: string;
    /** @default true */
    require_client_cert: boolean;
    /** Extra server-certificate SANs used when certificates are generated on first run. @default [] */
    extra_sans: string[];
  };
  responses: {
    /** @default 0 */
    default_delay_ms: number;
    /** 0..100. @default 0 */
    error_rate_percent: number;
    /** @default true */
    streaming_enabled: boolean;
    /** @default 4096 */
    max_tokens: number;
    /** 0..2. @default 1 */
    temperature: number;
    /** Time to the first byte or first stream chunk. @default 0 */
    ttft_ms: number;
    /** Stream pacing and JSON body time; 0 = unpaced. @default 0 */
    tokens_per_second: number;
    /** ± spread around ttft_ms and each token's time. @default 0 */
    jitter_percent: number;
    /** Timing seed when the request sets none; 0 = unseeded. @default 0 */
    seed: number;
    /** Honour x-mock-* request headers. @default true */
    control_headers: boolean;
  };
  models: {
    available: string[];
  };
  logging: {
    /** @default "info" */
    level: LogLevel;
    /** Absolute path, or "" for no file. @default "" */
    file: string;
    /** @default 1000 */
    request_log_size: number;
  };
  scenario: {
    /** @default "normal" */
    active: string;
  };
  rate_limits: {
    /** Refuse requests over budget with 429; otherwise only count them. @default false */
    enforce: boolean;
    /** Per client and model. @default 30000 */
    requests_per_minute: number;
    /** Per client and model. @default 150000000 */
    tokens_per_minute: number;
    /** Budgets for particular models, above the two defaults. @default {} */
    models: Record<string, ModelBudget>;
  };
}

/** A model's own rate limits; an unset one falls back to [rate_limits]. */
export interface ModelBudget {
  requests_per_minute?: number;
  tokens_per_minute?: number;
}

export type LogLevel = "error" | "warn" | "info" | "debug" | "trace";

/** A named set of behaviour overrides, switchable at runtime without a restart. */
export interface ScenarioDefinition {
  name: string;
  description: string;
  /** Where it was defined: built in, or a file path. */
  origin: "built-in" | string;
  default_delay_ms?: number;
  error_rate_percent?: number;
  /** Which statuses injected errors use. @default [429, 500, 503] */
  error_statuses?: Array<429 | 500 | 503>;
  streaming_enabled?: boolean;
  /** Accept the request and never answer until the client gives up (or the server stops). */
  hang?: boolean;
  ttft_ms?: number;
  tokens_per_second?: number;
  jitter_percent?: number;
  /** Faults (parseFault spellings) one of which hits fault_rate_percent of requests. */
  faults?: string[];
  fault_rate_percent?: number;
  /** Rate-limit budgets for every client and model while active; setting either enforces them. */
  requests_per_minute?: number;
  tokens_per_minute?: number;
}

export interface ConfigSource {
  kind: ConfigSourceKind;
  /** The file, env variable name, or setting/flag name that set it. */
  origin: string;
}

/** A problem with one config source, precise enough for the Problems panel. */
export interface ConfigIssue {
  /** File path, or "env" / "setting" / "cli". */
  file: string;
  /** 1-based, when known. */
  line?: number;
  column?: number;
  /** Dotted key, e.g. "server.port", when the issue is about one key. */
  key?: string;
  message: string;
  severity: "error" | "warning";
  /** For non-file sources: the env variable, setting or flag name. */
  origin?: string;
}

export interface LoadedConfig {
  config: MockGptConfig;
  /** Dotted key -> where its effective value came from. */
  sources: Record<string, ConfigSource>;
  /** Built-in scenarios, then user [scenarios.<name>] tables (usually config/test_scenarios.toml; any layer may add them). */
  scenarios: ScenarioDefinition[];
  /** Files that were read, in layering order (for watchers). */
  files: string[];
  /** [[rules]] from every file layer: later layers' first (local.toml before default.toml), each in file order. */
  rules: Rule[];
  /** Non-fatal issues (unknown keys are warnings). */
  warnings: ConfigIssue[];
  projectDir: string | null;
  /** The directory project files were looked up in (absolute), or null when none was. */
  configDir: string | null;
}

/** Recursive Partial, for override layers. Arrays are replaced whole, never merged. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** A layer above env: VS Code settings or CLI flags. undefined and null values mean "not set". */
export interface ConfigOverride {
  kind: "setting" | "cli";
  /** Setting or flag name(s), shown in sources and issues. */
  origin: string;
  values: DeepPartial<MockGptConfig>;
  /** Whether `values` may define `scenarios` and `rules` as a config file does (the in-process test API). @default false */
  allowScenarios?: boolean;
}

export interface LoadConfigOptions {
  /** The directory containing config/; null reads no project files (built-in defaults, env, overrides). @default null */
  projectDir?: string | null;
  /** Where default.toml, test_scenarios.toml and local.toml are looked up. @default "<projectDir>/config" */
  configDir?: string;
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Applied in the order given, above env (settings first, then CLI flags). @default [] */
  overrides?: ConfigOverride[];
  /** The package's own defaults. @default "<packageRoot()>/config/default.toml" */
  builtInDefaultsFile?: string;
}

export type LoadResult =
  { ok: true; loaded: LoadedConfig } | { ok: false; errors: ConfigIssue[]; warnings: ConfigIssue[] };
