import type { Behavior, ServerState } from "../../shared/health";
import type { LoadedConfig, ScenarioDefinition } from "../config/types";
import type { RequestLog } from "../log/requestLog";

/** What the server is doing right now; the status bar and health panel render this. */
export interface ServerStatus {
  state: ServerState;
  /** https://host:port once running. */
  url: string | null;
  host: string | null;
  port: number | null;
  /** Epoch ms the listener came up. */
  startedAt: number | null;
  connections: number;
  requestCount: number;
  scenario: string;
  mtls: boolean;
  lastError: ServerStartError | null;
}

export type StartErrorCode =
  | "port_in_use"
  | "permission_denied"
  | "address_unavailable"
  | "cert_missing"
  | "cert_unreadable"
  | "cert_invalid"
  | "unknown";

/** A start failure the UI can map to a fix ("Use another port", "Generate Certificates", ...). */
export class ServerStartError extends Error {
  constructor(
    readonly code: StartErrorCode,
    message: string,
    readonly detail: { port?: number; host?: string; path?: string } = {},
  ) {
    super(message);
    this.name = "ServerStartError";
  }
}

export interface MockServerEvents {
  status: [status: ServerStatus];
}

export type { Behavior, LoadedConfig, RequestLog, ScenarioDefinition, ServerState };
