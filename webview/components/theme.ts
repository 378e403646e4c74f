// Outside VS Code (the /ui pages, browser tests) nobody sets the vscode-* body class; pick one so
// styles.css can supply fallback colours. Inside VS Code this does nothing.
export type ThemeKind = "vscode-light" | "vscode-dark" | "vscode-high-contrast";

export function applyBrowserTheme(): ThemeKind | null {
  const body = document.body;
  if (!body.classList.contains("mg-browser")) return null;
  const existing = (["vscode-light", "vscode-dark", "vscode-high-contrast"] as const).find((c) =>
    body.classList.contains(c),
  );
  const kind: ThemeKind =
    existing ??
    (matchMedia("(forced-colors: active)").matches
      ? "vscode-high-contrast"
      : matchMedia("(prefers-color-scheme: dark)").matches
        ? "vscode-dark"
        : "vscode-light");
  body.classList.add(kind);
  // VS Code also sets this attribute; the toolkit reads it for its high-contrast special cases.
  // Set it before the class observer below so a later class change updates both.
  body.dataset.vscodeThemeKind = kind;
  new MutationObserver(() => {
    const now = (["vscode-high-contrast", "vscode-dark", "vscode-light"] as const).find((c) =>
      body.classList.contains(c),
    );
    if (now && body.dataset.vscodeThemeKind !== now) body.dataset.vscodeThemeKind = now;
  }).observe(body, { attributes: true, attributeFilter: ["class"] });
  return kind;
}
