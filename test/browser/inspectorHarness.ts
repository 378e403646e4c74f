// Serves the inspector bundle in a static harness page with the fake transport, under the same CSP
// as the real pages, from a loopback HTTP server.
import { createServer, type Server } from "node:http";
import { readFile, mkdtemp, copyFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { createNonce, renderPageHtml } from "../../src/core/pages/html";
import { repoRoot } from "../helpers/chromium";
import type { LogEntry } from "../../src/shared/requestLog";

export type Theme = "light" | "dark" | "high-contrast";

/** Builds webview/inspector/main.ts like esbuild.mjs does (browser IIFE), into a temp folder. */
export async function buildInspectorBundle(): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), "mg-inspector-"));
  await build({
    bundle: true,
    platform: "browser",
    target: "es2022",
    format: "iife",
    entryPoints: { inspector: join(repoRoot, "webview/inspector/main.ts") },
    outdir: out,
    logLevel: "error",
  });
  await copyFile(join(repoRoot, "webview/styles.css"), join(out, "styles.css"));
  return out;
}

export async function startHarness(
  assetsDir: string,
): Promise<{ url(theme: Theme, view?: "editor"): string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const u = new URL(req.url ?? "/", "http://127.0.0.1");
    if (u.pathname === "/harness.html") {
      const theme = u.searchParams.get("theme") ?? "light";
      const html = renderPageHtml({
        page: "inspector",
        title: "Inspector harness",
        cspSource: "'self'",
        nonce: createNonce(),
        scriptUri: "/assets/inspector.js",
        styleUri: "/assets/styles.css",
        bodyClass: `mg-browser vscode-${theme}`,
        data: { transport: "fake", ...(u.searchParams.get("view") === "editor" ? { view: "editor" } : {}) },
      });
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
      return;
    }
    const m = /^\/assets\/(inspector\.js|inspector\.css|styles\.css)$/.exec(u.pathname);
    if (m) {
      const body = await readFile(join(assetsDir, m[1]!));
      res.writeHead(200, { "content-type": m[1]!.endsWith(".js") ? "text/javascript" : "text/css" }).end(body);
      return;
    }
    res.writeHead(u.pathname === "/favicon.ico" ? 204 : 404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return {
    url: (theme, view) => `http://127.0.0.1:${port}/harness.html?theme=${theme}${view ? `&view=${view}` : ""}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/**
 * Makes the page's fake host answer like the real one from `entries`: "requests/detail" with the
 * full entry (null when unknown), "requests/search" with the matching ids. Installed in the page,
 * so it answers as soon as the page posts; call again after a reload. Plain JS source: tsx would
 * add helpers (__name) to a TypeScript function that the page does not have.
 */
const FAKE_HOST_RESPONDER = `(all) => {
  const host = window.__mockGptFakeHost;
  const installed = window.__mgEntries !== undefined;
  window.__mgEntries = new Map(all.map((e) => [e.id, e]));
  if (installed) return;
  function matches(e, q) {
    return [e.request.body, e.response.body, e.response.body === "" ? e.chunks.map((c) => c.data).join("\\n") : "", e.error ? e.error.message : ""].some((t) => t.toLowerCase().includes(q));
  }
  const push = host.sent.push.bind(host.sent);
  host.sent.push = (...ms) => {
    for (const m of ms) {
      const current = window.__mgEntries;
      if (m.type === "requests/detail") setTimeout(() => host.deliver({ type: "requests/detail", id: m.id, entry: current.get(m.id) || null }));
      if (m.type === "requests/search") setTimeout(() => host.deliver({ type: "requests/matches", query: m.query, ids: m.query ? [...current.values()].filter((e) => matches(e, m.query)).map((e) => e.id) : [] }));
    }
    return push(...ms);
  };
}`;

export async function serveFakeHost(page: import("playwright-core").Page, entries: LogEntry[]): Promise<void> {
  await page.evaluate(`(${FAKE_HOST_RESPONDER})(${JSON.stringify(entries)})`);
}
