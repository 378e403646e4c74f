/** Requests and tokens a client may spend per minute (for one model). */
export interface Budget {
  requestsPerMinute: number;
  tokensPerMinute: number;
}

/** One client's standing against one budget, as the x-ratelimit-* headers report it. */
export interface BucketState {
  limitRequests: number;
  remainingRequests: number;
  /** ms until the request budget is full again. */
  resetRequestsMs: number;
  limitTokens: number;
  remainingTokens: number;
  resetTokensMs: number;
}

export type Verdict =
  | { ok: true; state: BucketState }
  | {
      ok: false;
      /** Which budget refused: OpenAI's error `type`. */
      limit: "requests" | "tokens";
      /** ms until the request would be admitted; Infinity when it never can (more tokens than the budget). */
      retryAfterMs: number;
      /** Already spent of the refusing budget, for the error message. */
      used: number;
      requested: number;
      state: BucketState;
    };

interface Bucket {
  budget: Budget;
  requests: number;
  tokens: number;
  /** Clock time the levels were computed at. */
  at: number;
  /** Clock time of the last admission, for "idle" views. */
  lastSeen: number;
  /** Requests refused since the bucket started. */
  refused: number;
}

export interface RateLimiterOptions {
  /** Milliseconds, monotonic. @default performance.now */
  now?: () => number;
  /** Buckets kept; the least recently used go first (hostile clients can invent API keys). @default 10000 */
  maxBuckets?: number;
}

/** Node's timers may fire up to a millisecond early: a client that waited retry-after-ms is not refused for that. */
const EARLY_MS = 1;

/**
 * Token buckets like OpenAI's: each budget holds its per-minute limit and refills continuously
 * (limit/60 s), so `remaining` counts down per request and the reset time is how long until the
 * bucket is full again: one request at 5,000 RPM shows "12ms". Pure: the clock is injected.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private readonly maxBuckets: number;
  /** The key last moved to the end of `buckets`. */
  private latest: string | undefined;

  constructor(options: RateLimiterOptions = {}) {
    this.now = options.now ?? (() => performance.now());
    this.maxBuckets = Math.max(1, options.maxBuckets ?? 10_000);
  }

  get size(): number {
    return this.buckets.size;
  }

  /**
   * Spends one request and `tokens` when the budget allows, or when `enforce` is off (levels
   * then stop at zero); otherwise refuses and spends nothing.
   */
  admit(key: string, budget: Budget, tokens: number, enforce: boolean): Verdict {
    const b = this.bucket(key, budget);
    const perMsReq = budget.requestsPerMinute / 60_000;
    const perMsTok = budget.tokensPerMinute / 60_000;
    if (enforce) {
      if (b.requests + perMsReq * EARLY_MS < 1)
        return this.refuse(b, "requests", (1 - b.requests) / perMsReq, budget.requestsPerMinute - b.requests, 1);
      if (tokens > budget.tokensPerMinute) return this.refuse(b, "tokens", Infinity, 0, tokens);
      if (b.tokens + perMsTok * EARLY_MS < tokens)
        return this.refuse(b, "tokens", (tokens - b.tokens) / perMsTok, budget.tokensPerMinute - b.tokens, tokens);
    }
    b.requests = Math.max(0, b.requests - 1);
    b.tokens = Math.max(0, b.tokens - tokens);
    b.lastSeen = b.at;
    return { ok: true, state: stateOf(b) };
  }

  /** Adds (or with a negative count, refunds) tokens once the real usage is known. */
  charge(key: string, budget: Budget, tokens: number): BucketState {
    const b = this.bucket(key, budget);
    b.tokens = Math.min(budget.tokensPerMinute, Math.max(0, b.tokens - tokens));
    return stateOf(b);
  }

  /** The standing without spending anything (a fresh client has a full budget). */
  peek(key: string, budget: Budget): BucketState {
    const b = this.buckets.get(key);
    if (!b || !sameBudget(b.budget, budget)) return stateOf(full(budget, this.now()));
    this.refill(b, this.now());
    return stateOf(b);
  }

  /** Every bucket's key and standing, most recently used last. */
  list(): Array<{ key: string; budget: Budget; state: BucketState; idleMs: number; refused: number }> {
    const t = this.now();
    return [...this.buckets].map(([key, b]) => {
      this.refill(b, t);
      return { key, budget: b.budget, state: stateOf(b), idleMs: t - b.lastSeen, refused: b.refused };
    });
  }

  has(key: string): boolean {
    return this.buckets.has(key);
  }

  /** Every budget back to full. */
  reset(): void {
    this.buckets.clear();
    this.latest = undefined;
  }

  private refuse(b: Bucket, limit: "requests" | "tokens", waitMs: number, used: number, requested: number): Verdict {
    b.refused++;
    return { ok: false, limit, retryAfterMs: waitMs, used: Math.ceil(used - 1e-9), requested, state: stateOf(b) };
  }

  /** The key's bucket refilled to now; a changed budget (config reload, scenario switch) starts full. */
  private bucket(key: string, budget: Budget): Bucket {
    const t = this.now();
    let b = this.buckets.get(key);
    if (b && sameBudget(b.budget, budget)) {
      this.refill(b, t);
      // Already the most recent (one busy client, the usual case): moving it would cost a delete and a set.
      if (key === this.latest) return b;
    } else b = full(budget, t);
    this.buckets.delete(key); // re-inserted below: Map order is recency order (set alone keeps the old place)
    this.buckets.set(key, b);
    this.latest = key;
    if (this.buckets.size > this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value!);
    return b;
  }

  private refill(b: Bucket, t: number): void {
    const dt = Math.max(0, t - b.at);
    b.requests = Math.min(b.budget.requestsPerMinute, b.requests + (dt * b.budget.requestsPerMinute) / 60_000);
    b.tokens = Math.min(b.budget.tokensPerMinute, b.tokens + (dt * b.budget.tokensPerMinute) / 60_000);
    b.at = t;
  }
}

function full(budget: Budget, t: number): Bucket {
  return { budget, requests: budget.requestsPerMinute, tokens: budget.tokensPerMinute, at: t, lastSeen: t, refused: 0 };
}

function sameBudget(a: Budget, b: Budget): boolean {
  return a.requestsPerMinute === b.requestsPerMinute && a.tokensPerMinute === b.tokensPerMinute;
}

function stateOf(b: Bucket): BucketState {
  const { requestsPerMinute: rpm, tokensPerMinute: tpm } = b.budget;
  return {
    limitRequests: rpm,
    remainingRequests: Math.max(0, Math.floor(b.requests + 1e-9)),
    resetRequestsMs: ((rpm - b.requests) * 60_000) / rpm,
    limitTokens: tpm,
    remainingTokens: Math.max(0, Math.floor(b.tokens + 1e-9)),
    resetTokensMs: ((tpm - b.tokens) * 60_000) / tpm,
  };
}
