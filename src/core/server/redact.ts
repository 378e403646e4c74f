import type { IncomingHttpHeaders } from "node:http";
import { decodeQueryPart, isSecretParam, mapQuery } from "../../shared/pages/inspector/query";
import { hasAuthScheme, isCredentialHeader } from "../../shared/pages/inspector/headers";

// Headers that carry credentials (isCredentialHeader): the log, and so exports, curl copies and
// replays, keeps only a hint. Only those that may name an auth scheme first ("Bearer …",
// hasAuthScheme) keep it; in any other, the whole value is the secret.

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

/**
 * The credentials in one header's value. Node (and Fetch's Headers) join a repeated header's values
 * with ", ", so "api-key: K1" twice arrives as "K1, K2" (Node keeps only the first Authorization,
 * and joins Cookie with "; ": one credential). API keys hold no commas, so a comma separates keys.
 */
export function credentialValues(name: string, value: string): string[] {
  return value.includes(",") && name !== "cookie" ? value.split(",") : [value];
}

/**
 * A gateway takes one key: two in one request are never read as a third, joined one. The first
 * counts (as Node does with a repeated Authorization) for rate limits; the log shows each hint.
 */
export const firstCredential = (name: string, value: string): string => credentialValues(name, value)[0]!;

/** How the log shows credential header `name` (lower case): each value's own hint, so two keys read as two. */
function redactHeader(name: string, value: string): string {
  const redact = hasAuthScheme(name) ? redactAuthorization : redactSecret;
  const values = credentialValues(name, value);
  return values.length === 1 ? redact(value) : values.map((v) => redact(v)).join(", ");
}

// Clients send the same key on every request: its hint is worked out once (bounded against invented keys).
const hints = new Map<string, string>();
const schemeHints = new Map<string, string>();
function secretHint(name: string, value: string): string {
  const cache = hasAuthScheme(name) ? schemeHints : hints;
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
    out[k] = isCredentialHeader(k) ? secretHint(k, s) : s;
  }
  return out;
}

/** The same for a Fetch Headers object (requests that did not come through Node's parser). */
export function loggedFetchHeaders(h: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  h.forEach((v, k) => (out[k] = isCredentialHeader(k) ? redactHeader(k, v) : v));
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
