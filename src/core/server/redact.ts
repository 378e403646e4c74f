import type { IncomingHttpHeaders } from "node:http";
import { decodeQueryPart, isSecretParam, mapQuery } from "../../shared/pages/inspector/query";

/** Headers that carry credentials: the log (and so exports, curl copies, replays) keeps only a hint. */
const SECRET_HEADERS = new Set([
  "authorization",
  "api-key",
  "x-api-key",
  "openai-api-key",
  "proxy-authorization",
  "cookie",
]);

/** "Bearer sk-proj-abc…wxyz" → "Bearer sk-…wxyz": enough to tell keys apart, useless to a thief. */
export function redactSecret(value: string): string {
  const m = /^(\S+\s+)?(.*)$/.exec(value)!;
  const scheme = m[1] ?? "";
  const secret = m[2] ?? "";
  if (secret.length <= 8) return scheme + "…";
  return `${scheme}${secret.slice(0, 3)}…${secret.slice(-4)}`;
}

// Clients send the same key on every request: its hint is worked out once (bounded against invented keys).
const hints = new Map<string, string>();
function secretHint(value: string): string {
  let hint = hints.get(value);
  if (hint === undefined) {
    hint = redactSecret(value);
    if (hints.size >= 256) hints.clear();
    hints.set(value, hint);
  }
  return hint;
}

/**
 * The request headers as the log keeps them: a copy (Node's own object is left alone, so later
 * readers still see what the client sent), repeated headers joined, credentials redacted.
 */
export function loggedHeaders(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in h) {
    const v = h[k];
    if (v === undefined) continue;
    const s = Array.isArray(v) ? v.join(", ") : v;
    out[k] = SECRET_HEADERS.has(k) ? secretHint(s) : s;
  }
  return out;
}

/** The same for a Fetch Headers object (requests that did not come through Node's parser). */
export function loggedFetchHeaders(h: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  h.forEach((v, k) => (out[k] = SECRET_HEADERS.has(k) ? redactSecret(v) : v));
  return out;
}

/**
 * The request target as the log keeps it: credential query parameters (`?api_key=…`, Azure's
 * `api-key`, `access_token`, …) cut to the same hint as headers, percent-encoded so the logged URL
 * stays a valid (ASCII) URL for curl copies, replays and HAR files; everything else byte for byte.
 */
export function redactPath(path: string): string {
  return mapQuery(path, (name, value) =>
    isSecretParam(name) ? encodeURIComponent(redactSecret(decodeQueryPart(value))) : null,
  );
}
