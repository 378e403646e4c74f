// A single-instance WebviewPanel that hosts one of our pages (see pageHost.ts). The dashboard and
// health panels are two specs of it.
import * as vscode from "vscode";
import { webviewOptions } from "./html";
import { hostPage, type HostedPage } from "./pageHost";

export interface PagePanelSpec extends HostedPage {
  /** Also the serializer key, so a panel left open comes back after a window reload. */
  viewType: string;
  /** The command that opens (or reveals) the panel. */
  command: string;
  /** Where the panel opens. @default vscode.ViewColumn.Active */
  column?: vscode.ViewColumn;
  /** Keep the focus where it was (e.g. a panel opened beside the code from a side view). @default false */
  preserveFocus?: boolean;
  /** Runs with the command's arguments before the panel opens or is revealed. */
  onCommand?(...args: unknown[]): void;
  /** Runs for each panel opened or restored (e.g. to keep its title current); disposed with it. */
  onPanel?(panel: vscode.WebviewPanel): vscode.Disposable;
}

/** Registers the open command and the panel serializer; the returned disposables also close an open panel. */
export function registerPagePanel(extensionUri: vscode.Uri, spec: PagePanelSpec): vscode.Disposable[] {
  let current: vscode.WebviewPanel | null = null;

  const adopt = (panel: vscode.WebviewPanel) => {
    current = panel;
    hostPage(panel, extensionUri, spec);
    const extra = spec.onPanel?.(panel);
    panel.onDidDispose(() => {
      extra?.dispose();
      if (current === panel) current = null;
    });
  };

  const open = (...args: unknown[]) => {
    spec.onCommand?.(...args);
    const column = spec.column ?? vscode.ViewColumn.Active;
    if (current) return current.reveal(undefined, spec.preserveFocus); // where the user left it
    adopt(
      vscode.window.createWebviewPanel(
        spec.viewType,
        spec.title,
        { viewColumn: column, preserveFocus: spec.preserveFocus },
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
    // Disposing the panel releases its page (hostPage listens for it).
    { dispose: () => current?.dispose() },
  ];
}
