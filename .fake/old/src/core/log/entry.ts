import type { IncomingHttpHeaders } from "node:http";
import type { ClientIdentity, LogEntry } from "../../shared/requestLog";
import type { RateLimitClient } from "../../shared/rateLimits";
import { loggedFetchHeaders, loggedHeaders } from "../server/redact";
import { addChunks } from "./chunkSlot";

/**
 * An entry before the log numbers it. `seq` is already there (0), last as in every entry: the log's
 * assignment then changes a value instead of adding a property (a new hidden class and a property
 * store per entry).
 */
export type NewLogEntry = LogEntry;

/** What an exchange knows of its request when its entry is made. */
export interface EntryStart {
  id: string;
  /** Epoch ms of arrival. */
  time: number;
  client: ClientIdentity | null;
  caller: RateLimitClient;
  remoteAddress: string;
  method: string;
  path: string;
  model: string | null;
  stream: boolean;
  scenario: string;
  fault: string | null;
  rule: string | null;
  /** As received (Node's parsed headers, or Fetch headers): the entry keeps a redacted copy. */
  headers: IncomingHttpHeaders | Headers;
  body: string;
}

/** How it ended. */
export interface EntryEnd {
  status: number;
  durationMs: number;
  model: string | null;
  stream: boolean;
  scenario: string;
  fault: string | null;
  rule: string | null;
  headers: Record<string, string>;
  body: string;
  usage: LogEntry["usage"];
  error: LogEntry["error"];
}

/**
 * The request half of an entry: the headers copied (repeated headers joined, credentials cut to a
 * hint) when the entry is made. A plain object: per-entry accessors and closures cost more, in
 * allocation and in what every kept entry holds, than the copy they put off.
 */
function loggedRequest(source: IncomingHttpHeaders | Headers, body: string, maxBodyChars: number): LogEntry["request"] {
  const cut = body.length > maxBodyChars;
  return {
    headers: source instanceof Headers ? loggedFetchHeaders(source) : loggedHeaders(source),
    body: cut ? body.slice(0, maxBodyChars) : body,
    bodyTruncated: cut,
  };
}

/**
 * A new entry, still in flight. Its `chunks` are packed as a stream sends them (chunkSlot.ts): an
 * accessor, added here in its place among the fields, so the entry stays a fast object.
 */
export function openEntry(s: EntryStart, maxBodyChars: number): NewLogEntry {
  const e = addChunks(
    {
      id: s.id,
      kind: "http",
      time: s.time,
      durationMs: null,
      client: s.client,
      caller: s.caller,
      remoteAddress: s.remoteAddress,
      method: s.method,
      path: s.path,
      status: null,
      model: s.model,
      stream: s.stream,
      scenario: s.scenario,
      fault: s.fault,
      rule: s.rule,
      request: loggedRequest(s.headers, s.body, maxBodyChars),
      response: { headers: {}, body: "", bodyTruncated: false },
    },
    [],
  );
  return Object.assign(e, { usage: null, error: null, seq: 0 }) as NewLogEntry;
}

/**
 * An entry for an exchange that ended before it was ever logged (the usual answer, ready at once):
 * built complete in one literal, the same fields and order as `openEntry` then `closeEntry`.
 */
export function completeEntry(s: EntryStart, end: EntryEnd, maxBodyChars: number): NewLogEntry {
  const cut = end.body.length > maxBodyChars;
  return {
    id: s.id,
    kind: "http",
    time: s.time,
    durationMs: end.durationMs,
    client: s.client,
    caller: s.caller,
    remoteAddress: s.remoteAddress,
    method: s.method,
    path: s.path,
    status: end.status,
    model: end.model,
    stream: end.stream,
    scenario: end.scenario,
    fault: end.fault,
    rule: end.rule,
    request: loggedRequest(s.headers, s.body, maxBodyChars),
    response: { headers: end.headers, body: cut ? end.body.slice(0, maxBodyChars) : end.body, bodyTruncated: cut },
    chunks: [],
    usage: end.usage,
    error: end.error,
    seq: 0,
  };
}

/** Completes an entry with how the exchange ended; bodies past the log's limit are cut and flagged. */
export function closeEntry(e: NewLogEntry, end: EntryEnd, maxBodyChars: number): void {
  const cut = end.body.length > maxBodyChars;
  e.status = end.status;
  e.durationMs = end.durationMs;
  e.model = end.model;
  e.stream = end.stream;
  e.scenario = end.scenario;
  e.fault = end.fault;
  e.rule = end.rule;
  e.response = { headers: end.headers, body: cut ? end.body.slice(0, maxBodyChars) : end.body, bodyTruncated: cut };
  e.usage = end.usage;
  if (end.error) e.error = end.error;
}
