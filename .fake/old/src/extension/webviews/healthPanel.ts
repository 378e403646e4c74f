import type * as vscode from "vscode";
import { createHealthController } from "../../core/pages/health/controller";
import type { WebviewDeps } from "./deps";
import { registerPagePanel } from "./pagePanel";

/** Server, TLS, scenario, configuration and memory at a glance (command mockGpt.openHealth). */
export function registerHealthPanel(_context: vscode.ExtensionContext, deps: WebviewDeps): vscode.Disposable[] {
  return registerPagePanel(deps.extensionUri, {
    viewType: "mockGpt.health",
    page: "health",
    title: "Mock GPT Health",
    command: "mockGpt.openHealth",
    createController: (post) => createHealthController(post, { server: deps.server }),
  });
}
