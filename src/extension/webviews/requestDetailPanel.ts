// One request's detail in an editor tab beside the code: the inspector page in its "editor" view,
// hosted like every page (pagePanel.ts), following the entry chosen in the sidebar. Opened from the
// detail's Open in Editor button (with that entry's id) or the palette (the chosen or newest entry).
import * as vscode from "vscode";
import { createInspectorController, type InspectorControllerOptions } from "../../core/pages/inspector/controller";
import type { InspectorSelection } from "../../core/pages/inspector/selection";
import type { WebviewDeps } from "./deps";
import { registerPagePanel } from "./pagePanel";

export const OPEN_REQUEST_IN_EDITOR = "mockGpt.openRequestInEditor";

export function registerRequestDetailPanel(
  deps: WebviewDeps,
  options: InspectorControllerOptions & { selection: InspectorSelection },
): vscode.Disposable[] {
  const { selection } = options;
  return registerPagePanel(deps.extensionUri, {
    viewType: "mockGpt.requestDetail",
    page: "inspector",
    title: "Mock GPT Request",
    data: { view: "editor" },
    command: OPEN_REQUEST_IN_EDITOR,
    column: vscode.ViewColumn.Beside,
    preserveFocus: true,
    onCommand: (id) => {
      if (typeof id === "string") return selection.set(id);
      const newest = deps.server.log.list().at(-1);
      if (!selection.id && newest) selection.set(newest.id);
    },
    createController: (post) => createInspectorController(post, options),
  });
}
