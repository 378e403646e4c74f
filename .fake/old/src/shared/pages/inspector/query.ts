// Credential query parameters (`?api_key=…`, Azure's `api-key`, …): which ones the log redacts, and
// what a replay or a curl copy sends in their place, as it does for redacted headers.
import { isCredentialName, REDACTED_SCHEME, REPLAY_PLACEHOLDER_KEY } from "./headers";

/**
 * Parameters that carry credentials though no header of theirs is named so (compared lower case,
 * `_` read as `-`): Google's `key`, signed URLs' `sig`, Azure Functions' and OAuth's `code`. Any
 * name a credential header could have (`api_key`, `access_token`, `subscription-key`, …) counts too.
 */
const SECRET_PARAMS = new Set(["key", "sig", "signature", "code"]);

/** `*_token` names that page through results, not credentials (the header rule would take them). */
const PAGING_TOKEN = /(?:^|-)(?:page|next|continuation|pagination|sync|cursor|resume)-token$/;

/** Escapes are undone at most this many times: `%2526` is `&` to a server that decodes twice. */
export const MAX_DECODES = 3;

const utf8 = new TextDecoder(); // not fatal: invalid UTF-8 reads as U+FFFD
const ESCAPES = /(?:%[0-9a-f]{2})+/gi;

/**
 * A component decoded as a lenient server reads it: a malformed escape (`%zz`, a lone `%`) stays
 * as sent and the rest is still decoded, invalid UTF-8 as U+FFFD; so `%zz%26api_key%3D…` is read
 * as the `&api_key=…` it hides. `plus`: `+` as space (a query).
 */
export function decodeLenient(raw: string, plus: boolean): string {
  const text = plus ? raw.replace(/\+/g, " ") : raw;
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(ESCAPES, (run) =>
      utf8.decode(Uint8Array.from(run.slice(1).split("%"), (h) => parseInt(h, 16))),
    );
  }
}

/** A query component decoded (`+` as space), leniently (see decodeLenient). */
export const decodeQueryPart = (raw: string): string => decodeLenient(raw, true);

/** A name decoded as often as a lenient server might (see MAX_DECODES). */
function decodeName(raw: string): string {
  let name = decodeQueryPart(raw);
  for (let i = 1; i < MAX_DECODES && name.includes("%"); i++) name = decodeQueryPart(name);
  return name;
}

const isSecretName = (name: string) => SECRET_PARAMS.has(name) || (isCredentialName(name) && !PAGING_TOKEN.test(name));

/**
 * Whether query parameter `rawName` carries a credential: a name in SECRET_PARAMS or one that
 * isCredentialName takes, compared decoded, lower case, `_` read as `-`, without PHP/Rails
 * brackets (`api_key[]`, `api_key[0]`). The last bracket names the key only under a wrapper meant
 * for credentials (`auth[api_key]`): under any other name it is the client's own field, such as
 * OpenAI's `metadata[key]=value` filters, which must be logged and replayed as sent.
 */
export function isSecretParam(rawName: string): boolean {
  const name = decodeName(rawName).trim().toLowerCase().replace(/_/g, "-");
  if (isSecretName(name)) return true;
  const brackets = /^([^[\]]*)((?:\[[^[\]]*\])+)$/.exec(name);
  if (!brackets) return false;
  const outer = brackets[1]!.trim();
  if (isSecretName(outer)) return true;
  const last = /\[([^[\]]*)\]$/.exec(brackets[2]!)![1]!.trim();
  return CREDENTIAL_WRAPPERS.has(outer) && last !== "" && isSecretName(last);
}

const CREDENTIAL_WRAPPERS = new Set(["auth", "credential", "credentials"]);

/**
 * Rewrites each `name=value` of a path's query, `&`-separated and up to any `#`, as a server reads
 * it (rate limits read a query key this way), with `f` (null: leave that part byte for byte).
 * Returns the path unchanged when nothing was rewritten. The log reads more: see mapParams.
 */
export function mapQuery(path: string, f: (name: string, value: string) => string | null): string {
  const q = path.indexOf("?");
  if (q < 0) return path;
  const hash = path.indexOf("#", q);
  const query = path.slice(q + 1, hash < 0 ? undefined : hash);
  let changed = false;
  const parts = query.split("&").map((part) => {
    const eq = part.indexOf("=");
    if (eq < 0) return part;
    const value = f(part.slice(0, eq), part.slice(eq + 1));
    if (value === null) return part;
    changed = true;
    return `${part.slice(0, eq)}=${value}`;
  });
  return changed ? path.slice(0, q + 1) + parts.join("&") + (hash < 0 ? "" : path.slice(hash)) : path;
}

/** One `name=value` part rewritten by `f`, or null when `f` leaves it alone (or it has no `=`). */
function mapPart(part: string, f: (name: string, value: string) => string | null): string | null {
  const eq = part.indexOf("=");
  if (eq < 0) return null;
  const value = f(part.slice(0, eq), part.slice(eq + 1));
  return value === null ? null : `${part.slice(0, eq)}=${value}`;
}

/**
 * Rewrites each `name=value` parameter of a raw request target with `f` (null: leave it byte for
 * byte), wherever a client may put one: in the query, but also after a `#` (raw targets may carry
 * a fragment: `#api_key=…`, OAuth's `#access_token=…`), separated by `;` as well as `&` (servers
 * that split on both exist), and as path parameters (`/v1/models;api_key=…`). A `?` or `#` past the
 * first one separates parameters too (`?a=1?api_key=…`, `#/route?token=…`). `whole`, when given,
 * sees every part first, with or without an `=`, and may replace it all (null: go on to `f`).
 * Returns the target unchanged when nothing was rewritten. The log's redaction, its display and
 * replay all read parameters this way, so what one redacts the others find.
 */
export function mapParams(
  target: string,
  f: (name: string, value: string) => string | null,
  whole?: (part: string) => string | null,
): string {
  let q = target.indexOf("?");
  const hash = target.indexOf("#");
  if (hash >= 0 && (q < 0 || hash < q)) q = hash;
  const semi = target.indexOf(";");
  if (q < 0 && semi < 0) return target; // the common case: a bare path
  let changed = false;
  const rewrite = (part: string) => {
    const out = whole?.(part) ?? mapPart(part, f);
    if (out === null) return part;
    changed = true;
    return out;
  };
  const path = q < 0 ? target : target.slice(0, q);
  let out = semi >= 0 && (q < 0 || semi < q) ? path.replace(/;([^;/]*)/g, (_, p: string) => `;${rewrite(p)}`) : path;
  if (q >= 0) out += target[q] + target.slice(q + 1).replace(/[^&;?#]+/g, rewrite);
  return changed ? out : target;
}

/** What stays percent-encoded when a hint is shown decoded: the unprintable, and what would change the query's shape. */
const UNREADABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}&#%+;?/]/gu;

/**
 * The logged path as people read it (the inspector's list and detail): a redacted credential's
 * hint decoded, "?api_key=sk-…wxyz", where the log keeps "sk-%E2%80%A6wxyz" so the URL stays valid
 * for HAR, curl copies and replays. Everything else is shown as it was sent.
 */
export function displayPath(path: string): string {
  if (!path.includes("%E2%80%A6")) return path; // no redaction hint (the common case)
  return mapParams(path, (name, raw) => {
    const value = decodeQueryPart(raw);
    if (!isSecretParam(name) || !value.includes("\u2026")) return null;
    return value.replace(UNREADABLE, (c) => encodeURIComponent(c));
  });
}

export interface ReplayPath {
  path: string;
  /** What stands in for redacted credentials: null when the query carried none. */
  credential: "placeholder" | "key" | null;
}

/**
 * The logged path to send again: a redacted credential parameter (its hint holds an ellipsis) gets
 * `apiKey` (the user's replay key) or the placeholder, keeping a scheme ("Bearer "), percent-encoded.
 */
export function replayPath(path: string, apiKey?: string | null): ReplayPath {
  const key = apiKey?.trim() || null;
  let credential: ReplayPath["credential"] = null;
  const out = mapParams(path, (name, raw) => {
    const value = decodeQueryPart(raw);
    if (!isSecretParam(name) || !value.includes("\u2026")) return null;
    // Logs written before query values were redacted whole may still hold "Bearer sk-…wxyz".
    const scheme = REDACTED_SCHEME.exec(value)?.[1] ?? "";
    credential = key ? "key" : "placeholder";
    return encodeURIComponent(scheme + (key ?? REPLAY_PLACEHOLDER_KEY));
  });
  return { path: out, credential };
}
