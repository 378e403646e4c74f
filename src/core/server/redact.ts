import type { IncomingHttpHeaders } from "node:http";
import {
  decodeLenient,
  decodeQueryPart,
  isSecretParam,
  mapParams,
  MAX_DECODES,
} from "../../shared/pages/inspector/query";
import { AUTH_SCHEMES, hasAuthScheme, isCredentialHeader } from "../../shared/pages/inspector/headers";

// Headers that carry credentials (isCredentialHeader): the log, and so exports, curl copies and
// replays, keeps only a hint. Only those that may name an auth scheme first ("Bearer …",
// hasAuthScheme) keep it; in any other, the whole value is the secret.

/** The schemes kept before a redacted credential. Any other first word may be part of the key ("KEY v2"). */
const AUTH_SCHEME = new RegExp(`^(${AUTH_SCHEMES})\\s+(?=\\S)`, "i");

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

/** How a credential header's value is redacted; it depends on the name only through this. */
type Rule = "scheme" | "keys" | "whole";

/**
 * Headers named like a key (`api-key`, `x-goog-api-key`, …): a gateway's key holds no comma, so
 * "K1, K2" is one header sent twice (Node and Fetch join repeats with ", "). Any other credential
 * is one value whatever it holds: Node keeps only the first Authorization, a Digest credential or
 * a structured token has commas of its own, and Cookie is joined with "; ".
 */
const KEY_NAME = /key$/;
const ruleOf = (name: string): Rule => (hasAuthScheme(name) ? "scheme" : KEY_NAME.test(name) ? "keys" : "whole");

/** Parts of a key header's value that are each a key: one token, no quotes; and no scheme in front. */
const keyList = (value: string): string[] | null => {
  if (!value.includes(",") || AUTH_SCHEME.test(value.trim())) return null;
  const keys = value.split(",");
  return keys.every((k) => /^[^\s",]+$/.test(k.trim())) ? keys : null;
};

/**
 * The credentials in one header's value: for a key header, each key of a repeated header; for any
 * other, the whole value (see KEY_NAME).
 */
function credentialValues(name: string, value: string): string[] {
  return (ruleOf(name) === "keys" && keyList(value)) || [value];
}

/**
 * A gateway takes one key: two in one request are never read as a third, joined one. The first
 * counts (as Node does with a repeated Authorization) for rate limits; the log shows each hint.
 */
export const firstCredential = (name: string, value: string): string => credentialValues(name, value)[0]!;

function redactByRule(rule: Rule, value: string): string {
  if (rule === "scheme") return redactAuthorization(value);
  const keys = rule === "keys" ? keyList(value) : null;
  return keys ? keys.map((k) => redactSecret(k)).join(", ") : redactSecret(value);
}

// How the log shows credential header `name` (lower case): each key's own hint, so two keys read as two.
// Clients send the same key on every request: its hint is worked out once per rule (the same value
// under another name may be redacted otherwise), bounded against invented keys.
const hints: Record<Rule, Map<string, string>> = { scheme: new Map(), keys: new Map(), whole: new Map() };
function secretHint(rule: Rule, value: string): string {
  const cache = hints[rule];
  let hint = cache.get(value);
  if (hint === undefined) {
    hint = redactByRule(rule, value);
    if (cache.size >= 256) cache.clear();
    cache.set(value, hint);
  }
  return hint;
}

/**
 * Headers whose value is a URL, which may carry a query credential as the request target does
 * (a browser's `Referer: https://app/?api_key=…`, the original URL a proxy passes on): redacted as
 * the target is (redactPath). The proxies' original target, query included: IIS URL Rewrite and
 * ingress-nginx (x-original-url), nginx configs (x-original-uri, x-original-request-uri and
 * oauth2-proxy's x-auth-request-redirect, all $request_uri), Traefik and Caddy forward auth
 * (x-forwarded-uri), ISAPI_Rewrite (x-rewrite-url), Envoy's path before a rewrite
 * (x-envoy-original-path), Azure App Service (x-waws-unencoded-url), gateways' x-forwarded-url.
 */
const URL_HEADERS = new Set([
  "referer",
  "x-original-url",
  "x-original-uri",
  "x-original-request-uri",
  "x-auth-request-redirect",
  "x-forwarded-uri",
  "x-forwarded-url",
  "x-rewrite-url",
  "x-envoy-original-path",
  "x-waws-unencoded-url",
]);

/**
 * How the log keeps a header's value, by name: as sent (0), as a URL (1), or as a credential's hint
 * by its redaction rule (worked out here once per name, not per request).
 */
type Kind = 0 | 1 | Rule;
const kinds = new Map<string, Kind>();
function kindOf(name: string): Kind {
  let kind = kinds.get(name);
  if (kind === undefined) {
    kind = isCredentialHeader(name) ? ruleOf(name) : URL_HEADERS.has(name) ? 1 : 0;
    if (kinds.size < 1024) kinds.set(name, kind); // bounded against invented names
  }
  return kind;
}

const loggedValue = (k: string, v: string): string => {
  const kind = kindOf(k);
  return kind === 0 ? v : kind === 1 ? redactPath(v) : secretHint(kind, v);
};

/**
 * The request headers as the log keeps them: a copy (Node's own object is left alone, so later
 * readers still see what the client sent), repeated headers joined, credentials redacted.
 */
export function loggedHeaders(h: IncomingHttpHeaders): Record<string, string> {
  // Copied whole (V8 clones a known shape at once), then only the values that change are written:
  // building the copy key by key cost a transition lookup per header.
  if (Object.hasOwn(h, "__proto__")) return loggedHeadersByKey(h); // a copy would keep it as its own key
  const out = { ...h } as Record<string, string | string[] | undefined>;
  for (const k in out) {
    const v = out[k];
    if (v === undefined) return loggedHeadersByKey(h); // not Node's: dropped, as below
    const kind = kindOf(k);
    if (kind === 0 && !Array.isArray(v)) continue;
    out[k] = loggedValue(k, Array.isArray(v) ? v.join(", ") : v);
  }
  return out as Record<string, string>;
}

/** The same, key by key: the reference `loggedHeaders` must agree with (see the tests). */
export function loggedHeadersByKey(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in h) {
    const v = h[k];
    if (v === undefined) continue;
    out[k] = loggedValue(k, Array.isArray(v) ? v.join(", ") : v);
  }
  return out;
}

/** The same for a Fetch Headers object (requests that did not come through Node's parser). */
export function loggedFetchHeaders(h: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  h.forEach((v, k) => (out[k] = loggedValue(k, v)));
  return out;
}

/** A credential as the log keeps it in a URL: its hint, percent-encoded so the URL stays valid ASCII. */
const hintInUrl = (decoded: string) => encodeURIComponent(redactSecret(decoded));

/**
 * Where a credential's value starts in `text` (already decoded) behind a delimiter the client
 * percent-encoded, so that only a decoding reader sees it ("1#api_key=sk-…" sent as
 * "1%23api_key%3Dsk-…"); -1 when there is none.
 */
function hiddenSecretAt(text: string): number {
  const param = /(?:^|[?#&;/])([^?#&;=/]*)=/g;
  for (let m; (m = param.exec(text));) if (isSecretParam(m[1]!)) return m.index + m[0].length;
  return -1;
}

/**
 * `text` with a hidden credential (see hiddenSecretAt) cut to its hint; null when it hides none.
 * Decoded up to MAX_DECODES times (`%2526api_key%253D…` hides a key from a server that decodes
 * twice); the text before the key is encoded again as often as it was decoded, so it reads as sent.
 */
function redactHidden(text: string, decode: (raw: string) => string): string | null {
  if (!text.includes("=") && !text.includes("%")) return null;
  let layer = text;
  for (let depth = 1; depth <= MAX_DECODES; depth++) {
    const decoded = decode(layer);
    const at = hiddenSecretAt(decoded);
    if (at >= 0) {
      let before = decoded.slice(0, at);
      for (let i = 0; i < depth; i++) before = encodeURIComponent(before);
      return before + hintInUrl(decoded.slice(at));
    }
    if (decoded === layer || !decoded.includes("%")) return null;
    layer = decoded;
  }
  return null;
}

/**
 * A query part as a whole, where it may hide a key that no `name=value` reading finds: a part with
 * no raw `=` (`?%26api_key%3D…`), or one whose name hides a delimiter (`?x%26api_key=…`).
 */
function redactPart(part: string): string | null {
  const eq = part.indexOf("=");
  if (eq >= 0 && (!part.slice(0, eq).includes("%") || isSecretParam(part.slice(0, eq)))) return null;
  return redactHidden(part, decodeQueryPart);
}

const decodePathPart = (raw: string) => decodeLenient(raw, false);

/** An absolute-form target's userinfo ("https://user:pass@host/…", as proxies receive): the password, or a lone token. */
const USERINFO = /^((?:[a-z][a-z0-9+.-]*:)?\/\/)([^/?#@]*)@/i;

/**
 * The request target as the log keeps it: credential parameters (`?api_key=…`, Azure's `api-key`,
 * `access_token`, …) cut to the same hint as headers (the whole value: no scheme is kept),
 * percent-encoded so the logged URL stays a valid (ASCII) URL for curl copies, replays and HAR
 * files; everything else byte for byte. A raw target is read the way a careless or hostile client
 * may write it: parameters after a `#` or a `;` too (see mapParams), repeated ones each, one hidden
 * behind a percent-encoded delimiter (`?x=1%23api_key=…`, `?%26api_key%3D…`, `/v1%3Fapi_key%3D…`,
 * also encoded twice: see redactHidden) and a URL's userinfo.
 */
export function redactPath(path: string): string {
  if (!/[?#;%=@]/.test(path)) return path; // a bare path (the common case) holds no parameter
  let out = mapParams(
    path,
    (name, value) => (isSecretParam(name) ? hintInUrl(decodeQueryPart(value)) : redactHidden(value, decodeQueryPart)),
    redactPart,
  );
  // Path segments (before any `;` parameters) whose decoded text hides a parameter.
  const end = out.search(/[?#]/);
  const target = end < 0 ? out : out.slice(0, end);
  if (target.includes("%") || target.includes("=")) {
    const redacted = target.replace(/[^/;]+/g, (segment, at: number) =>
      at > 0 && target[at - 1] === ";" ? segment : (redactHidden(segment, decodePathPart) ?? segment),
    );
    if (redacted !== target) out = redacted + (end < 0 ? "" : out.slice(end));
  }
  const userinfo = USERINFO.exec(out);
  if (userinfo) {
    const info = userinfo[2]!;
    const colon = info.indexOf(":");
    const kept = colon < 0 ? "" : info.slice(0, colon + 1);
    out = userinfo[1] + kept + hintInUrl(decodePathPart(info.slice(kept.length))) + "@" + out.slice(userinfo[0].length);
  }
  return out;
}
