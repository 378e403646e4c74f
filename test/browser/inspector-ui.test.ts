// The real /ui/requests page in Chromium against a running MockServer: the HTTP transport (SSE +
// JSON POST) end to end, under the page's real CSP. Chromium cannot present a client certificate
// headlessly, so this server runs with tls.require_client_cert = false (mTLS is covered by
// test/integration/ui-routes.test.ts).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { artifactsDir, launchChromium } from "../helpers/chromium";
import { startTestServer, type TestServer } from "../helpers/server";
import { uiRoutes } from "../../src/core/server/ui/routes";
import { buildInspectorBundle } from "./inspectorHarness";

let t: TestServer;
let browser: Browser;

before(async () => {
  t = await startTestServer(
    { tls: { require_client_cert: false } },
    { routes: [uiRoutes({ assetsDir: await buildInspectorBundle() })] },
  );
  browser = await launchChromium({ args: ["--ignore-certificate-errors"] });
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test("/ui/requests shows live requests over SSE, and Clear goes back to the server", async () => {
  await t.client().models.list();
  const page = await browser.newPage({ viewport: { width: 900, height: 600 }, colorScheme: "dark" });
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${t.url}/ui/requests`);
  await page.waitForSelector('.mg-vlist__row:has-text("/v1/models")');
  assert.ok(
    await page.evaluate(() => document.body.classList.contains("vscode-dark")),
    "theme follows prefers-color-scheme",
  );

  await t
    .client()
    .chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hello from the ui test" }] });
  await page.waitForSelector('.mg-vlist__row:has-text("/v1/chat/completions")');
  await page.fill("#filter-text input", "hello from the ui test");
  await page.waitForFunction(() => document.querySelectorAll(".mg-vlist__row").length === 1);
  await page.screenshot({ path: join(artifactsDir("browser"), "inspector-ui-live.png") });

  await page.locator("#clear").click();
  await page.waitForFunction(() => document.querySelectorAll(".mg-vlist__row").length === 0);
  assert.equal(t.server.log.size, 0, "the server's log was cleared");
  await page.fill("#filter-text input", "");
  await t.client().models.list();
  await page.waitForSelector('.mg-vlist__row:has-text("/v1/models")');
  assert.deepEqual(
    t.server.log.list().map((e) => e.path),
    ["/v1/models"],
    "neither the page, its assets, its SSE stream, its POSTs nor a favicon are logged",
  );
  assert.deepEqual(errors, []);
  await page.close();
});
