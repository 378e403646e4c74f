// The inspector's commands that act on logged requests: replay one against the running server, and
// export the listed ones (saved by VS Code, or handed back to a browser page to download).
import type { LogEntry } from "../../../shared/requestLog";
import type { ExportFormat, InspectorToPage } from "../../../shared/pages/inspector/protocol";
import { buildExport, exportFileName } from "../../../shared/pages/inspector/har";
import { notificationPath } from "../../../shared/notificationText";
import { replayRequest } from "./replay";
import type { InspectorControllerOptions } from "./options";

type Notice = (level: "info" | "error", text: string, extra?: { placeholderKey?: boolean }) => void;

export async function replayLogged(id: string, o: InspectorControllerOptions, notice: Notice): Promise<void> {
  const entry = o.log.get(id);
  const url = o.status().url;
  if (!entry) return notice("error", "That request is no longer in the log.");
  if (!url) return notice("error", "The server is not running; start it to replay.");
  try {
    const apiKey = (await o.replayApiKey?.()) ?? null;
    const r = await replayRequest(entry, { serverUrl: url, clientTls: o.clientTls(), apiKey });
    const placeholderKey = r.credential === "placeholder";
    const how = placeholderKey ? " (with a placeholder API key: the log keeps keys redacted)" : "";
    // The path is the client's: no markdown link may survive into a VS Code notification.
    const path = notificationPath(entry.path.split("?")[0]!);
    notice("info", `Replayed ${notificationPath(entry.method)} ${path} → ${r.status}${how}`, { placeholderKey });
  } catch (err) {
    notice("error", `Replay failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function exportLogged(
  format: ExportFormat,
  ids: string[],
  o: InspectorControllerOptions,
  send: (m: InspectorToPage) => void,
  notice: Notice,
): Promise<void> {
  const wanted = new Set(ids);
  const entries: LogEntry[] = [];
  for (const e of o.log.values()) if (wanted.has(e.id)) entries.push(e);
  // The count is what the file holds: HAR leaves refused TLS handshakes out.
  const { content, count, summary } = buildExport(entries, format, { serverUrl: o.status().url, version: o.version });
  if (!o.saveExport)
    return send({ type: "requests/exported", format, fileName: exportFileName(format), content, count });
  const where = await o.saveExport(content, exportFileName(format), format);
  if (where) notice("info", `Exported ${summary} to ${where}`);
}
