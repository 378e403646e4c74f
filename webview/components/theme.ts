// Outside VS Code (the /ui pages, browser tests) nobody sets the vscode-* body class; pick one from
// the browser's own preferences so styles.css can supply fallback colours. Inside VS Code this does nothing.
export type ThemeKind = "vscode-light" | "vscode-dark" | "vscode-high-contrast" | "vscode-high-contrast-light";

const KINDS = ["vscode-high-contrast-light", "vscode-high-contrast", "vscode-dark", "vscode-light"] as const;

/** The kind a body's classes say, most specific first (VS Code puts vscode-high-contrast beside -light). */
const kindOf = (body: HTMLElement): ThemeKind | undefined => KINDS.find((c) => body.classList.contains(c));

export function applyBrowserTheme(): ThemeKind | null {
  const body = document.body;
  if (!body.classList.contains("mg-browser")) return null;
  const dark = matchMedia("(prefers-color-scheme: dark)").matches;
  const kind: ThemeKind =
    kindOf(body) ??
    (matchMedia("(forced-colors: active)").matches || matchMedia("(prefers-contrast: more)").matches
      ? dark
        ? "vscode-high-contrast"
        : "vscode-high-contrast-light"
      : dark
        ? "vscode-dark"
        : "vscode-light");
  body.classList.add(kind);
  // As VS Code does: High Contrast Light also carries vscode-high-contrast, for older rules.
  if (kind === "vscode-high-contrast-light") body.classList.add("vscode-high-contrast");
  // VS Code also sets this attribute; the toolkit reads it for its high-contrast special cases.
  // Set it before the class observer below so a later class change updates both.
  body.dataset.vscodeThemeKind = kind;
  new MutationObserver(() => {
    const now = kindOf(body);
    if (now && body.dataset.vscodeThemeKind !== now) body.dataset.vscodeThemeKind = now;
  }).observe(body, { attributes: true, attributeFilter: ["class"] });
  return kind;
}
