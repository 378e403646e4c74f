import type { MockGptConfig, ScenarioDefinition } from "../config/types";
import type { RateLimitClient, RateLimitSnapshot } from "../../shared/rateLimits";
import { formatDuration } from "./duration";
import { rateLimitExceeded, rateLimitHeaders } from "./errors";
import { RateLimiter, type BucketState, type Budget, type RateLimiterOptions } from "./limiter";

/** One admitted request: its headers, and the settlement of its token estimate once usage is known. */
export interface RateLimitAdmission {
  readonly client: RateLimitClient;
  readonly model: string;
  /** Replaces the estimate with the real token count. Idempotent: only the first call counts. */
  settle(totalTokens: number): void;
  /** The x-ratelimit-* headers as of now. */
  headers(): Record<string, string>;
  /** The standing those headers report. */
  state(): BucketState;
}

/** OpenAI's admission estimate: characters / 4, plus the completion tokens the request may use. */
export function estimateTokens(bodyChars: number, maxTokens: number | null | undefined): number {
  return Math.ceil(bodyChars / 4) + (maxTokens && maxTokens > 0 ? maxTokens : 0);
}

const SEP = "\u0000";

/** A class, not an object of closures: one is made for every admitted request. */
class Admission implements RateLimitAdmission {
  private settled = false;
  constructor(
    private readonly limiter: RateLimiter,
    private readonly key: string,
    private readonly budget: Budget,
    private readonly estimatedTokens: number,
    readonly client: RateLimitClient,
    readonly model: string,
    private current: BucketState,
  ) {}

  settle(totalTokens: number): void {
    if (this.settled) return;
    this.settled = true;
    this.current = this.limiter.charge(this.key, this.budget, totalTokens - this.estimatedTokens);
  }

  headers(): Record<string, string> {
    return rateLimitHeaders(this.current);
  }

  state(): BucketState {
    return this.current;
  }
}

/**
 * The server's rate limits: budgets from [rate_limits] (per model) or the active scenario, one
 * bucket per client and model. `admit` throws OpenAI's 429 when enforcement is on and the
 * client is over budget; otherwise it spends and reports.
 */
export class RateLimits {
  private readonly limiter: RateLimiter;
  private cfg: MockGptConfig["rate_limits"] = {
    enforce: false,
    requests_per_minute: 30_000,
    tokens_per_minute: 150_000_000,
    models: {},
  };
  private scenarioBudget: Partial<Budget> = {};
  private readonly budgets = new Map<string, Budget>();
  private lastKey: { id: string; model: string; key: string } | null = null;
  /** Bucket key → who and which model, for snapshots. Pruned to the limiter's buckets. */
  private readonly owners = new Map<string, { client: RateLimitClient; model: string }>();

  constructor(options: RateLimiterOptions = {}) {
    this.limiter = new RateLimiter(options);
  }

  /** Applies config and the active scenario's budgets; buckets whose budget changed start full. */
  configure(
    config: MockGptConfig["rate_limits"],
    scenario?: Pick<ScenarioDefinition, "requests_per_minute" | "tokens_per_minute">,
  ): void {
    this.cfg = config;
    this.scenarioBudget = {};
    this.budgets.clear();
    if (scenario?.requests_per_minute !== undefined)
      this.scenarioBudget.requestsPerMinute = scenario.requests_per_minute;
    if (scenario?.tokens_per_minute !== undefined) this.scenarioBudget.tokensPerMinute = scenario.tokens_per_minute;
  }

  /** Over-budget requests are refused: by config, or because the scenario sets budgets. */
  get enforced(): boolean {
    // Read on every admission: the two fields, not Object.keys (an array per request).
    const s = this.scenarioBudget;
    return this.cfg.enforce || s.requestsPerMinute !== undefined || s.tokensPerMinute !== undefined;
  }

  /** The budget a model gets: the scenario's, else its own, else the default. */
  budget(model: string): Budget {
    const own = Object.hasOwn(this.cfg.models, model) ? this.cfg.models[model] : undefined;
    return {
      requestsPerMinute:
        this.scenarioBudget.requestsPerMinute ?? own?.requests_per_minute ?? this.cfg.requests_per_minute,
      tokensPerMinute: this.scenarioBudget.tokensPerMinute ?? own?.tokens_per_minute ?? this.cfg.tokens_per_minute,
    };
  }

  /**
   * Spends one request and the token estimate; throws the 429 ApiError when refused. A scenario
   * chosen for this request alone (x-mock-scenario, a rule) that sets budgets counts in a bucket of
   * its own, enforced, so it neither drains nor inherits the active scenario's.
   */
  admit(
    client: RateLimitClient,
    model: string,
    estimatedTokens: number,
    scenario?: Pick<ScenarioDefinition, "name" | "requests_per_minute" | "tokens_per_minute"> | null,
  ): RateLimitAdmission {
    const own = scenario && (scenario.requests_per_minute !== undefined || scenario.tokens_per_minute !== undefined);
    const key = own ? client.id + SEP + model + SEP + scenario.name : this.keyOf(client.id, model);
    const fallback = this.budgetOf(model);
    const budget = own
      ? {
          requestsPerMinute: scenario.requests_per_minute ?? fallback.requestsPerMinute,
          tokensPerMinute: scenario.tokens_per_minute ?? fallback.tokensPerMinute,
        }
      : fallback;
    const verdict = this.limiter.admit(key, budget, estimatedTokens, own || this.enforced);
    this.remember(key, client, model);
    if (!verdict.ok) throw rateLimitExceeded(verdict, model);
    return new Admission(this.limiter, key, budget, estimatedTokens, client, model, verdict.state);
  }

  /**
   * The bucket key of a client and model, the same string while they repeat (one busy client, the
   * usual case): its hash is then already known to the maps it is looked up in.
   */
  private keyOf(id: string, model: string): string {
    const last = this.lastKey;
    if (last && last.id === id && last.model === model) return last.key;
    const key = id + SEP + model;
    this.lastKey = { id, model, key };
    return key;
  }

  /** `budget(model)`, kept per model until the next configure(). */
  private budgetOf(model: string): Budget {
    let b = this.budgets.get(model);
    if (!b) {
      b = this.budget(model);
      if (this.budgets.size >= 256) this.budgets.clear(); // models come from requests: bounded
      this.budgets.set(model, b);
    }
    return b;
  }

  /** Headers for a response that spends nothing (an invalid request, /v1/models): the standing as it is. */
  headers(client: RateLimitClient, model: string | null): Record<string, string> {
    return rateLimitHeaders(this.standing(client, model));
  }

  /** A client's standing for a model without spending anything. */
  standing(client: RateLimitClient, model: string | null): BucketState {
    const m = model ?? "";
    return this.limiter.peek(this.keyOf(client.id, m), this.budgetOf(m));
  }

  snapshot(): RateLimitSnapshot {
    const models: RateLimitSnapshot["models"] = {};
    for (const name of Object.keys(this.cfg.models)) models[name] = this.budget(name);
    const clients: RateLimitSnapshot["clients"] = [];
    for (const b of this.limiter.list()) {
      const owner = this.owners.get(b.key);
      if (!owner) continue;
      const s = b.state;
      clients.push({
        client: owner.client,
        model: owner.model,
        limitRequests: s.limitRequests,
        remainingRequests: s.remainingRequests,
        resetRequests: formatDuration(s.resetRequestsMs),
        resetRequestsMs: Math.ceil(s.resetRequestsMs),
        limitTokens: s.limitTokens,
        remainingTokens: s.remainingTokens,
        resetTokens: formatDuration(s.resetTokensMs),
        resetTokensMs: Math.ceil(s.resetTokensMs),
        refused: b.refused,
        idleMs: Math.round(b.idleMs),
      });
    }
    const fallback = this.budget("");
    return {
      at: Date.now(),
      enforced: this.enforced,
      requestsPerMinute: fallback.requestsPerMinute,
      tokensPerMinute: fallback.tokensPerMinute,
      models,
      clients,
    };
  }

  /** Every budget back to full. */
  reset(): void {
    this.limiter.reset();
    this.owners.clear();
  }

  private remember(key: string, client: RateLimitClient, model: string): void {
    if (!this.owners.has(key)) this.owners.set(key, { client, model });
    if (this.owners.size > 2 * this.limiter.size + 100)
      for (const k of this.owners.keys()) if (!this.limiter.has(k)) this.owners.delete(k);
  }
}
