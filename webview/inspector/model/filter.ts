// The inspector's filters as a pure function over log entries (unit-tested in plain Node).
import type { LogEntry } from "../../../src/core/log/types";

export type StatusClass = "all" | "2xx" | "3xx" | "4xx" | "5xx" | "pending" | "tls";

export interface InspectorFilter {
  /** "" for any method. */
  method: string;
  status: StatusClass;
  /** Case-insensitive substring of the path. */
  path: string;
  /** Case-insensitive free text over request and response bodies (and stream chunks). */
  text: string;
}

export const EMPTY_FILTER: InspectorFilter = { method: "", status: "all", path: "", text: "" };

export function statusClass(e: LogEntry): Exclude<StatusClass, "all"> | "other" {
  if (e.kind === "tls-rejected") return "tls";
  if (e.status === null) return "pending";
  const c = Math.floor(e.status / 100);
  return c === 2 ? "2xx" : c === 3 ? "3xx" : c === 4 ? "4xx" : c === 5 ? "5xx" : "other";
}

function bodyMatches(e: LogEntry, needle: string): boolean {
  if (e.request.body.toLowerCase().includes(needle) || e.response.body.toLowerCase().includes(needle)) return true;
  // In-flight streams have no response body yet: search what has arrived.
  return e.response.body === "" && e.chunks.some((c) => c.data.toLowerCase().includes(needle));
}

export function matchesFilter(e: LogEntry, f: InspectorFilter): boolean {
  if (f.method && (e.kind === "tls-rejected" || e.method.toUpperCase() !== f.method.toUpperCase())) return false;
  if (f.status !== "all" && statusClass(e) !== f.status) return false;
  if (f.path && !e.path.toLowerCase().includes(f.path.toLowerCase())) return false;
  const text = f.text.trim().toLowerCase();
  if (text && !bodyMatches(e, text) && !(e.error?.message.toLowerCase().includes(text) ?? false)) return false;
  return true;
}

/** Entries that pass the filter, newest first (the order the list shows). */
export function filterEntries(entries: Iterable<LogEntry>, f: InspectorFilter): LogEntry[] {
  const out: LogEntry[] = [];
  for (const e of entries) if (matchesFilter(e, f)) out.push(e);
  return out.sort((a, b) => b.seq - a.seq);
}

export function isFilterActive(f: InspectorFilter): boolean {
  return f.method !== "" || f.status !== "all" || f.path !== "" || f.text.trim() !== "";
}
