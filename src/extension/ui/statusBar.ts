import * as vscode from "vscode";
import type { MockServer, ServerStatus } from "../../core";
import { contextKeysFor, type ContextKeyValues } from "../model/contextKeys";
import { renderStatusBar } from "../model/statusBarView";

/** Refreshes the tooltip's uptime while running; text never changes with time, so this is rare. */
const UPTIME_REFRESH_MS = 15_000;

/** The one status bar item, rendered from the server status; also keeps the context keys in sync. */
export class ServerStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("mockGpt.status", vscode.StatusBarAlignment.Left, 100);
  private readonly onStatus = (s: ServerStatus) => this.render(s);
  private readonly timer: NodeJS.Timeout;
  private keys: ContextKeyValues | undefined;

  constructor(private readonly server: MockServer) {
    this.item.name = "Mock GPT";
    server.on("status", this.onStatus);
    this.timer = setInterval(() => {
      if (server.status().state === "running") this.render(server.status());
    }, UPTIME_REFRESH_MS);
    this.render(server.status());
    this.item.show();
  }

  private render(s: ServerStatus): void {
    const view = renderStatusBar(s);
    this.item.text = view.text;
    this.item.tooltip = new vscode.MarkdownString(view.tooltip);
    this.item.command = view.command;
    this.item.backgroundColor = view.errorBackground
      ? new vscode.ThemeColor("statusBarItem.errorBackground")
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
    clearInterval(this.timer);
    this.server.off("status", this.onStatus);
    this.item.dispose();
  }
}
