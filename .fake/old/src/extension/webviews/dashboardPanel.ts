import type * as vscode from "vscode";
import { createDashboardController } from "../../core/pages/dashboard/controller";
import type { WebviewDeps } from "./deps";
import { registerPagePanel } from "./pagePanel";

/** The live request statistics panel (command mockGpt.openDashboard). */
export function registerDashboardPanel(_context: vscode.ExtensionContext, deps: WebviewDeps): vscode.Disposable[] {
  return registerPagePanel(deps.extensionUri, {
    viewType: "mockGpt.dashboard",
    page: "dashboard",
    title: "Mock GPT Dashboard",
    command: "mockGpt.openDashboard",
    createController: (post) => createDashboardController(post, { server: deps.server }),
  });
}
