// Small display formatters for the list and the detail view (text only).
import type { BadgeTone } from "../components";
import type { LogEntry } from "../../src/shared/pages/inspector/protocol";
import { failedAfterHeaders } from "../../src/shared/pages/inspector/status";

export { failedAfterHeaders };

/** Summaries and full entries both carry these. */
type Statused = Pick<LogEntry, "kind" | "status"> & { error?: LogEntry["error"]; durationMs?: number | null };

export function formatTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "…";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function statusTone(e: Statused): BadgeTone {
  if (e.kind === "tls-rejected") return "error";
  if (e.status === null) return "info";
  if (e.status >= 500 || failedAfterHeaders(e)) return "error";
  if (e.status >= 400) return "warning";
  return "success";
}

/** long: the detail's badge, which has room to say why a 200 is red ("200 · failed"). */
export function statusLabel(e: Statused, o: { long?: boolean } = {}): string {
  if (e.kind === "tls-rejected") return "TLS";
  if (e.status === null) return "…";
  return o.long && failedAfterHeaders(e) ? `${e.status} · failed` : String(e.status);
}
