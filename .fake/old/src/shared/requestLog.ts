import type { RateLimitClient } from "./rateLimits";

/** One entry in the request log: a request the server handled, or a TLS handshake it refused. */
export interface LogEntry {
  /** Also the response's x-request-id for HTTP entries. */
  id: string;
  /** Monotonic, for ordering and paging. */
  seq: number;
  kind: "http" | "tls-rejected";
  /** Epoch ms when the request arrived. */
  time: number;
  /** null while the response is still in flight. */
  durationMs: number | null;
  client: ClientIdentity | null;
  /** Who the request counts as for rate limits: its API key (by hash and hint), else the certificate CN. */
  caller?: RateLimitClient | null;
  remoteAddress: string;
  method: string;
  /** Path with query string. "" for tls-rejected. */
  path: string;
  /** null while in flight, and for tls-rejected. */
  status: number | null;
  model: string | null;
  stream: boolean;
  /** The scenario the request ran under (the active one, or an x-mock-scenario header's or a rule's). */
  scenario: string;
  /** An injected fault as it happened, e.g. "reset after 3 chunks" or "HTTP 429 rate_limit_exceeded (queued)". */
  fault?: string | null;
  /** The [[rules]] entry that matched, by name. */
  rule?: string | null;
  request: {
    headers: Record<string, string>;
    body: string;
    /** True when body was cut at the log's per-body limit. */
    bodyTruncated: boolean;
  };
  response: {
    headers: Record<string, string>;
    /** For streams: the raw SSE text once finished. */
    body: string;
    bodyTruncated: boolean;
  };
  /** Streams only: each SSE event as sent, with its offset from `time`. */
  chunks: StreamChunk[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
  /** For tls-rejected entries and for failures. */
  error: { code: string; message: string } | null;
}

export interface ClientIdentity {
  commonName: string;
  fingerprint256: string;
  serialNumber: string;
}

export interface StreamChunk {
  /** ms since the request arrived. */
  t: number;
  /** The SSE payload after `data: ` (or the full event for Responses-style events). */
  data: string;
}

/** Events the log emits; consumers (webviews, output channel, stats) subscribe. */
export interface RequestLogEvents {
  /** A new entry (may still be in flight). */
  added: [entry: LogEntry];
  /** An entry changed: a chunk arrived or the response finished. */
  updated: [entry: LogEntry];
  /** Entries dropped because the store is full (oldest first); `bySize` of them for its size limit, not its count. */
  evicted: [ids: string[], bySize: number];
  cleared: [];
}
