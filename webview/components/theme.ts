// Outside VS Code (the /ui pages, browser tests) nobody sets the vscode-* body class; pick one so
// styles.css can supply fallback colours. Inside VS Code this does nothing.
export type ThemeKind = "vscode-light" | "vscode-dark" | "vscode-high-contrast";

export function applyBrowserTheme(): ThemeKind | null {
  const body = document.body;
  if (!body.classList.contains("mg-browser")) return null;
  const existing = (["vscode-light", "vscode-dark", "vscode-high-contrast"] as const).find((c) => body.classList.contains(c));
  if (existing) return existing;
  const kind: ThemeKind = matchMedia("(forced-colors: active)").matches ? "vscode-high-contrast" : matchMedia("(prefers-color-scheme: dark)").matches ? "vscode-dark" : "vscode-light";
  body.classList.add(kind);
  return kind;
}
