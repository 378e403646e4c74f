// The "Open in Editor" tab's title: the request it shows, short ("POST /v1/chat/completions · 200").
// Plain text in VS Code, but request-derived: control and format characters (bidi overrides that
// could reorder what the tab appears to say) are removed, and a long path is cut in its middle.
import type { LogEntry } from "../../shared/requestLog";
import { failedAfterHeaders } from "../../shared/pages/inspector/status";

export const REQUEST_TAB_FALLBACK = "Mock GPT Request";
/** Characters of path kept; the tab strip has room for little more. */
const MAX_PATH = 40;

const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const clean = (s: string) => s.replace(UNSAFE, "").trim();

function shorten(path: string): string {
  const chars = [...path]; // whole code points, so a cut never splits a surrogate pair
  if (chars.length <= MAX_PATH) return path;
  const head = Math.ceil((MAX_PATH - 1) * 0.6);
  return `${chars.slice(0, head).join("")}…${chars.slice(chars.length - (MAX_PATH - 1 - head)).join("")}`;
}

type Titled = Pick<LogEntry, "kind" | "method" | "path" | "status" | "durationMs" | "remoteAddress" | "error">;

export function requestTabTitle(e: Titled | undefined): string {
  if (!e) return REQUEST_TAB_FALLBACK;
  if (e.kind === "tls-rejected") return `TLS refused · ${clean(e.remoteAddress).slice(0, MAX_PATH) || "unknown"}`;
  // The query string is left out: it is long, and it is where credentials hide (redacted or not).
  const path = shorten(clean(e.path.split("?", 1)[0] ?? "")) || "/";
  const method = clean(e.method).slice(0, 10) || "?";
  // Like the detail's badge: a 200 whose stream then failed says so ("200 failed").
  const outcome =
    e.status === null
      ? e.durationMs === null
        ? "…"
        : "no response"
      : `${e.status}${failedAfterHeaders(e) ? " failed" : ""}`;
  return `${method} ${path} · ${outcome}`;
}
