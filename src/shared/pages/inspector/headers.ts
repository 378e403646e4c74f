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

/** Headers whose credential the log keeps only as a hint ("Bearer sk-…wxyz"), see core/server/exchange. */
const CREDENTIALS = new Set(["authorization", "api-key", "x-api-key", "openai-api-key"]);

/** Sent in place of a redacted API key: the mock accepts any key, and this one says where it came from. */
export const REPLAY_PLACEHOLDER_KEY = "sk-mock-gpt-replay";

/** The auth scheme a redacted credential kept ("Bearer sk-…wxyz"): only known ones, as core/server/redact keeps them. */
export const REDACTED_SCHEME = /^((?:Bearer|Basic|Token|Digest|Negotiate)\s+)(?=\S*\u2026)/i;

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
    if (CREDENTIALS.has(lower) && isRedacted(value)) {
      const scheme = REDACTED_SCHEME.exec(value)?.[1] ?? "";
      out.push([name, scheme + (key ?? REPLAY_PLACEHOLDER_KEY)]);
      credential = key ? "key" : "placeholder";
    } else if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(value)) dropped.push(name);
    else out.push([name, value]);
  }
  return { headers: out, credential, dropped };
}
