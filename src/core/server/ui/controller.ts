// A page controller produces one page's host messages and handles its page messages. It knows
// nothing of VS Code or HTTP: the webview hosts (src/extension/webviews) and the /ui routes both
// create one per connected page and wire `post` to postMessage or to an SSE stream.

/** Any protocol message: a "scope/verb" type plus its fields. */
export interface PageMessage {
  type: string;
  [field: string]: unknown;
}

export interface PageController {
  /** A message from the page ("ready" first; the controller answers with a snapshot). */
  onMessage(message: PageMessage): void | Promise<void>;
  dispose(): void;
}

/** Creates a controller whose host messages go to `post`. */
export type PageControllerFactory = (post: (message: PageMessage) => void) => PageController;
