import type * as vscode from "vscode";
import type { MockServer } from "../../core";

/** What the webview hosts need from the extension's composition root. */
export interface WebviewDeps {
  server: MockServer;
  extensionUri: vscode.Uri;
  /** Paths and URL for "copy as curl" and replay: the workspace's client certificate files. */
  clientTls(): { caPath: string; certPath: string; keyPath: string } | null;
}

/**
 * Registers the request inspector (WebviewView "mockGpt.inspector"), the dashboard panel
 * (command mockGpt.openDashboard) and the health panel (command mockGpt.openHealth).
 * Placeholder until the webview work lands.
 */
export function registerWebviews(_context: vscode.ExtensionContext, _deps: WebviewDeps): vscode.Disposable[] {
  return [];
}
