// The public types of `mock-gpt/testing`. They reference only plain JSON contracts (src/shared/) and
// undici, so the published declarations stay one small self-contained file.
import type { Agent } from "undici";
import type { LogEntry } from "../shared/requestLog";
import type { RateLimitSnapshot } from "../shared/rateLimits";
import type { StatsSnapshot } from "../shared/stats";

export type { LogEntry, StreamChunk, ClientIdentity } from "../shared/requestLog";
export type { RateLimitClient, RateLimitClientState, RateLimitSnapshot } from "../shared/rateLimits";
export type { StatsSnapshot } from "../shared/stats";

/** Configuration in the shape of the TOML files: `{ rate_limits: { enforce: true } }`. */
export type MockGptConfigValues = {
  /** `[[rules]]`, tried in order: `[{ match: { user_contains: "refund" }, reply: "…" }]`. Regexes as strings (case-insensitive) or RegExp (own i/m/s/u flags). */
  rules?: ReadonlyArray<{ [key: string]: unknown }>;
  /** `[scenarios.<name>]` tables: `{ flaky: { error_rate_percent: 50 } }`. */
  scenarios?: { [name: string]: { [key: string]: unknown } };
  [table: string]: { [key: string]: unknown } | ReadonlyArray<{ [key: string]: unknown }> | undefined;
};

export interface StartMockGptOptions {
  /** Values above the built-in defaults (and above `projectDir`'s config files), as in config/local.toml. */
  config?: MockGptConfigValues;
  /** Scenario to start in: a built-in name or one defined in `config`/`projectDir`. `reset()` comes back to it. @default the configured one */
  scenario?: string;
  /** Read `<projectDir>/config/*.toml` too. @default null: built-in defaults only, so tests are hermetic */
  projectDir?: string | null;
  /** MOCK_GPT_* variables to apply. @default {}: the process environment is ignored */
  env?: Record<string, string | undefined>;
  /** Interface to bind. @default "127.0.0.1" */
  host?: string;
  /**
   * Called with each configuration warning (an unknown key, a rule an earlier one shadows). Errors
   * always throw. @default process.emitWarning, so they show in the test output
   */
  onWarning?: (message: string) => void;
  /** Throw on configuration warnings as on errors. @default false */
  strict?: boolean;
}

/** Which journal entries to return; every condition must hold. */
export interface RequestFilter {
  /** Path without the query, e.g. "/v1/chat/completions"; a trailing "*" matches a prefix. */
  endpoint?: string;
  method?: string;
  /** 429, "4xx", or several. */
  status?: number | string | Array<number | string>;
  model?: string;
  /** A caller's label ("sk-…wxyz"), id ("key:…", "cn:…") or certificate CN. */
  client?: string;
  /** Arrival time bounds (inclusive). */
  since?: number | Date;
  until?: number | Date;
  /** Request headers: `true` for present, a string for equal. */
  headers?: Record<string, string | true>;
  scenario?: string;
  /** Only the most recent N matches. */
  limit?: number;
}

/** What `journal()` returns: the matches and their counts. */
export interface JournalResult {
  total: number;
  matched: number;
  counts: {
    byStatus: Record<string, number>;
    byEndpoint: Record<string, number>;
    byModel: Record<string, number>;
    byClient: Record<string, number>;
    byRetryCount: Record<string, number>;
  };
  entries: LogEntry[];
}

/** A fault for the next matching request(s), as `POST /__mock/faults` takes it: `"429"` or `{ fault: "reset", count: 2 }`. */
export type FaultSpec = string | ({ fault: string; count?: number } & Record<string, unknown>);

/** A running in-process mock. */
export interface MockGpt {
  /** https://127.0.0.1:<port> */
  url: string;
  /** `${url}/v1`, for `new OpenAI({ baseURL })`. */
  baseURL: string;
  port: number;
  /** Configuration warnings, as "file:line: key: message" (also passed to `onWarning`). */
  warnings: string[];
  /** PEMs: the CA that signed the server, and a client certificate and key it accepts. */
  ca: string;
  cert: string;
  key: string;
  /** An undici Agent with the client certificate: `fetchOptions: { dispatcher }`. */
  dispatcher: Agent;
  /** Switches scenario for the next request; throws on an unknown name. */
  setScenario(name: string): void;
  /** Queues a fault for the next matching request(s). */
  queueFault(fault: FaultSpec): unknown;
  /** Journal entries, oldest first. */
  requests(filter?: RequestFilter): LogEntry[];
  /** Journal entries with counts by status, endpoint, model, client and x-stainless-retry-count. */
  journal(filter?: RequestFilter): JournalResult;
  stats(): StatsSnapshot;
  rateLimits(): RateLimitSnapshot;
  /** Scenario, faults, journal, stats and rate-limit budgets back to the configured state (the start `scenario` included). */
  reset(): void;
  /** Stops the server, closes the dispatcher and deletes the temporary certificates. Idempotent. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}
