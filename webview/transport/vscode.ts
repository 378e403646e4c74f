import type { HostTransport, Message } from "./types";

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** True inside a VS Code webview. */
export function inVsCode(): boolean {
  return typeof acquireVsCodeApi === "function";
}

let api: VsCodeApi | undefined;

/** postMessage to the extension host; state via the webview's getState/setState (kept while hidden). */
export function createVsCodeTransport<In extends Message, Out extends Message>(): HostTransport<In, Out> {
  api ??= acquireVsCodeApi(); // may be called only once per page
  const vscode = api;
  return {
    environment: "vscode",
    post: (m) => vscode.postMessage(m),
    onMessage(handler) {
      const listener = (ev: MessageEvent) => {
        const data = ev.data as unknown;
        if (data && typeof data === "object" && typeof (data as Message).type === "string") handler(data as In);
      };
      window.addEventListener("message", listener);
      return () => window.removeEventListener("message", listener);
    },
    getState: <S>() => (vscode.getState() ?? undefined) as S | undefined,
    setState: (s) => vscode.setState(s),
  };
}
