import * as vscode from "vscode";
import { buildSnippet, SNIPPET_KINDS, type SnippetKind } from "../model/snippets";
import type { ServerController } from "../services/serverController";

const LANGUAGE: Record<SnippetKind, string> = {
  curl: "shellscript",
  node: "javascript",
  "node-responses": "javascript",
  python: "python",
};

/** QuickPick of client snippets for this workspace's URL and certificates, copied to the clipboard. */
export async function pickClientSnippet(controller: ServerController): Promise<void> {
  // Paths relative to the workspace folder: the snippet is meant to be pasted into the project.
  const target =
    controller.clientTarget({ relative: true }) ??
    ((await controller.prepare(true)) && controller.clientTarget({ relative: true }));
  if (!target) return;
  const chosen = await vscode.window.showQuickPick(
    SNIPPET_KINDS.map((k) => ({ label: k.label, description: k.description, snippet: k.kind })),
    {
      title: "Mock GPT: Copy Client Snippet",
      placeHolder: `Client for ${target.url} with this workspace's certificates (paths relative to the workspace folder)`,
    },
  );
  if (!chosen) return;
  const text = buildSnippet(chosen.snippet, target);
  await vscode.env.clipboard.writeText(text);
  const open = "Open in Editor";
  const answer = await vscode.window.showInformationMessage(
    `Copied the ${chosen.label} snippet to the clipboard.`,
    open,
  );
  if (answer === open)
    await vscode.window.showTextDocument(
      await vscode.workspace.openTextDocument({ content: text, language: LANGUAGE[chosen.snippet] }),
    );
}
