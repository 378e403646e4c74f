// A single-instance WebviewPanel that hosts one of our pages and wires it to a host-agnostic page
// controller (the same controller the /ui routes use). The dashboard and health panels are two specs of it.
import * as vscode from "vscode";
import type { PageName } from "../../core/server/ui/pageHtml";
import { renderWebviewHtml, webviewOptions } from "./html";

/** The controller contract of src/core/stats/dashboardController and src/core/health/healthController. */
export interface PanelController {
  onMessage(msg: unknown): void;
  setVisible(visible: boolean): void;
  dispose(): void;
}

export interface PagePanelSpec {
  /** Also the serializer key, so a panel left open comes back after a window reload. */
  viewType: string;
  page: PageName;
  title: string;
  /** The command that opens (or reveals) the panel. */
  command: string;
  createController(post: (msg: { type: string }) => void): PanelController;
}

/** Registers the open command and the panel serializer; the returned disposables also close an open panel. */
export function registerPagePanel(extensionUri: vscode.Uri, spec: PagePanelSpec): vscode.Disposable[] {
  let current: vscode.WebviewPanel | null = null;

  // Wires a new or restored panel; everything it creates is disposed with it.
  const adopt = (panel: vscode.WebviewPanel) => {
    current = panel;
    panel.webview.options = webviewOptions(extensionUri);
    const controller = spec.createController((msg) => void panel.webview.postMessage(msg));
    const subscriptions: vscode.Disposable[] = [
      panel.webview.onDidReceiveMessage((msg: unknown) => controller.onMessage(msg)),
      panel.onDidChangeViewState(() => controller.setVisible(panel.visible)),
    ];
    panel.onDidDispose(() => {
      controller.dispose();
      subscriptions.forEach((d) => d.dispose());
      if (current === panel) current = null;
    });
    // Set last: the page's "ready" must find the message listener in place.
    panel.webview.html = renderWebviewHtml(panel.webview, extensionUri, spec.page, spec.title);
  };

  const open = () => {
    if (current) return current.reveal();
    adopt(
      vscode.window.createWebviewPanel(
        spec.viewType,
        spec.title,
        vscode.ViewColumn.Active,
        webviewOptions(extensionUri),
      ),
    );
  };

  return [
    vscode.commands.registerCommand(spec.command, open),
    vscode.window.registerWebviewPanelSerializer(spec.viewType, {
      async deserializeWebviewPanel(panel) {
        if (current) panel.dispose();
        else adopt(panel);
      },
    }),
    { dispose: () => current?.dispose() },
  ];
}
