// The inspector's host logic, free of vscode: answers "ready" with a snapshot of the log, forwards
// batched deltas, and runs commands. The VS Code view, the editor tab and the /ui route each wrap
// one per page. The page gets summaries; the full entry only for the detail it opens (then only
// that entry's new chunks while it streams), and body search answers as ids, so traffic stays
// proportional to what the page shows. Exports are built here from the log, never from page state.
import { isInspectorCommand, type InspectorToPage } from "../../../shared/pages/inspector/protocol";
import { batchRequestEvents } from "./requestBatcher";
import type { PageController, PagePost } from "../controller";
import { createBodySearch } from "./bodySearch";
import { inspectorContext } from "./context";
import { createDetailFollower } from "./detailFollower";
import { exportLogged, replayLogged } from "./logCommands";
import type { InspectorControllerOptions } from "./options";

export { inspectorContext };
export type { InspectorControllerOptions };

export function createInspectorController(
  post: PagePost<InspectorToPage>,
  o: InspectorControllerOptions,
): PageController {
  let batcher: { flush(): void; dispose(): void } | null = null;
  let disposed = false;
  let lastUrl: string | null = null;
  const search = createBodySearch();
  const send = (m: InspectorToPage) => {
    if (!disposed) post(m);
  };
  const detail = createDetailFollower(o.log, send);
  const notice = (level: "info" | "error", text: string, extra?: { placeholderKey?: boolean }) =>
    o.notify ? o.notify(level, text, extra) : send({ type: "inspector/notice", level, text });
  const unsubscribe = [
    o.onStatusChange?.(() => {
      const ctx = inspectorContext(o);
      if (batcher && ctx.serverUrl !== lastUrl) {
        lastUrl = ctx.serverUrl;
        send({ type: "inspector/context", context: ctx });
      }
    }),
    o.follow ? o.selection?.onChange((id) => batcher && send({ type: "detail/focus", id })) : undefined,
  ];

  async function run(m: unknown): Promise<void> {
    if (disposed || !isInspectorCommand(m)) return;
    switch (m.type) {
      case "ready": {
        batcher?.dispose(); // a reloaded page: start over with a fresh snapshot
        const context = inspectorContext(o);
        lastUrl = context.serverUrl;
        detail.reset();
        search.set(m.query ?? "");
        const entries = Array.from(o.log.values(), search.summary);
        send({ type: "requests/snapshot", entries, context, query: search.query });
        batcher = batchRequestEvents(o.log, send, {
          intervalMs: o.batchMs,
          summarize: search.summary,
          afterFlush: detail.follow,
        });
        if (o.follow && o.selection?.id) send({ type: "detail/focus", id: o.selection.id });
        return;
      }
      case "requests/detail":
        return detail.send(m.id);
      case "requests/search":
        // Pending deltas were batched under the old query: flush them first so every message after
        // the answer is computed with the new one (the page ignores flags until the answer arrives).
        batcher?.flush();
        search.set(m.query);
        return send({ type: "requests/matches", query: search.query, ids: search.matching(o.log.values()) });
      case "requests/clear":
        return o.log.clear();
      case "requests/replay":
        return replayLogged(m.id, o, notice);
      case "requests/export":
        return exportLogged(m.format, m.ids, o, send, notice);
      case "requests/select":
        if (!o.follow) o.selection?.set(m.id);
        return;
      case "detail/openInEditor":
        if (!o.follow) o.selection?.set(m.id);
        return o.openInEditor?.(m.id);
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
      unsubscribe.forEach((u) => u?.());
    },
  };
}
