// Replay sends a logged request again, but the log keeps API keys redacted. By default a
// placeholder key stands in (the mock accepts any key); a user whose rate limits or rules key on
// the API key can give theirs once, kept in VS Code's SecretStorage, never in settings or the log.
import * as vscode from "vscode";
import { noNotificationLinks } from "../../shared/notificationText";

const SECRET = "mockGpt.replayApiKey";
export const SET_REPLAY_KEY = "Set Replay API Key…";

export class ReplayKey {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  get(): Thenable<string | undefined> {
    return this.secrets.get(SECRET);
  }

  /** Mock GPT: Set Replay API Key…: an empty answer goes back to the placeholder. */
  async ask(): Promise<void> {
    const current = await this.get();
    const value = await vscode.window.showInputBox({
      title: "Mock GPT: API key for Replay",
      prompt:
        "Replay sends this key in place of the redacted one in the log. Stored in VS Code's secret storage. Leave empty to use a placeholder key.",
      password: true,
      ignoreFocusOut: true,
      value: current ?? "",
      validateInput: (v) =>
        /^[\x21-\x7e]*$/.test(v.trim()) ? undefined : "An API key has no spaces or special characters.",
    });
    if (value === undefined) return;
    if (value.trim()) {
      await this.secrets.store(SECRET, value.trim());
      void vscode.window.showInformationMessage("Mock GPT: Replay now sends your API key.");
    } else {
      await this.secrets.delete(SECRET);
      void vscode.window.showInformationMessage("Mock GPT: Replay now sends a placeholder API key.");
    }
  }
}

/**
 * Command feedback from the pages (replay, copy, export) as VS Code notifications; a replay that
 * used the placeholder offers to set a key.
 */
export function notifyFromPage(level: "info" | "error", text: string, o: { placeholderKey?: boolean } = {}): void {
  // Page notices carry request-derived text (paths, error messages): never a clickable link.
  const message = `Mock GPT: ${noNotificationLinks(text)}`;
  if (level === "error") {
    void vscode.window.showErrorMessage(message);
    return;
  }
  if (!o.placeholderKey) {
    void vscode.window.showInformationMessage(message);
    return;
  }
  void vscode.window.showInformationMessage(message, SET_REPLAY_KEY).then((answer) => {
    if (answer === SET_REPLAY_KEY) void vscode.commands.executeCommand("mockGpt.setReplayApiKey");
  });
}
