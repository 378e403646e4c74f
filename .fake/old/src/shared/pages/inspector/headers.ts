// Headers a replay or a curl command must not copy from the recorded request: they describe the
// old connection (hop-by-hop), or the client recomputes them.
const SKIP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
  "content-length",
  "expect",
]);

/**
 * Request headers that carry credentials: the log keeps only a hint ("Bearer sk-…wxyz", see
 * core/server/redact), and a replay or curl copy sends a stand-in. The names SDKs and gateways send
 * (OpenAI, Azure, Anthropic-compatible, Gemini, Azure API Management, …), and any other name that
 * says it holds an API key (`*-api-key`, `*-access-key`, `*-subscription-key`, Portkey's `*-virtual-key`;
 * not any `*-key`: `idempotency-key` is none), a token or JWT, a secret or a password.
 */
const CREDENTIAL_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "api-key",
  "apikey",
  "x-api-key",
  "openai-api-key",
  "x-goog-api-key",
  "ocp-apim-subscription-key",
  "x-functions-key",
  "x-auth-token",
  "cookie",
  "set-cookie",
]);
const CREDENTIAL_NAME =
  /(?:^|-)(?:api-?key|api_key|access-key|auth|token|jwt|secret|password|passwd|subscription-key|virtual-key)$|authorization$/;
/** Credentials whose value may start with an auth scheme ("Bearer …", as in Authorization, Helicone-Auth). */
const SCHEME_NAME = /authorization$|(?:^|-)auth$/;
/** A redacted cookie cannot stand in for anything: a replay leaves it out. */
const COOKIES = new Set(["cookie", "set-cookie"]);

/** Whether a header (or a query parameter) named `name` (lower case, `-`-separated) carries a credential. */
export const isCredentialName = (name: string): boolean => CREDENTIAL_HEADERS.has(name) || CREDENTIAL_NAME.test(name);

const credentialNames = new Map<string, boolean>();
/** Whether request header `name` (lower case) carries a credential. Cached: a client sends the same few names. */
export function isCredentialHeader(name: string): boolean {
  let is = credentialNames.get(name);
  if (is === undefined) {
    is = isCredentialName(name);
    if (credentialNames.size < 1024) credentialNames.set(name, is); // bounded against invented names
  }
  return is;
}

/** Whether credential header `name` (lower case) may name its auth scheme first ("Bearer sk-…"). */
export const hasAuthScheme = (name: string): boolean => SCHEME_NAME.test(name);

/** Sent in place of a redacted API key: the mock accepts any key, and this one says where it came from. */
export const REPLAY_PLACEHOLDER_KEY = "sk-mock-gpt-replay";

/** The auth schemes the log keeps before a redacted credential; any other first word may be part of the key. */
export const AUTH_SCHEMES = "Bearer|Basic|Token|Digest|Negotiate";

/** The auth scheme a redacted credential kept ("Bearer sk-…wxyz"). */
export const REDACTED_SCHEME = new RegExp(`^((?:${AUTH_SCHEMES})\\s+)(?=\\S*\u2026)`, "i");

/** A redacted value keeps an ellipsis (U+2026), which is not even legal in an HTTP header. */
export function isRedacted(value: string): boolean {
  return value.includes("\u2026");
}

export function replayableHeaders(headers: Record<string, string>): Array<[string, string]> {
  return Object.entries(headers).filter(([name]) => !SKIP.has(name.toLowerCase()) && !name.startsWith(":"));
}

export interface ReplayHeaders {
  headers: Array<[string, string]>;
  /** What stands in for redacted credentials: null when the request carried none. */
  credential: "placeholder" | "key" | null;
  /** Headers left out because their value could not be sent (a redacted cookie, a stray non-Latin-1 character). */
  dropped: string[];
}

/**
 * The headers to send again: redacted credentials get `apiKey` (the user's key) or the placeholder,
 * keeping their scheme ("Bearer "); a redacted cookie and values Node would refuse are left out.
 */
export function replayHeaders(headers: Record<string, string>, apiKey?: string | null): ReplayHeaders {
  const key = apiKey?.trim() || null;
  let credential: ReplayHeaders["credential"] = null;
  const out: Array<[string, string]> = [];
  const dropped: string[] = [];
  for (const [name, value] of replayableHeaders(headers)) {
    const lower = name.toLowerCase();
    if (isCredentialHeader(lower) && !COOKIES.has(lower) && isRedacted(value)) {
      const scheme = REDACTED_SCHEME.exec(value)?.[1] ?? "";
      out.push([name, scheme + (key ?? REPLAY_PLACEHOLDER_KEY)]);
      credential = key ? "key" : "placeholder";
    } else if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(value)) dropped.push(name);
    else out.push([name, value]);
  }
  return { headers: out, credential, dropped };
}
