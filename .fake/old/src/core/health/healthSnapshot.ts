import { readFileSync } from "node:fs";
import { isAbsolute, relative, sep } from "node:path";
import { inspectCertificate } from "../certs/inspect";
import type { LoadedConfig } from "../config/types";
import { findScenario } from "../scenarios";
import type { MockServer } from "../server/mockServer";
import type { CertificateHealth, ConfigRow, HealthSnapshot } from "../../shared/health";

export interface HealthSnapshotOptions {
  /** Clock for uptime and days left. @default new Date() */
  now?: Date;
  /** Warn when a certificate has fewer days left than this. @default 30 */
  warnDays?: number;
  /** @default process.memoryUsage */
  memoryUsage?: () => NodeJS.MemoryUsage;
}

/** The health panel's data, read fresh from the server; cheap enough to call every few seconds. */
export function healthSnapshot(server: MockServer, options: HealthSnapshotOptions = {}): HealthSnapshot {
  const now = options.now ?? new Date();
  const warnDays = options.warnDays ?? 30;
  const status = server.status();
  const loaded = server.config;
  const { config } = loaded;
  const scenario = findScenario(server.scenarios, server.scenario);
  const mem = (options.memoryUsage ?? process.memoryUsage)();
  const bound =
    status.host !== null && status.port !== null
      ? `${status.host.includes(":") ? `[${status.host}]` : status.host}:${status.port}`
      : null;
  return {
    at: now.getTime(),
    server: {
      state: status.state,
      url: status.url,
      boundAddress: bound,
      startedAt: status.startedAt,
      uptimeMs:
        status.startedAt !== null && status.state === "running" ? Math.max(0, now.getTime() - status.startedAt) : null,
      connections: status.connections,
      maxConnections: config.server.max_connections,
      requestCount: status.requestCount,
      lastError: status.lastError ? { code: status.lastError.code, message: status.lastError.message } : null,
    },
    tls: {
      mode: config.tls.require_client_cert ? "mtls" : "tls",
      certificates: [
        certificateHealth("server", config.tls.cert_path, now, warnDays),
        certificateHealth("ca", config.tls.ca_cert_path, now, warnDays),
      ],
    },
    scenario: {
      active: server.scenario,
      description: scenario?.description ?? "",
      behavior: { ...server.behavior },
      available: server.scenarios.map((s) => s.name),
    },
    config: configRows(loaded),
    memory: { rss: mem.rss, heapUsed: mem.heapUsed, heapTotal: mem.heapTotal, external: mem.external },
  };
}

/** Reads and inspects one PEM file; a missing or broken file is reported, never thrown. */
export function certificateHealth(
  role: CertificateHealth["role"],
  path: string,
  now: Date,
  warnDays: number,
): CertificateHealth {
  try {
    const info = inspectCertificate(readFileSync(path, "utf8"), now);
    return { role, path, info, error: null, warning: expiryWarning(info.daysLeft, warnDays) };
  } catch (err) {
    return { role, path, info: null, error: err instanceof Error ? err.message : String(err), warning: null };
  }
}

export function expiryWarning(daysLeft: number, warnDays: number): string | null {
  if (daysLeft < 0) return `Expired ${-daysLeft} day${daysLeft === -1 ? "" : "s"} ago. Regenerate the certificates.`;
  if (daysLeft < warnDays)
    return `Expires in ${daysLeft} day${daysLeft === 1 ? "" : "s"}. Regenerate the certificates soon.`;
  return null;
}

/**
 * "Set by", short enough to read on every row: the packaged defaults say so instead of repeating
 * the install path, and project files are named relative to the project.
 */
export function originLabel(kind: string, origin: string, projectDir: string | null): string {
  if (kind === "default") return "built-in default.toml";
  if (!projectDir || !isAbsolute(origin)) return origin;
  const rel = relative(projectDir, origin);
  return !rel || rel.startsWith("..") || isAbsolute(rel) ? origin : rel.split(sep).join("/");
}

/** Flattens the effective config to dotted keys, each with the layer that set it. */
export function configRows(loaded: LoadedConfig): ConfigRow[] {
  const rows: ConfigRow[] = [];
  const walk = (obj: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(obj)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (v !== null && typeof v === "object" && !Array.isArray(v)) walk(v as Record<string, unknown>, key);
      else {
        const src = loaded.sources[key];
        rows.push({
          key,
          value: Array.isArray(v) ? v.join(", ") : String(v),
          source: src?.kind ?? "default",
          origin: originLabel(src?.kind ?? "default", src?.origin ?? "", loaded.projectDir),
        });
      }
    }
  };
  walk(loaded.config as unknown as Record<string, unknown>, "");
  return rows;
}
