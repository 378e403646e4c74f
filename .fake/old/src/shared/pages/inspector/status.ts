import type { LogEntry } from "../../requestLog";

/**
 * A finished HTTP exchange that still failed: a stream cut off or ended by an error event, after
 * its 200 headers went out. The dashboard counts it as failed; so must the list and the detail.
 */
export function failedAfterHeaders(e: Pick<LogEntry, "kind" | "status"> & { error?: LogEntry["error"] }): boolean {
  return e.kind === "http" && e.status !== null && e.status < 400 && !!e.error;
}
