// The request inspector's messages, shared by its hosts (VS Code view, /ui route) and its page.
// Host → page: a snapshot answers "ready", then batched deltas. Page → host: commands.
// The list travels as compact summaries; bodies and chunks only for the one entry the user opens
// ("requests/detail"), and while that entry streams only its new chunks ("requests/chunks").
// Free-text body search runs on the host, which holds the bodies (see "requests/search").
import type { LogEntry, StreamChunk } from "../../requestLog";

export type { LogEntry, StreamChunk };

/** One list row's worth of an entry: everything but headers, bodies and chunks. */
export interface RequestSummary extends Pick<
  LogEntry,
  | "id"
  | "seq"
  | "kind"
  | "time"
  | "durationMs"
  | "method"
  | "path"
  | "status"
  | "model"
  | "stream"
  | "scenario"
  | "fault"
  | "rule"
  | "remoteAddress"
  | "error"
  | "usage"
> {
  /** The client certificate's CN, or null. */
  clientCn: string | null;
  /** Stream chunks recorded so far. */
  chunkCount: number;
  /** Body lengths in characters, as logged. */
  requestSize: number;
  requestTruncated: boolean;
  responseSize: number;
  responseTruncated: boolean;
  /** Present while the page has a body search active: whether this entry matches it. */
  match?: boolean;
}

/** Client certificate files, for "copy as curl" flags. */
export interface ClientTlsPaths {
  caPath: string;
  certPath: string;
  keyPath: string;
}

/** What the page needs besides the entries: where the server is, which certificate to cite. */
export interface InspectorContext {
  serverUrl: string | null;
  clientTls: ClientTlsPaths | null;
  /** The log's capacity: the snapshot holds at most this many entries. */
  capacity: number;
  /** Entries the log dropped for its size limit (not its capacity) since it was last cleared. */
  droppedForSize?: number;
}

export type InspectorToPage =
  /** `query` echoes the search the summaries' `match` flags answer ("" for none). */
  | { type: "requests/snapshot"; entries: RequestSummary[]; context: InspectorContext; query?: string }
  | { type: "requests/added"; entries: RequestSummary[] }
  | { type: "requests/updated"; entries: RequestSummary[] }
  /** `bySize`: how many of them went for the log's size limit rather than its capacity. */
  | { type: "requests/evicted"; ids: string[]; bySize?: number }
  | { type: "requests/cleared" }
  /** The full entry the page asked for (null: no longer in the log); also re-sent when a watched entry's non-chunk parts change. */
  | { type: "requests/detail"; id: string; entry: LogEntry | null }
  /** New chunks of the watched (open) entry: `chunks` continue its list at index `from`. */
  | { type: "requests/chunks"; id: string; from: number; chunks: StreamChunk[] }
  /** Answer to "requests/search": every matching id at the time; later deltas carry `match`. */
  | { type: "requests/matches"; query: string; ids: string[] }
  /** Browser host: the export built from the log, for the page to download. */
  | { type: "requests/exported"; format: ExportFormat; fileName: string; content: string; count: number }
  | { type: "inspector/context"; context: InspectorContext }
  /** The editor tab: show this entry (the one chosen in the sidebar). */
  | { type: "detail/focus"; id: string }
  /** Outcome of a command (replay sent, export saved, copy failed…), shown in the status line. */
  | { type: "inspector/notice"; level: "info" | "error"; text: string };

export type ExportFormat = "json" | "har";

export type InspectorToHost =
  /** `query`: the body search to apply to the snapshot's `match` flags (restored filters). */
  | { type: "ready"; query?: string }
  | { type: "requests/clear" }
  | { type: "requests/replay"; id: string }
  /** Full entry for the detail view; the host then streams that entry's new chunks. */
  | { type: "requests/detail"; id: string }
  /** Case-insensitive body search; "" turns it off. */
  | { type: "requests/search"; query: string }
  /** The host builds it from the log: VS Code saves it, browsers get "requests/exported". */
  | { type: "requests/export"; format: ExportFormat; ids: string[] }
  /** VS Code only: webviews cannot reach the system clipboard reliably; browsers copy in the page. */
  | { type: "clipboard/write"; text: string; what: string }
  /** VS Code only: the welcome content's Start button while the server is off. */
  | { type: "server/start" }
  /** The sidebar's selected or opened entry, which an editor tab follows. */
  | { type: "requests/select"; id: string }
  /** VS Code only: show this entry's detail in an editor tab beside the code. */
  | { type: "detail/openInEditor"; id: string };

const COMMANDS = new Set([
  "server/start",
  "ready",
  "requests/clear",
  "requests/replay",
  "requests/detail",
  "requests/search",
  "requests/export",
  "clipboard/write",
  "requests/select",
  "detail/openInEditor",
]);

/** Validates an untrusted page message before a host acts on it. */
export function isInspectorCommand(m: unknown): m is InspectorToHost {
  if (!m || typeof m !== "object") return false;
  const msg = m as Record<string, unknown>;
  if (typeof msg.type !== "string" || !COMMANDS.has(msg.type)) return false;
  switch (msg.type) {
    case "ready":
      return msg.query === undefined || typeof msg.query === "string";
    case "requests/replay":
    case "requests/detail":
    case "requests/select":
    case "detail/openInEditor":
      return typeof msg.id === "string";
    case "requests/search":
      return typeof msg.query === "string";
    case "requests/export":
      return (
        (msg.format === "json" || msg.format === "har") &&
        Array.isArray(msg.ids) &&
        msg.ids.every((i) => typeof i === "string")
      );
    case "clipboard/write":
      return typeof msg.text === "string" && typeof msg.what === "string";
    default:
      return true;
  }
}

/** Client-chosen strings (path, model) are capped too: a summary must stay small whatever was sent. */
const MAX_FIELD_CHARS = 2048;
const cap = (s: string) => (s.length > MAX_FIELD_CHARS ? `${s.slice(0, MAX_FIELD_CHARS)}…` : s);

/** The list's view of an entry: a few hundred bytes whatever its bodies hold. */
export function summarize(e: LogEntry): RequestSummary {
  return {
    id: e.id,
    seq: e.seq,
    kind: e.kind,
    time: e.time,
    durationMs: e.durationMs,
    method: e.method,
    path: cap(e.path),
    status: e.status,
    model: e.model === null ? null : cap(e.model),
    stream: e.stream,
    scenario: e.scenario,
    fault: e.fault == null ? null : cap(e.fault),
    rule: e.rule == null ? null : cap(e.rule),
    clientCn: e.client ? cap(e.client.commonName) : null,
    remoteAddress: e.remoteAddress,
    error: e.error && { code: cap(e.error.code), message: cap(e.error.message) },
    usage: e.usage,
    chunkCount: e.chunks.length,
    requestSize: e.request.body.length,
    requestTruncated: e.request.bodyTruncated,
    responseSize: e.response.body.length,
    responseTruncated: e.response.bodyTruncated,
  };
}
