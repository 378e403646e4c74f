import type { IncomingHttpHeaders } from "node:http";
import type { ClientIdentity, LogEntry } from "../../shared/requestLog";
import type { RateLimitClient } from "../../shared/rateLimits";
import { loggedFetchHeaders, loggedHeaders } from "../server/redact";

export type NewLogEntry = Omit<LogEntry, "seq">;

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
  /** As received (Node's parsed headers, or Fetch headers): copied and redacted when first read. */
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

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * The request half of an entry. Its headers stay the received object until someone reads them
 * (the inspector, an export, the journal): the copy and the redaction of credentials happen then,
 * once, so a request nobody looks at costs neither. An own enumerable accessor until then, so JSON,
 * spreads and structured clones see a plain `headers` property.
 */
function loggedRequest(source: IncomingHttpHeaders | Headers, body: string, maxBodyChars: number): LogEntry["request"] {
  let from: IncomingHttpHeaders | Headers | null = source;
  const cut = body.length > maxBodyChars;
  // After the first read or write, `headers` is a plain data property, as console.log expects.
  const settle = (target: LogEntry["request"], value: Record<string, string>) => {
    from = null;
    Object.defineProperty(target, "headers", { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  const request = {
    get headers(): Record<string, string> {
      return settle(this, from instanceof Headers ? loggedFetchHeaders(from) : loggedHeaders(from!));
    },
    set headers(value: Record<string, string>) {
      settle(this, value);
    },
    body: cut ? body.slice(0, maxBodyChars) : body,
    bodyTruncated: cut,
  };
  // util.inspect does not call getters: show the headers (read now, as on any first read), not [Getter/Setter].
  Object.defineProperty(request, INSPECT, {
    value(this: LogEntry["request"]) {
      return { headers: this.headers, body: this.body, bodyTruncated: this.bodyTruncated };
    },
  });
  return request;
}

/** A new entry, still in flight. */
export function openEntry(s: EntryStart, maxBodyChars: number): NewLogEntry {
  return {
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
    chunks: [],
    usage: null,
    error: null,
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
