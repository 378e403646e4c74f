import type * as vscode from "vscode";
import type { WebviewDeps } from "./deps";
import { registerDashboardPanel } from "./dashboardPanel";
import { registerHealthPanel } from "./healthPanel";
import { registerInspectorView } from "./inspectorView";

export type { WebviewDeps };

/**
 * Registers the request inspector (WebviewView "mockGpt.inspector"), the dashboard panel
 * (command mockGpt.openDashboard) and the health panel (command mockGpt.openHealth).
 */
export function registerWebviews(context: vscode.ExtensionContext, deps: WebviewDeps): vscode.Disposable[] {
  return [
    ...registerInspectorView(context, deps),
    ...registerDashboardPanel(context, deps),
    ...registerHealthPanel(context, deps),
  ];
}
