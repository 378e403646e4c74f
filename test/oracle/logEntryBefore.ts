// How Exchange built its log entries before they kept the received headers and copied them on
// read (src/core/log/entry.ts): the log-entry differential test's oracle, taken from
// src/core/server/exchange.ts (newEntry and finish) at commit 2f28d36. Frozen: never edit it to make a test pass.
// Its likeness to entry.ts's openEntry and completeEntry is the point, not a duplicate to fold
// away: the differential test compares the product with this old copy over generated requests.
import type { IncomingHttpHeaders } from "node:http";
import type { RequestLog } from "../../src/core/log/requestLog";
import { loggedFetchHeaders, loggedHeaders } from "../../src/core/server/redact";
import type { EntryEnd, EntryStart } from "../../src/core/log/entry";
import type { LogEntry } from "../../src/shared/requestLog";

export function newEntryBefore(s: EntryStart, log: RequestLog): Omit<LogEntry, "seq"> {
  const clipped = log.clip(s.body);
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
    request: {
      headers:
        s.headers instanceof Headers ? loggedFetchHeaders(s.headers) : loggedHeaders(s.headers as IncomingHttpHeaders),
      body: clipped.body,
      bodyTruncated: clipped.truncated,
    },
    response: { headers: {}, body: "", bodyTruncated: false },
    chunks: [],
    usage: null,
    error: null,
  };
}

/** Exchange.finish's log half: completes the live entry `id`, or adds `start`'s entry complete. */
export function finishBefore(log: RequestLog, start: EntryStart, live: boolean, end: EntryEnd): void {
  const { status, headers } = end;
  const usage = end.usage ?? null;
  const error = end.error ?? null;
  const durationMs = end.durationMs;
  const clipped = log.clip(end.body);
  const response = { headers, body: clipped.body, bodyTruncated: clipped.truncated };
  const complete = (e: Omit<LogEntry, "seq">) => {
    e.status = status;
    e.durationMs = durationMs;
    e.model = end.model;
    e.stream = end.stream;
    e.scenario = end.scenario;
    e.fault = end.fault;
    e.rule = end.rule;
    e.response = response;
    e.usage = usage;
    if (error) e.error = error;
  };
  if (live) log.update(start.id, complete);
  else {
    const e = newEntryBefore(start, log);
    complete(e);
    log.add(e);
  }
}
