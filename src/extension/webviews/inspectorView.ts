// The request inspector as a WebviewView in the "Mock GPT" activity-bar container. The history
// lives in the server's RequestLog; the page is a view of it and may be destroyed while hidden:
// when shown again it sends "ready" and gets a fresh snapshot.
import * as vscode from "vscode";
import type { PagePost } from "../../core/pages/controller";
import { createInspectorController } from "../../core/pages/inspector/controller";
import type { ExportFormat } from "../../shared/pages/inspector/protocol";
import type { WebviewDeps } from "./deps";
import { hostPage } from "./pageHost";

export const INSPECTOR_VIEW_ID = "mockGpt.inspector";

export class InspectorViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  /** Each resolved view's release (see pageHost.ts). */
  private readonly views = new Set<vscode.Disposable>();

  constructor(
    private readonly deps: WebviewDeps,
    private readonly version: string,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    const { server, extensionUri } = this.deps;
    const createController = (post: PagePost) =>
      createInspectorController(post, {
        log: server.log,
        status: () => server.status(),
        clientTls: () => this.deps.clientTls(),
        onStatusChange: (listener) => {
          server.on("status", listener);
          return () => server.off("status", listener);
        },
        replayApiKey: async () => (await this.deps.replayApiKey()) ?? null,
        notify: (level, text, extra) => this.deps.notify(level, text, extra),
        writeClipboard: async (text) => vscode.env.clipboard.writeText(text),
        startServer: async () => {
          await vscode.commands.executeCommand("mockGpt.startServer");
        },
        saveExport: (content, name, format) => saveExport(content, name, format, this.deps.exportFolder()),
        version: this.version,
      });
    const release = hostPage(view, extensionUri, { page: "inspector", title: "Requests", createController });
    this.views.add(release);
    view.onDidDispose(() => this.views.delete(release));
  }

  dispose(): void {
    for (const release of [...this.views]) release.dispose();
    this.views.clear();
  }
}

async function saveExport(
  content: string,
  suggestedName: string,
  format: ExportFormat,
  folder: vscode.Uri | undefined,
): Promise<string | null> {
  const uri = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, suggestedName) : undefined,
    filters: format === "har" ? { "HTTP Archive": ["har"] } : { JSON: ["json"] },
    title: format === "har" ? "Export requests as HAR" : "Export requests as JSON",
  });
  if (!uri) return null;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  return vscode.workspace.asRelativePath(uri);
}

export function registerInspectorView(context: vscode.ExtensionContext, deps: WebviewDeps): vscode.Disposable[] {
  const provider = new InspectorViewProvider(
    deps,
    String((context.extension.packageJSON as { version?: string }).version ?? ""),
  );
  return [provider, vscode.window.registerWebviewViewProvider(INSPECTOR_VIEW_ID, provider)];
}
