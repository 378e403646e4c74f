// The request inspector's messages, shared by its hosts (VS Code view, /ui route) and its page.
// Host → page: a snapshot answers "ready", then batched deltas. Page → host: commands.
import type { LogEntry } from "../../src/core/log/types";

export type { LogEntry };

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
}

export type InspectorToPage =
  | { type: "requests/snapshot"; entries: LogEntry[]; context: InspectorContext }
  | { type: "requests/added"; entries: LogEntry[] }
  | { type: "requests/updated"; entries: LogEntry[] }
  | { type: "requests/evicted"; ids: string[] }
  | { type: "requests/cleared" }
  | { type: "inspector/context"; context: InspectorContext }
  /** Outcome of a command (replay sent, export saved, copy failed…), shown in the status line. */
  | { type: "inspector/notice"; level: "info" | "error"; text: string };

export type ExportFormat = "json" | "har";

export type InspectorToHost =
  | { type: "ready" }
  | { type: "requests/clear" }
  | { type: "requests/replay"; id: string }
  /** VS Code only: the host asks where to save (browsers download in the page). */
  | { type: "requests/export"; format: ExportFormat; ids: string[] }
  /** VS Code only: webviews cannot reach the system clipboard reliably; browsers copy in the page. */
  | { type: "clipboard/write"; text: string; what: string };

const COMMANDS = new Set(["ready", "requests/clear", "requests/replay", "requests/export", "clipboard/write"]);

/** Validates an untrusted page message before a host acts on it. */
export function isInspectorCommand(m: unknown): m is InspectorToHost {
  if (!m || typeof m !== "object") return false;
  const msg = m as Record<string, unknown>;
  if (typeof msg.type !== "string" || !COMMANDS.has(msg.type)) return false;
  switch (msg.type) {
    case "requests/replay":
      return typeof msg.id === "string";
    case "requests/export":
      return (msg.format === "json" || msg.format === "har") && Array.isArray(msg.ids) && msg.ids.every((i) => typeof i === "string");
    case "clipboard/write":
      return typeof msg.text === "string" && typeof msg.what === "string";
    default:
      return true;
  }
}
