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
  /** Completed with status >= 400, or a stream that ended with an error. */
  errors: number;
  /** 0..1 of completed; 0 when nothing completed yet. */
  successRate: number;
  errorRate: number;
  tlsRejected: number;
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
