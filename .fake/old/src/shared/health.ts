// Health panel contract: plain JSON shared by the core (producer) and the page (renderer).

/** Lifecycle of the listener. */
export type ServerState = "stopped" | "starting" | "running" | "stopping" | "failed";

/** Runtime behaviour: config.responses merged with the active scenario. Applies to the next request. */
export interface Behavior {
  delayMs: number;
  errorRatePercent: number;
  errorStatuses: Array<429 | 500 | 503>;
  streamingEnabled: boolean;
  hang: boolean;
  /** Latency model: time to first byte/chunk, token pace (0 = unpaced) and ± spread. */
  ttftMs: number;
  tokensPerSecond: number;
  jitterPercent: number;
  /** Fault spellings ("truncate:3", "503", ...) one of which hits faultRatePercent of requests. */
  faults: string[];
  faultRatePercent: number;
}

/** Where a value came from, lowest to highest precedence. */
export type ConfigSourceKind = "default" | "project" | "scenarios" | "local" | "env" | "setting" | "cli";

/** What the health panel and `certs` command show about one certificate. */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** Upper-case hex, as node:crypto reports it. */
  serialNumber: string;
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
  /** Whole days until notAfter; negative once expired. */
  daysLeft: number;
  /** SHA-256 fingerprint, colon-separated hex. */
  fingerprint256: string;
  /** e.g. "DNS:localhost", "IP Address:127.0.0.1". */
  subjectAltNames: string[];
}

/** Everything the health panel shows; plain JSON so it crosses postMessage and SSE unchanged. */
export interface HealthSnapshot {
  /** Epoch ms the snapshot was taken. */
  at: number;
  server: {
    state: ServerState;
    url: string | null;
    /** "host:port" the listener is bound to, null while not listening. */
    boundAddress: string | null;
    startedAt: number | null;
    uptimeMs: number | null;
    connections: number;
    maxConnections: number;
    requestCount: number;
    lastError: { code: string; message: string } | null;
  };
  tls: {
    /** "mtls" when client certificates are required. */
    mode: "mtls" | "tls";
    certificates: CertificateHealth[];
  };
  scenario: {
    active: string;
    description: string;
    behavior: Behavior;
    available: string[];
  };
  /** Every effective key with the layer that set it, in config order. */
  config: ConfigRow[];
  memory: { rss: number; heapUsed: number; heapTotal: number; external: number };
}

export interface CertificateHealth {
  role: "server" | "ca";
  path: string;
  /** null when the file could not be read or parsed (see error). */
  info: CertificateInfo | null;
  error: string | null;
  /** Set when the certificate expires within the warning threshold, or already has. */
  warning: string | null;
}

export interface ConfigRow {
  /** Dotted key, e.g. "server.port". */
  key: string;
  /** Rendered for display: arrays joined with ", ". */
  value: string;
  source: ConfigSourceKind;
  /** File, env variable, setting or flag that set it. */
  origin: string;
}
