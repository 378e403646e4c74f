// HAR 1.2 export (http://www.softwareishard.com/blog/har-12-spec/). Pure, so the VS Code host,
// the browser page and the unit tests share it. TLS-rejected handshakes are not HTTP exchanges
// and are left out; the JSON export keeps them.
import type { LogEntry } from "../../requestLog";

export interface HarNameValue {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    queryString: HarNameValue[];
    postData?: { mimeType: string; text: string };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    content: { size: number; mimeType: string; text: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  comment?: string;
}

export interface Har {
  log: { version: "1.2"; creator: { name: string; version: string }; entries: HarEntry[]; comment?: string };
}

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "No Content",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

const bytes = (s: string) => new TextEncoder().encode(s).length;
const pairs = (h: Record<string, string>): HarNameValue[] =>
  Object.entries(h).map(([name, value]) => ({ name, value }));
const header = (h: Record<string, string>, name: string) =>
  Object.entries(h).find(([k]) => k.toLowerCase() === name)?.[1];

function queryString(path: string): HarNameValue[] {
  const q = path.indexOf("?");
  const hash = path.indexOf("#");
  if (q < 0 || (hash >= 0 && hash < q)) return [];
  const query = path.slice(q + 1, hash < 0 ? undefined : hash); // a raw target's fragment is no query
  return [...new URLSearchParams(query)].map(([name, value]) => ({ name, value }));
}

/** A Host header a URL can be built from: a name or IP (v6 in brackets) and an optional port. */
const HOST = /^(?:[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * Where the request was really sent: its own Host header (the port it reached, even if the server
 * has moved since), on the server's scheme. The current server URL only when the Host is missing.
 */
export function requestBase(e: LogEntry, serverUrl: string | null): string {
  const current = (serverUrl ?? "https://127.0.0.1").replace(/\/+$/, "");
  const host = header(e.request.headers, "host")?.trim();
  if (!host || !HOST.test(host)) return current;
  const scheme = /^http:/i.test(current) ? "http" : "https";
  return `${scheme}://${host}`;
}

export function toHarEntry(e: LogEntry, serverUrl: string | null): HarEntry {
  const base = requestBase(e, serverUrl);
  const time = Math.max(0, e.durationMs ?? 0);
  // For streams the first chunk marks the end of waiting; the rest is receiving.
  const wait = e.stream && e.chunks.length ? Math.min(time, Math.max(0, e.chunks[0]!.t)) : time;
  const reqType = header(e.request.headers, "content-type") ?? "application/json";
  const resType = header(e.response.headers, "content-type") ?? (e.stream ? "text/event-stream" : "application/json");
  // The outcome a status cannot carry: a 200 stream the client left or a fault cut is no clean 200.
  const notes = [
    e.fault && `fault: ${e.fault}`,
    e.error && `ended: ${e.error.code} (${e.error.message})`,
    e.request.bodyTruncated && "request body truncated in the log",
    e.response.bodyTruncated && "response body truncated in the log",
    e.durationMs === null && "still in flight when exported",
  ].filter(Boolean);
  const entry: HarEntry = {
    startedDateTime: new Date(e.time).toISOString(),
    time,
    request: {
      method: e.method,
      url: base + (e.path.startsWith("/") ? e.path : `/${e.path}`),
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: pairs(e.request.headers),
      queryString: queryString(e.path),
      headersSize: -1,
      bodySize: bytes(e.request.body),
    },
    response: {
      status: e.status ?? 0,
      statusText: e.status === null ? "" : (STATUS_TEXT[e.status] ?? ""),
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: pairs(e.response.headers),
      content: { size: bytes(e.response.body), mimeType: resType, text: e.response.body },
      redirectURL: "",
      headersSize: -1,
      bodySize: bytes(e.response.body),
    },
    cache: {},
    timings: { send: 0, wait, receive: time - wait },
  };
  if (e.request.body) entry.request.postData = { mimeType: reqType, text: e.request.body };
  if (notes.length) entry.comment = notes.join("; ");
  return entry;
}

export function toHar(entries: readonly LogEntry[], o: { serverUrl: string | null; version?: string }): Har {
  const http = entries.filter((e) => e.kind === "http");
  const refused = entries.length - http.length;
  const har: Har = {
    log: {
      version: "1.2",
      creator: { name: "Mock GPT", version: o.version ?? "0.1.0" },
      entries: http.sort((a, b) => a.seq - b.seq).map((e) => toHarEntry(e, o.serverUrl)),
    },
  };
  if (refused) har.log.comment = `${refusedText(refused)} left out: not HTTP exchanges (the JSON export keeps them).`;
  return har;
}

const refusedText = (n: number) => `${n} refused TLS handshake${n === 1 ? "" : "s"}`;

/** An export's file content and what the user is told about it: the count is what the file holds. */
export interface BuiltExport {
  content: string;
  /** Entries written to the file. */
  count: number;
  /** "22 requests" or "22 requests (2 refused TLS handshakes left out)". */
  summary: string;
}

export function buildExport(
  entries: readonly LogEntry[],
  format: "json" | "har",
  o: { serverUrl: string | null; version?: string },
): BuiltExport {
  if (format === "json") {
    const count = entries.length;
    return { content: toJsonExport(entries, o), count, summary: `${count} ${count === 1 ? "entry" : "entries"}` };
  }
  const har = toHar(entries, o);
  const count = har.log.entries.length;
  const refused = entries.length - count;
  const summary = `${count} request${count === 1 ? "" : "s"}${refused ? ` (${refusedText(refused)} left out)` : ""}`;
  return { content: JSON.stringify(har, null, 2), count, summary };
}

/** The JSON export: the log entries as recorded, oldest first. */
export function toJsonExport(entries: readonly LogEntry[], o: { serverUrl: string | null }): string {
  return JSON.stringify(
    {
      exportedAt: new Date().toISOString(),
      serverUrl: o.serverUrl,
      entries: [...entries].sort((a, b) => a.seq - b.seq),
    },
    null,
    2,
  );
}

export function exportFileName(format: "json" | "har", now = new Date()): string {
  return `mock-gpt-requests-${now.toISOString().replace(/[:.]/g, "-").slice(0, 19)}.${format}`;
}
