import type { LogEntry } from "../../shared/requestLog";

/** What a journal query selects. Every condition must hold; a missing one selects everything. */
export interface JournalFilter {
  kind: "http" | "tls-rejected" | "all";
  /** Path without the query string, exactly; a trailing "*" matches a prefix. */
  endpoint?: string;
  method?: string;
  /** Exact statuses (429) and classes (4 for "4xx"); any one may match. In-flight entries have none. */
  statuses?: Array<{ exact: number } | { class: number }>;
  model?: string;
  /** A caller id ("key:…", "cn:…"), its label, or a certificate CN. */
  client?: string;
  /** Arrival time bounds, epoch ms, inclusive. */
  since?: number;
  until?: number;
  /** Request headers: present (no value) or equal to the value. Names are case-insensitive. */
  headers?: Array<{ name: string; value?: string }>;
  scenario?: string;
  /** Keep only the most recent N of the matches. */
  limit?: number;
  /** Leave bodies and chunks out of the entries. */
  summary?: boolean;
}

export interface JournalCounts {
  byStatus: Record<string, number>;
  byEndpoint: Record<string, number>;
  byModel: Record<string, number>;
  byClient: Record<string, number>;
  /** By the request's x-stainless-retry-count (what the SDKs send), "none" without it. */
  byRetryCount: Record<string, number>;
}

export interface JournalResult {
  /** Entries the journal holds (of the selected kind). */
  total: number;
  /** Entries that match, before `limit`. */
  matched: number;
  counts: JournalCounts;
  /** Oldest first. */
  entries: LogEntry[];
}

export class JournalQueryError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

const KNOWN = ["kind", "endpoint", "method", "status", "model", "client", "since", "until", "header", "scenario"];
const KNOWN_ALL = [...KNOWN, "limit", "summary"];

function time(param: string, raw: string): number {
  const n = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(n))
    throw new JournalQueryError(param, `${param}: expected epoch milliseconds or an ISO 8601 time, got "${raw}"`);
  return n;
}

/** Reads a filter from query parameters (`?status=429&header=x-stainless-retry-count:2`); throws JournalQueryError. */
export function parseJournalQuery(params: URLSearchParams): JournalFilter {
  const f: JournalFilter = { kind: "http" };
  for (const name of new Set(params.keys()))
    if (!KNOWN_ALL.includes(name))
      throw new JournalQueryError(name, `unknown filter "${name}"; known: ${KNOWN_ALL.join(", ")}`);
  const one = (name: string) => params.get(name) ?? undefined;
  const kind = one("kind");
  if (kind !== undefined) {
    if (kind !== "http" && kind !== "tls-rejected" && kind !== "all")
      throw new JournalQueryError("kind", `kind: expected http, tls-rejected or all, got "${kind}"`);
    f.kind = kind;
  }
  f.endpoint = one("endpoint");
  f.method = one("method")?.toUpperCase();
  f.model = one("model");
  f.client = one("client");
  f.scenario = one("scenario");
  const status = params
    .getAll("status")
    .flatMap((s) => s.split(","))
    .map((s) => s.trim())
    .filter(Boolean);
  if (status.length)
    f.statuses = status.map((s) => {
      if (/^[1-5]\d\d$/.test(s)) return { exact: Number(s) };
      if (/^[1-5]xx$/i.test(s)) return { class: Number(s[0]) };
      throw new JournalQueryError("status", `status: expected a code like 429 or a class like 4xx, got "${s}"`);
    });
  const since = one("since");
  if (since !== undefined) f.since = time("since", since);
  const until = one("until");
  if (until !== undefined) f.until = time("until", until);
  const headers = params.getAll("header");
  if (headers.length)
    f.headers = headers.map((h) => {
      const colon = h.indexOf(":");
      const name = (colon < 0 ? h : h.slice(0, colon)).trim().toLowerCase();
      if (!name) throw new JournalQueryError("header", `header: expected "name" or "name:value", got "${h}"`);
      return colon < 0 ? { name } : { name, value: h.slice(colon + 1).trim() };
    });
  const limit = one("limit");
  if (limit !== undefined) {
    if (!/^\d+$/.test(limit)) throw new JournalQueryError("limit", `limit: expected a whole number, got "${limit}"`);
    f.limit = Number(limit);
  }
  const summary = one("summary");
  f.summary = summary !== undefined && summary !== "0" && summary !== "false";
  return f;
}

/** The path without its query string. */
export const endpointOf = (e: LogEntry) => {
  const q = e.path.indexOf("?");
  return q < 0 ? e.path : e.path.slice(0, q);
};

/** Who the entry counts as: the rate-limit caller when recorded, else the certificate CN. */
export const clientOf = (e: LogEntry): string | null => e.caller?.label ?? e.client?.commonName ?? null;

export function matches(e: LogEntry, f: JournalFilter): boolean {
  if (f.kind !== "all" && e.kind !== f.kind) return false;
  if (f.endpoint !== undefined) {
    const path = endpointOf(e);
    if (f.endpoint.endsWith("*") ? !path.startsWith(f.endpoint.slice(0, -1)) : path !== f.endpoint) return false;
  }
  if (f.method !== undefined && e.method !== f.method) return false;
  if (f.statuses) {
    const s = e.status;
    if (s === null || !f.statuses.some((c) => ("exact" in c ? c.exact === s : Math.floor(s / 100) === c.class)))
      return false;
  }
  if (f.model !== undefined && e.model !== f.model) return false;
  if (f.client !== undefined) {
    const c = f.client;
    if (e.caller?.id !== c && e.caller?.label !== c && e.client?.commonName !== c) return false;
  }
  if (f.scenario !== undefined && e.scenario !== f.scenario) return false;
  if (f.since !== undefined && e.time < f.since) return false;
  if (f.until !== undefined && e.time > f.until) return false;
  if (f.headers)
    for (const h of f.headers) {
      const v = e.request.headers[h.name];
      if (v === undefined || (h.value !== undefined && v !== h.value)) return false;
    }
  return true;
}

const bump = (r: Record<string, number>, k: string) => (r[k] = (r[k] ?? 0) + 1);

/** Selects, counts and (with `limit`) trims; entries are returned as they are, oldest first. */
export function queryJournal(all: Iterable<LogEntry>, f: JournalFilter): JournalResult {
  const counts: JournalCounts = { byStatus: {}, byEndpoint: {}, byModel: {}, byClient: {}, byRetryCount: {} };
  // Trimmed (to `limit`) and summarized as entries are picked, not at the end: the log rebuilds each
  // entry it reads, so a poll for the newest few must not hold every match's bodies at once.
  const picked: LogEntry[] = [];
  let total = 0;
  let matched = 0;
  for (const e of all) {
    if (f.kind === "all" || e.kind === f.kind) total++;
    if (!matches(e, f)) continue;
    matched++;
    bump(counts.byStatus, e.status === null ? "pending" : String(e.status));
    bump(counts.byEndpoint, `${e.method} ${endpointOf(e)}`);
    if (e.model !== null) bump(counts.byModel, e.model);
    bump(counts.byClient, clientOf(e) ?? "unknown");
    bump(counts.byRetryCount, e.request.headers["x-stainless-retry-count"] ?? "none");
    if (f.limit === 0) continue;
    picked.push(f.summary ? withoutBodies(e) : e);
    if (f.limit !== undefined && picked.length >= 2 * f.limit) picked.splice(0, picked.length - f.limit);
  }
  const entries = f.limit !== undefined ? picked.slice(Math.max(0, picked.length - f.limit)) : picked;
  return { total, matched, counts, entries };
}

function withoutBodies(e: LogEntry): LogEntry {
  return { ...e, request: { ...e.request, body: "" }, response: { ...e.response, body: "" }, chunks: [] };
}
