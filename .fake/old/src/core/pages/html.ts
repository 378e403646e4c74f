// The one HTML template for every page, in VS Code webviews and on the server's /ui routes.
// Strict CSP: nothing runs but our nonce'd bundle; styles, fonts and images only from our assets.
import { randomBytes } from "node:crypto";

export type PageName = "inspector" | "dashboard" | "health";

export interface PageHtmlOptions {
  page: PageName;
  title: string;
  /** webview.cspSource in VS Code, "'self'" for /ui pages. */
  cspSource: string;
  /** URL of the page bundle (dist/webview/<page>.js). */
  scriptUri: string;
  /** URL of dist/webview/styles.css. */
  styleUri: string;
  /** Fresh per render; see {@link createNonce}. */
  nonce: string;
  /** Only the /ui pages need fetch/EventSource ("'self'"); webviews get data by postMessage. @default none */
  connectSrc?: string;
  /** Extra body classes, e.g. "mg-browser vscode-dark". */
  bodyClass?: string;
  /** data-* attributes on <body> (transport endpoint and the like). */
  data?: Record<string, string>;
}

/** 128 random bits, base64: a new one for every render. */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function contentSecurityPolicy(o: Pick<PageHtmlOptions, "cspSource" | "nonce" | "connectSrc">): string {
  const parts = [
    "default-src 'none'",
    `style-src ${o.cspSource}`,
    `font-src ${o.cspSource}`,
    `img-src ${o.cspSource} data:`,
    `script-src 'nonce-${o.nonce}'`,
  ];
  if (o.connectSrc) parts.push(`connect-src ${o.connectSrc}`);
  return parts.join("; ");
}

/** The empty data: icon stops browsers asking the server for /favicon.ico, which would land in the request log. */
export function renderPageHtml(o: PageHtmlOptions): string {
  const a = escapeHtml;
  const data = Object.entries(o.data ?? {})
    .map(([k, v]) => ` data-${k.replace(/[^a-z0-9-]/g, "")}="${a(v)}"`)
    .join("");
  const cls = o.bodyClass ? ` class="${a(o.bodyClass)}"` : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${a(contentSecurityPolicy(o))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${a(o.styleUri)}">
<title>${a(o.title)}</title>
</head>
<body${cls} data-page="${a(o.page)}"${data}>
<div id="app" class="mg-app"></div>
<script nonce="${a(o.nonce)}" src="${a(o.scriptUri)}"></script>
</body>
</html>
`;
}
