// The request inspector as a WebviewView in the "Mock GPT" activity-bar container, and its detail
// in an editor tab beside the code (requestDetailPanel.ts). The history lives in the server's
// RequestLog; each page is a view of it and may be destroyed while hidden: when shown again it
// sends "ready" and gets a fresh snapshot.
import * as vscode from "vscode";
import type { PageController, PagePost } from "../../core/pages/controller";
import { createInspectorController, type InspectorControllerOptions } from "../../core/pages/inspector/controller";
import { createInspectorSelection } from "../../core/pages/inspector/selection";
import type { ExportFormat } from "../../shared/pages/inspector/protocol";
import type { WebviewDeps } from "./deps";
import { hostPage } from "./pageHost";
import { OPEN_REQUEST_IN_EDITOR, registerRequestDetailPanel } from "./requestDetailPanel";

export const INSPECTOR_VIEW_ID = "mockGpt.inspector";

/** What every inspector page in VS Code shares: the log, the server, notifications, clipboard, saving. */
export function inspectorHostOptions(deps: WebviewDeps, version: string): InspectorControllerOptions {
  const { server } = deps;
  return {
    log: server.log,
    status: () => server.status(),
    clientTls: () => deps.clientTls(),
    onStatusChange: (listener) => {
      server.on("status", listener);
      return () => server.off("status", listener);
    },
    replayApiKey: async () => (await deps.replayApiKey()) ?? null,
    notify: (level, text, extra) => deps.notify(level, text, extra),
    writeClipboard: async (text) => vscode.env.clipboard.writeText(text),
    startServer: async () => {
      await vscode.commands.executeCommand("mockGpt.startServer");
    },
    saveExport: (content, name, format) => saveExport(content, name, format, deps.exportFolder()),
    version,
  };
}

export class InspectorViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  /** Each resolved view's release (see pageHost.ts). */
  private readonly views = new Set<vscode.Disposable>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly createController: (post: PagePost) => PageController,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    const release = hostPage(view, this.extensionUri, {
      page: "inspector",
      title: "Requests",
      createController: this.createController,
    });
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
    title: format === "har" ? "Export Requests as HAR" : "Export Requests as JSON",
  });
  if (!uri) return null;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  return vscode.workspace.asRelativePath(uri);
}

/** The sidebar view and the editor tab, sharing one selection: the tab follows the sidebar. */
export function registerInspectorView(context: vscode.ExtensionContext, deps: WebviewDeps): vscode.Disposable[] {
  const version = String((context.extension.packageJSON as { version?: string }).version ?? "");
  const selection = createInspectorSelection();
  const base = inspectorHostOptions(deps, version);
  const provider = new InspectorViewProvider(deps.extensionUri, (post) =>
    createInspectorController(post, {
      ...base,
      selection,
      openInEditor: (id) => void vscode.commands.executeCommand(OPEN_REQUEST_IN_EDITOR, id),
    }),
  );
  return [
    provider,
    vscode.window.registerWebviewViewProvider(INSPECTOR_VIEW_ID, provider),
    ...registerRequestDetailPanel(deps, { ...base, selection, follow: true }),
  ];
}
