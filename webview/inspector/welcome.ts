// VS Code does not show contributes.viewsWelcome in webview views, so the page has its own: while
// the server is off (VS Code only; /ui is served by a running server) and nothing is listed.
import { button, el } from "../components";

export function createWelcome(startServer: () => void): HTMLElement {
  return el(
    "div",
    { className: "mg-welcome", attrs: { id: "welcome", hidden: true } },
    el("p", {}, "The Mock GPT server is not running. Start it to see every request your code sends to it."),
    button({
      label: "Start Server",
      title: "Mock GPT: Start Server",
      id: "welcome-start",
      onClick: startServer,
    }),
    el("p", { className: "mg-muted" }, "Help: Get Started with Mock GPT walks through the first steps."),
  );
}
