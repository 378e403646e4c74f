// Serves a built page bundle (dist/webview) in the shared HTML template with the fake transport, so
// browser tests drive the real page against a fake host: window.__mockGptFakeHost.{sent, deliver}.
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { createNonce, renderPageHtml, type PageName } from "../../src/core/pages/html";
import { repoRoot } from "../helpers/chromium";

const assets = join(repoRoot, "dist", "webview");
const TYPES: Record<string, string> = { ".js": "text/javascript", ".css": "text/css", ".map": "application/json" };

export type ThemeKind = "light" | "dark" | "high-contrast" | "high-contrast-light";

export interface PageHarness {
  origin: string;
  /**
   * The page in a theme. `host: "browser"` (default) is the /ui setup: body.mg-browser and
   * styles.css's fallback colours. `host: "vscode"` leaves the colours to the test, which sets
   * --vscode-* on <html> as VS Code's webview host does.
   */
  url(page: PageName, theme?: ThemeKind, host?: "browser" | "vscode"): string;
  close(): Promise<void>;
}

/** A loopback server for /page/<name>?theme=… and /assets/<file> (from dist/webview). */
export async function startPageHarness(): Promise<PageHarness> {
  for (const f of ["styles.css", "dashboard.js", "health.js"])
    if (!existsSync(join(assets, f))) throw new Error(`dist/webview/${f} is missing: run \`node esbuild.mjs\` first`);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const page = /^\/page\/(dashboard|health|inspector)$/.exec(url.pathname)?.[1] as PageName | undefined;
    if (page) {
      const theme = url.searchParams.get("theme") ?? "light";
      const classes = [`vscode-${theme}`];
      // VS Code keeps vscode-high-contrast beside -light for older rules.
      if (theme === "high-contrast-light") classes.push("vscode-high-contrast");
      if (url.searchParams.get("host") !== "vscode") classes.unshift("mg-browser");
      const html = renderPageHtml({
        page,
        title: `Mock GPT ${page}`,
        cspSource: "'self'",
        nonce: createNonce(),
        scriptUri: `/assets/${page}.js`,
        styleUri: "/assets/styles.css",
        bodyClass: classes.join(" "),
        data: { transport: "fake" },
      });
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
      return;
    }
    const file = /^\/assets\/([\w.-]+)$/.exec(url.pathname)?.[1];
    if (file && existsSync(join(assets, file))) {
      res
        .writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" })
        .end(readFileSync(join(assets, file)));
      return;
    }
    res.writeHead(url.pathname === "/favicon.ico" ? 204 : 404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (page, theme = "light", host = "browser") => `${origin}/page/${page}?theme=${theme}&host=${host}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Opens a page, collecting console errors and CSP violations (tests assert there are none). */
export async function openPage(
  browser: Browser,
  url: string,
  viewport = { width: 1100, height: 900 },
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => window.__mockGptFakeHost?.sent.some((m) => m.type === "ready"));
  return { page, errors };
}

/** Delivers one host message to the page through the fake transport. */
export async function deliver(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => window.__mockGptFakeHost!.deliver(m as { type: string }), message);
}

/** Messages the page has posted to its host. */
export async function sent(page: Page): Promise<Array<{ type: string }>> {
  return page.evaluate(() => window.__mockGptFakeHost!.sent.map((m) => ({ ...m })));
}

/** Counts canvas pixels that are not transparent: chart.js draws on a transparent canvas. */
export async function paintedPixels(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (c) => {
    const canvas = c as HTMLCanvasElement;
    const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
}
