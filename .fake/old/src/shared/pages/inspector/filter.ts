// The inspector's filters as pure functions (unit-tested in plain Node). Method, status and path
// run on the page over summaries; the free-text body search runs on the host, which has the bodies
// (the page keeps the host's answer as a set of matching ids).
import type { LogEntry } from "../../requestLog";
import { displayPath } from "./query";

export type StatusClass = "all" | "2xx" | "3xx" | "4xx" | "5xx" | "pending" | "tls";

export interface InspectorFilter {
  /** "" for any method. */
  method: string;
  status: StatusClass;
  /** Case-insensitive substring of the path. */
  path: string;
  /** Case-insensitive free text over request and response bodies (and stream chunks). */
  text: string;
  /** Case-insensitive substring of the entry's scenario, fault or rule (test control). */
  control?: string;
}

/** The fields the page-side filters read: a RequestSummary or a full LogEntry. */
export interface Filterable {
  id: string;
  seq: number;
  kind: LogEntry["kind"];
  method: string;
  path: string;
  status: number | null;
  scenario?: string;
  fault?: string | null;
  rule?: string | null;
}

export const EMPTY_FILTER: InspectorFilter = { method: "", status: "all", path: "", text: "", control: "" };

/** Whether the entry's scenario, fault or rule contains `query` (case-insensitive); "" matches all. */
export function matchesControl(e: Pick<Filterable, "scenario" | "fault" | "rule">, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [e.scenario, e.fault, e.rule].some((v) => typeof v === "string" && v.toLowerCase().includes(q));
}

export function statusClass(e: Pick<Filterable, "kind" | "status">): Exclude<StatusClass, "all"> | "other" {
  if (e.kind === "tls-rejected") return "tls";
  if (e.status === null) return "pending";
  const c = Math.floor(e.status / 100);
  return c === 2 ? "2xx" : c === 3 ? "3xx" : c === 4 ? "4xx" : c === 5 ? "5xx" : "other";
}

/** The search the host runs for a filter text ("" for none): trimmed, case-folded. */
export function normalizeQuery(text: string): string {
  return text.trim().toLowerCase();
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Host side: a matcher for a normalized query over full entries — bodies, in-flight chunks and the
 * error message. A case-insensitive RegExp avoids lower-casing (copying) every body per query.
 */
export function textMatcher(query: string): (e: LogEntry) => boolean {
  const re = new RegExp(escapeRegExp(query), "i");
  return (e) => {
    if (re.test(e.request.body) || re.test(e.response.body)) return true;
    // In-flight streams have no response body yet: search what has arrived.
    if (e.response.body === "" && e.chunks.some((c) => re.test(c.data))) return true;
    return e.error !== null && re.test(e.error.message);
  };
}

/** The path as logged or as shown (a redacted key's hint decoded, "sk-…wxyz"): either may be typed. */
const pathMatches = (path: string, q: string) =>
  path.toLowerCase().includes(q) || displayPath(path).toLowerCase().includes(q);

/** `text` answers the body search for an entry; without it the text filter is not applied. */
export function matchesFilter(e: Filterable, f: InspectorFilter, text?: (e: Filterable) => boolean): boolean {
  if (f.method && (e.kind === "tls-rejected" || e.method.toUpperCase() !== f.method.toUpperCase())) return false;
  if (f.status !== "all" && statusClass(e) !== f.status) return false;
  if (f.path && !pathMatches(e.path, f.path.toLowerCase())) return false;
  if (f.control && !matchesControl(e, f.control)) return false;
  if (text && normalizeQuery(f.text) && !text(e)) return false;
  return true;
}

/** Entries that pass the filter, newest first (the order the list shows). */
export function filterEntries<T extends Filterable>(
  entries: Iterable<T>,
  f: InspectorFilter,
  text?: (e: T) => boolean,
): T[] {
  const out: T[] = [];
  for (const e of entries) if (matchesFilter(e, f, text as ((e: Filterable) => boolean) | undefined)) out.push(e);
  return out.sort((a, b) => b.seq - a.seq);
}

export function isFilterActive(f: InspectorFilter): boolean {
  return f.method !== "" || f.status !== "all" || f.path !== "" || f.text.trim() !== "" || !!f.control?.trim();
}
