import * as vscode from "vscode";
import type { MockServer, ServerStatus } from "../../core";
import { contextKeysFor, type ContextKeyValues } from "../model/contextKeys";
import { renderStatusBar, type StatusBarExtras } from "../model/statusBarView";

/** The one status bar item, rendered from the server status; also keeps the context keys in sync. */
export class ServerStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("mockGpt.status", vscode.StatusBarAlignment.Left, 100);
  private readonly onStatus = (s: ServerStatus) => this.render(s);
  private keys: ContextKeyValues | undefined;

  constructor(private readonly server: MockServer) {
    this.item.name = "Mock GPT";
    server.on("status", this.onStatus);
    this.render(server.status());
    this.item.show();
  }

  private extras: StatusBarExtras = {};

  /** An expected first-run step ("needs certificates") while the server is not running; null clears it. */
  setSetup(note: string | null): void {
    this.extras = { ...this.extras, setup: note };
    this.render(this.server.status());
  }

  /** A rejected configuration save (the server keeps the last good one); null once a save applies. */
  setConfigProblem(problem: string | null): void {
    this.extras = { ...this.extras, configProblem: problem };
    this.render(this.server.status());
  }

  private render(s: ServerStatus): void {
    const view = renderStatusBar(s, this.extras);
    this.item.text = view.text;
    this.item.tooltip = new vscode.MarkdownString(view.tooltip);
    this.item.command = view.command;
    this.item.backgroundColor = view.errorBackground
      ? new vscode.ThemeColor("statusBarItem.errorBackground")
      : view.warningBackground
        ? new vscode.ThemeColor("statusBarItem.warningBackground")
        : undefined;
    this.syncContextKeys(contextKeysFor(s.state));
  }

  private syncContextKeys(next: ContextKeyValues): void {
    for (const [key, value] of Object.entries(next)) {
      if (this.keys?.[key as keyof ContextKeyValues] !== value)
        void vscode.commands.executeCommand("setContext", key, value);
    }
    this.keys = next;
  }

  dispose(): void {
    this.server.off("status", this.onStatus);
    this.item.dispose();
  }
}
