// The shared template links styles.css only; a page's own stylesheet (emitted by esbuild next to
// its bundle, e.g. dist/webview/dashboard.css) is linked from the bundle's own URL, which the CSP
// (style-src cspSource / 'self') and localResourceRoots already allow.
export function loadPageStyles(page: string): void {
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script?.src || document.querySelector(`link[data-page-styles="${page}"]`)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = script.src.replace(/[^/?#]+\.js(?=[?#]|$)/, `${page}.css`);
  link.dataset.pageStyles = page;
  document.head.appendChild(link);
}
