// A page controller is one open page's host side: it answers the page's messages and pushes host
// messages through `post`. It knows nothing of VS Code or HTTP. Both hosts, the extension's webviews
// (src/extension/webviews) and the /ui routes (src/core/server/ui), create one per open page with
// the same signature, `createXController(post, options)`, and call `dispose()` when the page goes away.

/** Any protocol message: a "scope/verb" type plus its fields. */
export interface PageMessage {
  type: string;
  [field: string]: unknown;
}

/** Where a controller sends its host messages (postMessage, or an SSE stream). */
export type PagePost<M = PageMessage> = (message: M) => void;

export interface PageController {
  /** A message from the page ("ready" first; the controller answers with a snapshot). Unknown ones are ignored. */
  onMessage(message: unknown): void | Promise<void>;
  /** Hidden pages get no periodic updates; becoming visible sends a fresh one. */
  setVisible(visible: boolean): void;
  /** Stops every timer and subscription; later messages are ignored. */
  dispose(): void;
}

/** A controller bound to its options: what a host calls once per opened page. */
export type PageControllerFactory = (post: PagePost) => PageController;
