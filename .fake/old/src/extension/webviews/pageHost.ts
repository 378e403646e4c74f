// The one way a webview hosts a page, for the inspector view and the dashboard and health panels
// alike: options and HTML, the page controller wired to postMessage and to visibility, and one
// release that disposes the controller with every subscription, run when the webview goes away.
import * as vscode from "vscode";
import type { PageController, PagePost } from "../../core/pages/controller";
import type { PageName } from "../../core/pages/html";
import { renderWebviewHtml, webviewOptions } from "./html";

/** A webview surface: a sidebar view or an editor panel. */
export type PageSurface = vscode.WebviewView | vscode.WebviewPanel;

export interface HostedPage {
  page: PageName;
  title: string;
  /** data-* attributes on the page's <body>, e.g. { view: "editor" }. */
  data?: Record<string, string>;
  createController(post: PagePost): PageController;
}

/** Hosts the page in `surface`; the returned Disposable releases it early (it also runs when the surface is disposed). */
export function hostPage(surface: PageSurface, extensionUri: vscode.Uri, spec: HostedPage): vscode.Disposable {
  surface.webview.options = webviewOptions(extensionUri);
  const controller = spec.createController((m) => void surface.webview.postMessage(m));
  const onVisibility = () => controller.setVisible(surface.visible);
  const subscriptions = [
    surface.webview.onDidReceiveMessage((m: unknown) => controller.onMessage(m)),
    "onDidChangeVisibility" in surface
      ? surface.onDidChangeVisibility(onVisibility)
      : surface.onDidChangeViewState(onVisibility),
  ];
  let released = false;
  const release = new vscode.Disposable(() => {
    if (released) return;
    released = true;
    controller.dispose();
    subscriptions.forEach((d) => d.dispose());
  });
  subscriptions.push(surface.onDidDispose(() => release.dispose()));
  // Set last: the page's "ready" must find the message listener in place.
  surface.webview.html = renderWebviewHtml(surface.webview, extensionUri, spec.page, spec.title, spec.data);
  return release;
}
