// Webview HTML and options for every panel/view: the shared template (src/core/pages/html)
// with VS Code's cspSource and asWebviewUri, resources limited to dist/webview.
import * as vscode from "vscode";
import { createNonce, renderPageHtml, type PageName } from "../../core/pages/html";

/** dist/webview: the only folder a webview may load from. */
export function webviewAssetsRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, "dist", "webview");
}

/** Options for a WebviewView or WebviewPanel: scripts on, resources from dist/webview only. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [webviewAssetsRoot(extensionUri)] };
}

/** HTML for one of our pages, with a fresh nonce every call. */
export function renderWebviewHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  page: PageName,
  title: string,
  data?: Record<string, string>,
): string {
  const root = webviewAssetsRoot(extensionUri);
  return renderPageHtml({
    page,
    title,
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, `${page}.js`)).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, "styles.css")).toString(),
    data,
  });
}
