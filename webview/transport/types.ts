// The interface every page talks to instead of a concrete host, so one bundle runs in a VS Code
// webview (postMessage), in a browser against the server's /ui endpoints (HTTP + SSE) and in tests (fake).

/** Every protocol message is a namespaced "scope/verb" object; pages send { type: "ready" } first. */
export interface Message {
  type: string;
}

export interface HostTransport<In extends Message, Out extends Message> {
  /** "vscode": clipboard and file saving go through the host. "browser": the page does them itself. */
  readonly environment: "vscode" | "browser";
  post(message: Out): void;
  /** Subscribes to host messages; returns the unsubscribe function. */
  onMessage(handler: (message: In) => void): () => void;
  /** UI state that survives the view being hidden or reloaded (filters, selection, scroll). */
  getState<S>(): S | undefined;
  setState<S>(state: S): void;
}

/** The first SSE event of the HTTP transport; internal to the transport, never seen by pages. */
export interface SessionOpenMessage {
  type: "session/open";
  session: string;
}
