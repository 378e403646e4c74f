// Rate-limit standing per client and model: plain JSON for the control API and the dashboard.

/** Who a budget belongs to: the API key when one is sent, else the certificate CN, else the address. */
export interface RateLimitClient {
  /** Stable and free of secrets: "key:<salted hash prefix, stable per process>", "cn:<common name>" or "ip:<address>". */
  id: string;
  /** For people: "sk-…wxyz", the CN, or the address. */
  label: string;
  kind: "api-key" | "certificate" | "address";
}

/** One client's budget for one model, as its next response's x-ratelimit-* headers would say. */
export interface RateLimitClientState {
  client: RateLimitClient;
  model: string;
  limitRequests: number;
  remainingRequests: number;
  /** OpenAI's duration format ("20s", "12ms"), and in ms. */
  resetRequests: string;
  resetRequestsMs: number;
  limitTokens: number;
  remainingTokens: number;
  resetTokens: string;
  resetTokensMs: number;
  /** Requests refused with 429 since the budget started. */
  refused: number;
  /** ms since the client last spent from this budget. */
  idleMs: number;
}

export interface RateLimitSnapshot {
  /** Epoch ms. */
  at: number;
  /** Whether requests over budget are refused (config or scenario), or only counted. */
  enforced: boolean;
  /** The budget models without their own get. */
  requestsPerMinute: number;
  tokensPerMinute: number;
  /** Per-model budgets from [rate_limits.models]. */
  models: Record<string, { requestsPerMinute: number; tokensPerMinute: number }>;
  /** Least recently used first. */
  clients: RateLimitClientState[];
}
