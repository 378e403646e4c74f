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

/** Headers whose value may name an auth scheme first ("Bearer …"); in any other, the whole value is the secret. */
const SCHEME_HEADERS = new Set(["authorization", "proxy-authorization"]);

/** The schemes kept before a redacted credential. Any other first word may be part of the key ("KEY v2"). */
const AUTH_SCHEME = /^(Bearer|Basic|Token|Digest|Negotiate)\s+(?=\S)/i;

/** Secrets shorter than this show nothing: 3 + 4 characters of 12 would leave 5 to guess. */
export const MIN_HINTED_SECRET = 16;

/** "sk-proj-abc…wxyz" → "sk-…wxyz": the whole (trimmed) value is the secret; a short one is just "…". */
export function redactSecret(value: string): string {
  const secret = Array.from(value.trim()); // code points: a hint never splits a surrogate pair
  return secret.length < MIN_HINTED_SECRET
    ? "\u2026"
    : `${secret.slice(0, 3).join("")}\u2026${secret.slice(-4).join("")}`;
}

/**
 * An Authorization value: a known scheme is kept ("Bearer sk-…wxyz"), everything after it redacted.
 * Basic shows no hint at all: the last characters of its base64 decode to the end of the password.
 */
export function redactAuthorization(value: string): string {
  const trimmed = value.trim();
  const scheme = AUTH_SCHEME.exec(trimmed);
  if (!scheme) return redactSecret(trimmed);
  if (/^basic$/i.test(scheme[1]!)) return `${scheme[1]} \u2026`;
  return `${scheme[1]} ${redactSecret(trimmed.slice(scheme[0].length))}`;
}

/** How the log shows credential header `name` (lower case). */
function redactHeader(name: string, value: string): string {
  return SCHEME_HEADERS.has(name) ? redactAuthorization(value) : redactSecret(value);
}

// Clients send the same key on every request: its hint is worked out once (bounded against invented keys).
const hints = new Map<string, string>();
const schemeHints = new Map<string, string>();
function secretHint(name: string, value: string): string {
  const cache = SCHEME_HEADERS.has(name) ? schemeHints : hints;
  let hint = cache.get(value);
  if (hint === undefined) {
    hint = redactHeader(name, value);
    if (cache.size >= 256) cache.clear();
    cache.set(value, hint);
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
    out[k] = SECRET_HEADERS.has(k) ? secretHint(k, s) : s;
  }
  return out;
}

/** The same for a Fetch Headers object (requests that did not come through Node's parser). */
export function loggedFetchHeaders(h: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  h.forEach((v, k) => (out[k] = SECRET_HEADERS.has(k) ? redactHeader(k, v) : v));
  return out;
}

/**
 * The request target as the log keeps it: credential query parameters (`?api_key=…`, Azure's
 * `api-key`, `access_token`, …) cut to the same hint as headers (the whole value: no scheme is kept), percent-encoded so the logged URL
 * stays a valid (ASCII) URL for curl copies, replays and HAR files; everything else byte for byte.
 */
export function redactPath(path: string): string {
  return mapQuery(path, (name, value) =>
    isSecretParam(name) ? encodeURIComponent(redactSecret(decodeQueryPart(value))) : null,
  );
}
