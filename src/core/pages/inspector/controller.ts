// The inspector's host logic, free of vscode: answers "ready" with a snapshot of the log, forwards
// batched deltas, and runs commands. The VS Code view and the /ui route each wrap one per page.
// The page gets summaries; the full entry only for the detail it opens (then only that entry's new
// chunks while it streams), and body search answers as ids, so traffic stays proportional to what
// the page shows. Exports are built here from the log, never from page state.
import type { RequestLog } from "../../log/requestLog";
import type { LogEntry } from "../../../shared/requestLog";
import type { ServerStatus } from "../../server/types";
import {
  isInspectorCommand,
  summarize,
  type ClientTlsPaths,
  type ExportFormat,
  type InspectorContext,
  type InspectorToPage,
  type RequestSummary,
} from "../../../shared/pages/inspector/protocol";
import { normalizeQuery, textMatcher } from "../../../shared/pages/inspector/filter";
import { buildExport, exportFileName } from "../../../shared/pages/inspector/har";
import { batchRequestEvents } from "./requestBatcher";
import type { PageController, PagePost } from "../controller";
import { replayRequest } from "./replay";

export interface InspectorControllerOptions {
  log: RequestLog;
  status(): ServerStatus;
  clientTls(): ClientTlsPaths | null;
  /** Subscribe to server status changes (URL changes after a restart); returns the unsubscribe. */
  onStatusChange?(listener: () => void): () => void;
  /** VS Code host: system clipboard. Browsers copy in the page, so /ui leaves this out. */
  writeClipboard?(text: string): Promise<void>;
  /** VS Code host: save dialog + write; resolves to where it saved, or null when cancelled. */
  saveExport?(content: string, suggestedName: string, format: ExportFormat): Promise<string | null>;
  /** VS Code host: the welcome content's Start button (Mock GPT: Start Server). @default none (the /ui page is served by a running server) */
  startServer?(): Promise<unknown> | void;
  /** The key a replay sends in place of a redacted one. @default () => null (a placeholder key) */
  replayApiKey?(): Promise<string | null> | string | null;
  /**
   * VS Code host: command feedback as notifications. A replay that had to use the placeholder says
   * so (`placeholderKey`), so the host can offer to set a key. @default a notice in the page
   */
  notify?(level: "info" | "error", text: string, o?: { placeholderKey?: boolean }): void;
  /** @default 100 */
  batchMs?: number;
  /** HAR creator version. */
  version?: string;
}

export function inspectorContext(
  o: Pick<InspectorControllerOptions, "log" | "status" | "clientTls">,
): InspectorContext {
  return {
    serverUrl: o.status().url,
    clientTls: o.clientTls(),
    capacity: o.log.capacity,
    ...(o.log.droppedForSize ? { droppedForSize: o.log.droppedForSize } : {}),
  };
}

/** What of an entry, besides its chunks, a detail shows; a change means the page needs the entry again. */
function detailFingerprint(e: LogEntry): string {
  const r = e.response;
  return [
    e.status,
    e.durationMs,
    e.model,
    e.stream,
    e.request.body.length,
    Object.keys(e.request.headers).length,
    r.body.length,
    r.bodyTruncated,
    Object.keys(r.headers).length,
    e.usage?.total_tokens,
    e.error?.code,
  ].join("|");
}

export function createInspectorController(
  post: PagePost<InspectorToPage>,
  o: InspectorControllerOptions,
): PageController {
  let batcher: { flush(): void; dispose(): void } | null = null;
  let disposed = false;
  let lastUrl: string | null = null;
  /** The page's body search: "" for none; otherwise every summary says whether it matches. */
  let query = "";
  let matcher: ((e: LogEntry) => boolean) | null = null;
  /** The entry whose detail is open, and how much of it the page already has. */
  let watched: { id: string; chunks: number; fingerprint: string } | null = null;

  const toPage = (e: LogEntry): RequestSummary => {
    const s = summarize(e);
    if (matcher) s.match = matcher(e);
    return s;
  };
  const setQuery = (q: string) => {
    query = normalizeQuery(q);
    matcher = query ? textMatcher(query) : null;
  };
  const sendDetail = (id: string) => {
    const entry = o.log.get(id) ?? null;
    watched = entry ? { id, chunks: entry.chunks.length, fingerprint: detailFingerprint(entry) } : null;
    send({ type: "requests/detail", id, entry });
  };
  /** After each flush: the open entry's new chunks only, or the whole entry once when its other parts changed (start, finish). */
  const followDetail = (updated: LogEntry[]) => {
    if (!watched) return;
    const w = watched;
    const e = updated.find((x) => x.id === w.id);
    if (!e) return;
    if (detailFingerprint(e) !== w.fingerprint) return sendDetail(e.id);
    if (e.chunks.length > w.chunks) {
      send({ type: "requests/chunks", id: e.id, from: w.chunks, chunks: e.chunks.slice(w.chunks) });
      w.chunks = e.chunks.length;
    }
  };
  const send = (m: InspectorToPage) => {
    if (!disposed) post(m);
  };
  const notice = (level: "info" | "error", text: string, extra?: { placeholderKey?: boolean }) =>
    o.notify ? o.notify(level, text, extra) : send({ type: "inspector/notice", level, text });
  const unsubscribe = o.onStatusChange?.(() => {
    const ctx = inspectorContext(o);
    if (batcher && ctx.serverUrl !== lastUrl) {
      lastUrl = ctx.serverUrl;
      send({ type: "inspector/context", context: ctx });
    }
  });

  async function run(m: unknown): Promise<void> {
    if (disposed || !isInspectorCommand(m)) return;
    switch (m.type) {
      case "ready": {
        batcher?.dispose(); // a reloaded page: start over with a fresh snapshot
        const context = inspectorContext(o);
        lastUrl = context.serverUrl;
        watched = null;
        setQuery(m.query ?? "");
        send({ type: "requests/snapshot", entries: o.log.list().map(toPage), context, query });
        batcher = batchRequestEvents(o.log, send, {
          intervalMs: o.batchMs,
          summarize: toPage,
          afterFlush: followDetail,
        });
        return;
      }
      case "requests/detail":
        sendDetail(m.id);
        return;
      case "requests/search": {
        // Pending deltas were batched under the old query: flush them first so every message after
        // the answer is computed with the new one (the page ignores flags until the answer arrives).
        batcher?.flush();
        setQuery(m.query);
        const ids: string[] = [];
        if (matcher) for (const e of o.log.list()) if (matcher(e)) ids.push(e.id);
        send({ type: "requests/matches", query, ids });
        return;
      }
      case "requests/clear":
        o.log.clear();
        return;
      case "requests/replay": {
        const entry = o.log.get(m.id);
        const url = o.status().url;
        if (!entry) return notice("error", "That request is no longer in the log.");
        if (!url) return notice("error", "The server is not running; start it to replay.");
        try {
          const apiKey = (await o.replayApiKey?.()) ?? null;
          const r = await replayRequest(entry, { serverUrl: url, clientTls: o.clientTls(), apiKey });
          const placeholderKey = r.credential === "placeholder";
          const how = placeholderKey ? " (with a placeholder API key: the log keeps keys redacted)" : "";
          notice("info", `Replayed ${entry.method} ${entry.path.split("?")[0]} → ${r.status}${how}`, {
            placeholderKey,
          });
        } catch (err) {
          notice("error", `Replay failed: ${err instanceof Error ? err.message : String(err)}`);
        }
        return;
      }
      case "requests/export": {
        const wanted = new Set(m.ids);
        const entries = o.log.list().filter((e) => wanted.has(e.id));
        // The count is what the file holds: HAR leaves refused TLS handshakes out.
        const { content, count, summary } = buildExport(entries, m.format, {
          serverUrl: o.status().url,
          version: o.version,
        });
        if (!o.saveExport)
          return send({
            type: "requests/exported",
            format: m.format,
            fileName: exportFileName(m.format),
            content,
            count,
          });
        const where = await o.saveExport(content, exportFileName(m.format), m.format);
        if (where) notice("info", `Exported ${summary} to ${where}`);
        return;
      }
      case "server/start":
        await o.startServer?.();
        return;
      case "clipboard/write":
        if (!o.writeClipboard) return;
        await o.writeClipboard(m.text);
        notice("info", `Copied ${m.what}`);
        return;
    }
  }

  return {
    onMessage: (m) => run(m).catch((err: unknown) => notice("error", err instanceof Error ? err.message : String(err))),
    // Deltas keep flowing while hidden: the page's list must be current the moment it shows again.
    setVisible: () => undefined,
    dispose() {
      disposed = true;
      batcher?.dispose();
      unsubscribe?.();
    },
  };
}
