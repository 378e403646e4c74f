// One request's detail in an editor tab beside the code: the inspector page in its "editor" view,
// hosted like every page (pagePanel.ts), following the entry chosen in the sidebar. Opened from the
// detail's Open in Editor button (with that entry's id) or the palette (the chosen or newest entry).
import * as vscode from "vscode";
import { createInspectorController, type InspectorControllerOptions } from "../../core/pages/inspector/controller";
import type { InspectorSelection } from "../../core/pages/inspector/selection";
import type { RequestLog } from "../../core/log/requestLog";
import type { LogEntry } from "../../shared/requestLog";
import type { WebviewDeps } from "./deps";
import { registerPagePanel } from "./pagePanel";
import { REQUEST_TAB_FALLBACK, requestTabTitle } from "./requestTitle";

export const OPEN_REQUEST_IN_EDITOR = "mockGpt.openRequestInEditor";

export function registerRequestDetailPanel(
  deps: WebviewDeps,
  options: InspectorControllerOptions & { selection: InspectorSelection },
): vscode.Disposable[] {
  const { selection } = options;
  return registerPagePanel(deps.extensionUri, {
    viewType: "mockGpt.requestDetail",
    page: "inspector",
    title: REQUEST_TAB_FALLBACK,
    data: { view: "editor" },
    command: OPEN_REQUEST_IN_EDITOR,
    column: vscode.ViewColumn.Beside,
    preserveFocus: true,
    onCommand: (id) => {
      if (typeof id === "string") return selection.set(id);
      const newest = deps.server.log.newest();
      if (!selection.id && newest) selection.set(newest.id);
    },
    createController: (post) => createInspectorController(post, options),
    onPanel: (panel) => followTitle(panel, deps.server.log, selection),
  });
}

/** Keeps the tab titled after the entry it follows: a new choice, its status arriving, a clear. */
function followTitle(panel: vscode.WebviewPanel, log: RequestLog, selection: InspectorSelection): vscode.Disposable {
  const update = () => {
    const title = requestTabTitle(selection.id ? log.get(selection.id) : undefined);
    if (panel.title !== title) panel.title = title;
  };
  const onUpdated = (e: LogEntry) => e.id === selection.id && update();
  update();
  const unfollow = selection.onChange(update);
  log.on("updated", onUpdated);
  log.on("evicted", update);
  log.on("cleared", update);
  return new vscode.Disposable(() => {
    unfollow();
    log.off("updated", onUpdated);
    log.off("evicted", update);
    log.off("cleared", update);
  });
}
