import type { IncomingHttpHeaders } from "node:http";

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
    out[k] = SECRET_HEADERS.has(k) ? redactSecret(s) : s;
  }
  return out;
}

/** The same for a Fetch Headers object (requests that did not come through Node's parser). */
export function loggedFetchHeaders(h: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  h.forEach((v, k) => (out[k] = SECRET_HEADERS.has(k) ? redactSecret(v) : v));
  return out;
}

/** Query parameters that carry credentials (compared lower case, `-` read as `_`). */
const SECRET_PARAMS = new Set([
  "api_key",
  "apikey",
  "key",
  "openai_api_key",
  "access_token",
  "token",
  "auth",
  "authorization",
  "password",
  "secret",
  "client_secret",
  "sig",
  "signature",
]);

function paramName(raw: string): string {
  let name = raw;
  try {
    name = decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    /* malformed escapes: compare the raw text */
  }
  return name.trim().toLowerCase().replace(/-/g, "_");
}

/**
 * The request target as the log keeps it: credential query parameters (`?api_key=…`, Azure's
 * `api-key`, `access_token`, …) cut to the same hint as headers; everything else byte for byte.
 */
export function redactPath(path: string): string {
  const q = path.indexOf("?");
  if (q < 0) return path;
  const hash = path.indexOf("#", q);
  const query = path.slice(q + 1, hash < 0 ? undefined : hash);
  let changed = false;
  const parts = query.split("&").map((part) => {
    const eq = part.indexOf("=");
    if (eq < 0 || !SECRET_PARAMS.has(paramName(part.slice(0, eq)))) return part;
    let value = part.slice(eq + 1);
    try {
      value = decodeURIComponent(value.replace(/\+/g, " "));
    } catch {
      /* keep the raw text */
    }
    changed = true;
    return `${part.slice(0, eq)}=${redactSecret(value)}`;
  });
  return changed ? path.slice(0, q + 1) + parts.join("&") + (hash < 0 ? "" : path.slice(hash)) : path;
}
