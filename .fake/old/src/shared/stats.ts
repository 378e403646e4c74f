/** What the dashboard shows; plain JSON so it crosses postMessage and SSE unchanged. */
export interface StatsSnapshot {
  /** Epoch ms the snapshot was taken. */
  at: number;
  /** HTTP requests seen (in flight included). TLS rejections are counted apart. */
  total: number;
  completed: number;
  inFlight: number;
  /** Completed with status < 400 and no error. */
  success: number;
  /** Completed with status >= 400, or a stream that ended with an error. The sum of `failures`. */
  errors: number;
  /** `errors` by cause: the dashboard shows client errors apart from server and injected ones. */
  failures: Record<FailureCause, number>;
  /** 0..1 of completed; 0 when nothing completed yet. */
  successRate: number;
  /** All failures, whatever their cause. */
  errorRate: number;
  /** 4xx the request itself caused (400, 401, 404, 422…) and clients that hung up. */
  clientErrorRate: number;
  /** Server errors and injected faults together: what the red card shows. */
  serverErrorRate: number;
  /** Handshakes refused: no client certificate, a foreign CA, not TLS. One log row each. */
  tlsRejected: number;
  /**
   * Connections the client closed mid-handshake (an aborted request's spare pool connection, a port
   * probe): neither a request nor a refusal, so they have no log row. Cleared with the log, like the rest.
   */
  handshakesAborted: number;
  /** Nearest-rank percentiles over the most recent completed requests (see StatsTrackerOptions.latencySamples). */
  latency: { p50: number | null; p95: number | null; p99: number | null; samples: number };
  /** Requests that arrived in the last `rpsWindowMs`, per second. */
  requestsPerSecond: number;
  rpsWindowMs: number;
  activeStreams: number;
  /** Summed from the usage of completed responses. */
  tokens: { prompt: number; completion: number; total: number };
  byMethod: Record<string, number>;
  /** Requests per endpoint (see shared/endpoints.ts: "/v1/embeddings", "/v1/models/{id}", "other"). */
  byEndpoint: Record<string, number>;
  /** Keyed by the status code as a string ("200", "429"). */
  byStatus: Record<string, number>;
  /** One point per bucket, oldest first, ending at the bucket that holds `at`. */
  series: SeriesPoint[];
  bucketMs: number;
}

/**
 * Why a request failed. `client`: a 4xx the request caused (bad JSON, unknown model, 404) or a
 * client that closed early. `injected`: a fault or error the mock was told to produce (x-mock-fault,
 * a rule, a queued fault, a scenario's fault or error rate, the simulated rate limiter's 429).
 * `server`: anything else, such as an unexpected 500 or a stream cut by a server stop.
 */
export type FailureCause = "client" | "server" | "injected";

export interface SeriesPoint {
  /** Bucket start, epoch ms. */
  t: number;
  /** Requests completed in the bucket. */
  count: number;
  errors: number;
  /** null when nothing completed in the bucket. */
  avgMs: number | null;
  maxMs: number | null;
}
