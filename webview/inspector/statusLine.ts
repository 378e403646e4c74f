// The page's one line of feedback (outside VS Code, which uses notifications instead).
import { el } from "../components";

export interface StatusLine {
  element: HTMLElement;
  say(text: string, level?: "info" | "error"): void;
}

export function createStatusLine(): StatusLine {
  const element = el("div", {
    className: "mg-status-line",
    attrs: { role: "status", "aria-live": "polite", id: "status" },
  });
  return {
    element,
    say(text, level = "info") {
      element.className = `mg-status-line${level === "error" ? " mg-error" : ""}`;
      element.textContent = text;
    },
  };
}
