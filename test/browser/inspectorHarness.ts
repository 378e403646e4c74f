// Serves the inspector bundle in a static harness page with the fake transport, under the same CSP
// as the real pages, from a loopback HTTP server.
import { createServer, type Server } from "node:http";
import { readFile, mkdtemp, copyFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { createNonce, renderPageHtml } from "../../src/core/server/ui/pageHtml";
import { repoRoot } from "../helpers/chromium";

export type Theme = "light" | "dark" | "high-contrast";

/** Builds webview/inspector/main.ts like esbuild.mjs does (browser IIFE), into a temp folder. */
export async function buildInspectorBundle(): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), "mg-inspector-"));
  await build({ bundle: true, platform: "browser", target: "es2022", format: "iife", entryPoints: { inspector: join(repoRoot, "webview/inspector/main.ts") }, outdir: out, logLevel: "error" });
  await copyFile(join(repoRoot, "webview/styles.css"), join(out, "styles.css"));
  return out;
}

export async function startHarness(assetsDir: string): Promise<{ url(theme: Theme): string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const u = new URL(req.url ?? "/", "http://127.0.0.1");
    if (u.pathname === "/harness.html") {
      const theme = u.searchParams.get("theme") ?? "light";
      const html = renderPageHtml({ page: "inspector", title: "Inspector harness", cspSource: "'self'", nonce: createNonce(), scriptUri: "/assets/inspector.js", styleUri: "/assets/styles.css", bodyClass: `mg-browser vscode-${theme}`, data: { transport: "fake" } });
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
      return;
    }
    const m = /^\/assets\/(inspector\.js|styles\.css)$/.exec(u.pathname);
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
    url: (theme) => `http://127.0.0.1:${port}/harness.html?theme=${theme}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
