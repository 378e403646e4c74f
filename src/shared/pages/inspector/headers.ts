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

export function replayableHeaders(headers: Record<string, string>): Array<[string, string]> {
  return Object.entries(headers).filter(([name]) => !SKIP.has(name.toLowerCase()) && !name.startsWith(":"));
}
