// Picks the transport for where the page runs: a VS Code webview, a test harness
// (<body data-transport="fake">) or the server's /ui pages (<body data-endpoint="/ui/api/…">).
import { createFakeTransport } from "./fake";
import { createHttpTransport } from "./http";
import type { HostTransport, Message } from "./types";
import { createVsCodeTransport, inVsCode } from "./vscode";

export type { HostTransport, Message } from "./types";
export type { FakeHost } from "./fake";
export { createFakeTransport, createHttpTransport, createVsCodeTransport, inVsCode };

/** `page` names the page ("inspector", "dashboard", "health"); it keys the saved state in browsers. */
export function connectHost<In extends Message, Out extends Message>(page: string): HostTransport<In, Out> {
  if (inVsCode()) return createVsCodeTransport<In, Out>();
  const stateKey = `mock-gpt:${page}`;
  if (document.body.dataset.transport === "fake") return createFakeTransport<In, Out>(stateKey);
  return createHttpTransport<In, Out>({ endpoint: document.body.dataset.endpoint ?? `/ui/api/${page}`, stateKey });
}
