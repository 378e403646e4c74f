import { createHmac, randomBytes } from "node:crypto";
import type { RateLimitClient } from "../../shared/rateLimits";
import { decodeQueryPart, mapQuery } from "../../shared/pages/inspector/query";
import { firstCredential, MIN_HINTED_SECRET, redactAuthorization } from "../server/redact";

type HeaderBag = Record<string, string | string[] | undefined>;

/** A header's one key: the first of repeated values (see firstCredential), never them joined. */
const first = (v: string | string[] | undefined, name: string) =>
  v === undefined ? undefined : firstCredential(name, Array.isArray(v) ? v[0]! : v);

/**
 * The API key a request carries: `Authorization: Bearer …`, or Azure's `api-key` header, else a
 * query credential (`?api-key=…` / `?api_key=…`, Azure style) in `url`, the request target.
 */
export function apiKeyOf(headers: HeaderBag, url?: string): string | null {
  const auth = first(headers.authorization, "authorization")?.trim();
  if (auth) {
    // A bare "Bearer" (Node strips the trailing space of "Bearer ") carries no key: fall through.
    const m = /^Bearer(?:\s+(.*))?$/i.exec(auth);
    const key = (m ? (m[1] ?? "") : auth).trim();
    if (key) return key;
  }
  const alt = first(headers["api-key"], "api-key")?.trim() || first(headers["x-api-key"], "x-api-key")?.trim();
  return alt || (url && url.includes("?") ? queryApiKey(url) : null);
}

function queryApiKey(url: string): string | null {
  let key: string | null = null;
  mapQuery(url, (name, value) => {
    if (key === null && /^api[-_]key$/i.test(decodeQueryPart(name).trim())) key = decodeQueryPart(value).trim() || null;
    return null;
  });
  return key;
}

/** The log's hint ("sk-…wxyz"), so both name a key alike; keys too short for a hint by hash only. */
function keyLabel(key: string, hash: string): string {
  return key.length >= MIN_HINTED_SECRET ? redactAuthorization(key) : `key #${hash.slice(0, 6)}`;
}

const cache = new Map<string, RateLimitClient>();
// Salted per process: an id in the log or journal must not let anyone test guesses of a short key.
const SALT = randomBytes(16);

/**
 * Who a request is, for rate limits: the API key when one is sent (as OpenAI counts per
 * organization/key; in a header, else in the query of `url`), else the verified certificate's CN,
 * else the remote address. Never the raw key.
 */
export function rateLimitClient(
  headers: HeaderBag,
  commonName: string | null,
  remoteAddress = "",
  url?: string,
): RateLimitClient {
  const key = apiKeyOf(headers, url);
  if (key) {
    let c = cache.get(key);
    if (!c) {
      const hash = createHmac("sha256", SALT).update(key).digest("hex");
      c = { id: `key:${hash.slice(0, 16)}`, label: keyLabel(key, hash), kind: "api-key" };
      if (cache.size >= 1000) cache.clear(); // a handful of keys in practice; bounded against invented ones
      cache.set(key, c);
    }
    return c;
  }
  if (commonName) return { id: `cn:${commonName}`, label: commonName, kind: "certificate" };
  return { id: `ip:${remoteAddress}`, label: remoteAddress || "unknown", kind: "address" };
}

/** What a connection's last caller was worked out from: its credential headers, and the caller. */
export interface CallerMemo {
  authorization: string | string[] | undefined;
  apiKey: string | string[] | undefined;
  xApiKey: string | string[] | undefined;
  caller: RateLimitClient;
}

/**
 * rateLimitClient for a request on a connection whose certificate and address are fixed (`peer`):
 * a keep-alive client sends the same credentials on every request, so the caller worked out for
 * the last one is reused while the credential headers are the same. A target with a query (which
 * may carry a key) is always read afresh.
 */
export function connectionCaller(
  peer: { client: { commonName: string } | null; remoteAddress: string; lastCaller?: CallerMemo },
  headers: HeaderBag,
  url: string,
): RateLimitClient {
  const authorization = headers.authorization;
  const apiKey = headers["api-key"];
  const xApiKey = headers["x-api-key"];
  const last = peer.lastCaller;
  const plain = !url.includes("?");
  if (plain && last && last.authorization === authorization && last.apiKey === apiKey && last.xApiKey === xApiKey)
    return last.caller;
  const caller = rateLimitClient(headers, peer.client?.commonName ?? null, peer.remoteAddress, url);
  if (plain) peer.lastCaller = { authorization, apiKey, xApiKey, caller };
  return caller;
}

/** Whether a client matches what a user typed: its id, its label, or (for keys) the key itself. */
export function clientMatches(client: RateLimitClient, query: string): boolean {
  if (client.id === query || client.label === query) return true;
  return client.kind === "api-key" && rateLimitClient({ authorization: `Bearer ${query}` }, null).id === client.id;
}
