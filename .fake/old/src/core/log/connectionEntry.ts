// A log entry for what the connection layer answered or refused, before any route ran (protocol
// errors, refused TLS handshakes): no client identity, model, bodies or chunks.
import type { LogEntry } from "../../shared/requestLog";

type ConnectionFields = Pick<
  LogEntry,
  "id" | "kind" | "durationMs" | "remoteAddress" | "method" | "path" | "status" | "scenario" | "error"
>;

export function connectionEntry(f: ConnectionFields): Omit<LogEntry, "seq"> {
  // The same key order as a route's entries, so JSON exports read alike.
  return {
    id: f.id,
    kind: f.kind,
    time: Date.now(),
    durationMs: f.durationMs,
    client: null,
    remoteAddress: f.remoteAddress,
    method: f.method,
    path: f.path,
    status: f.status,
    model: null,
    stream: false,
    scenario: f.scenario,
    request: { headers: {}, body: "", bodyTruncated: false },
    response: { headers: {}, body: "", bodyTruncated: false },
    chunks: [],
    usage: null,
    error: f.error,
  };
}
