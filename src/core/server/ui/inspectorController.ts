// The inspector's host logic, free of vscode: answers "ready" with a snapshot of the log, forwards
// batched deltas, and runs commands. The VS Code view and the /ui route each wrap one per page.
import type { RequestLog } from "../../log/requestLog";
import type { ServerStatus } from "../types";
import { isInspectorCommand, type ClientTlsPaths, type ExportFormat, type InspectorContext, type InspectorToPage } from "../../../../webview/inspector/protocol";
import { exportFileName, toHar, toJsonExport } from "../../../../webview/inspector/model/har";
import { batchRequestEvents } from "./requestBatcher";
import type { PageController } from "./controller";
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
  /** @default 100 */
  batchMs?: number;
  /** HAR creator version. */
  version?: string;
}

export function inspectorContext(o: Pick<InspectorControllerOptions, "log" | "status" | "clientTls">): InspectorContext {
  return { serverUrl: o.status().url, clientTls: o.clientTls(), capacity: o.log.capacity };
}

export function createInspectorController(post: (m: InspectorToPage) => void, o: InspectorControllerOptions): PageController {
  let batcher: { flush(): void; dispose(): void } | null = null;
  let disposed = false;
  let lastUrl: string | null = null;
  const send = (m: InspectorToPage) => {
    if (!disposed) post(m);
  };
  const notice = (level: "info" | "error", text: string) => send({ type: "inspector/notice", level, text });
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
        send({ type: "requests/snapshot", entries: o.log.list(), context });
        batcher = batchRequestEvents(o.log, send, { intervalMs: o.batchMs });
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
          const r = await replayRequest(entry, { serverUrl: url, clientTls: o.clientTls() });
          notice("info", `Replayed ${entry.method} ${entry.path.split("?")[0]} → ${r.status}`);
        } catch (err) {
          notice("error", `Replay failed: ${err instanceof Error ? err.message : String(err)}`);
        }
        return;
      }
      case "requests/export": {
        if (!o.saveExport) return;
        const wanted = new Set(m.ids);
        const entries = o.log.list().filter((e) => wanted.has(e.id));
        const serverUrl = o.status().url;
        const content = m.format === "har" ? JSON.stringify(toHar(entries, { serverUrl, version: o.version }), null, 2) : toJsonExport(entries, { serverUrl });
        const where = await o.saveExport(content, exportFileName(m.format), m.format);
        if (where) notice("info", `Exported ${entries.length} request(s) to ${where}`);
        return;
      }
      case "clipboard/write":
        if (!o.writeClipboard) return;
        await o.writeClipboard(m.text);
        notice("info", `Copied ${m.what}`);
        return;
    }
  }

  return {
    onMessage: (m) => run(m).catch((err: unknown) => notice("error", err instanceof Error ? err.message : String(err))),
    dispose() {
      disposed = true;
      batcher?.dispose();
      unsubscribe?.();
    },
  };
}
