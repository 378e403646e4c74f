import type * as vscode from "vscode";
import type { MockServer } from "../../core";

/** What the webview hosts need from the extension's composition root. */
export interface WebviewDeps {
  server: MockServer;
  extensionUri: vscode.Uri;
  /** Paths and URL for "copy as curl" and replay: the workspace's client certificate files. */
  clientTls(): { caPath: string; certPath: string; keyPath: string } | null;
  /** The key Replay sends in place of a redacted one; undefined: a placeholder. */
  replayApiKey(): Thenable<string | undefined>;
  /** Command feedback (replay, copy, export) as a notification. */
  notify(level: "info" | "error", text: string, o?: { placeholderKey?: boolean }): void;
  /** Where exports are suggested: the folder the server uses (multi-root aware), if any. */
  exportFolder(): vscode.Uri | undefined;
}
