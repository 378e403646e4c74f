// The pages really render @vscode/webview-ui-toolkit elements through webview/components, under the
// strict CSP, themed from the --vscode-* fallbacks, and stay usable from the keyboard.
// Needs the built bundles: `node esbuild.mjs` first.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { PageName } from "../../src/core/pages/html";
import { artifactsDir, launchChromium } from "../helpers/chromium";
import { httpEntry, streamEntry, XSS, xssEntry } from "./inspectorFixtures";
import { deliver, startPageHarness, type PageHarness, type ThemeKind } from "./pageHarness";
import { serveFakeHost } from "./inspectorHarness";
import { summarize } from "../../src/shared/pages/inspector/protocol";
import type { LogEntry } from "../../src/shared/requestLog";

/** The inspector's snapshot as its host sends it: summaries, with details answered on request. */
async function inspectorSnapshot(page: Page, entries: LogEntry[], context: object): Promise<void> {
  await serveFakeHost(page, entries);
  await deliver(page, { type: "requests/snapshot", entries: entries.map(summarize), context });
}
const detailLoaded = (page: Page) =>
  page.waitForFunction(
    () =>
      document.querySelector(".mg-detail:not([hidden])") && !document.querySelector('.mg-detail [data-part="loading"]'),
  );

let browser: Browser;
let harness: PageHarness;
const shots = artifactsDir("browser");
const context = {
  serverUrl: "https://127.0.0.1:8443",
  clientTls: { caPath: "/c/ca.pem", certPath: "/c/client.pem", keyPath: "/c/client-key.pem" },
  capacity: 1000,
};

before(async () => {
  harness = await startPageHarness();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await harness?.close();
});

/** Opens a page and records console errors and every CSP violation event (with its directive). */
async function open(name: PageName, theme: ThemeKind = "light"): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
  const problems: string[] = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.exposeFunction("__cspViolation", (d: string) => problems.push(`CSP violation: ${d}`));
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __cspViolation(d: string): void }).__cspViolation(e.violatedDirective),
    ),
  );
  await page.goto(harness.url(name, theme));
  await page.waitForFunction(() => window.__mockGptFakeHost?.sent.some((m) => m.type === "ready"));
  await page.waitForLoadState("load"); // the toolkit applies the theme on load
  return { page, problems };
}

/** Tag name and whether the element has a shadow root (i.e. is an upgraded web component). */
const shape = (page: Page, selector: string) =>
  page.$eval(selector, (e) => ({ tag: e.tagName.toLowerCase(), shadow: e.shadowRoot !== null }));
const focusedTab = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.tab ?? null);
const rowCount = (page: Page) => page.locator(".mg-vlist__row").count();

describe("toolkit components (browser)", () => {
  for (const name of ["inspector", "dashboard", "health"] as const) {
    it(`${name}: toolkit elements are registered, buttons are vscode-button, no CSP violation`, async () => {
      const { page, problems } = await open(name);
      assert.ok(
        await page.evaluate(() => customElements.get("vscode-button") !== undefined),
        "vscode-button is defined",
      );
      // Every toolkit element on the page is upgraded (registered before it was created).
      const notUpgraded = await page.evaluate(() =>
        [...document.querySelectorAll("*")]
          .filter((e) => e.localName.startsWith("vscode-") && !e.shadowRoot)
          .map((e) => e.localName),
      );
      assert.deepEqual(notUpgraded, []);
      const buttons = await page.$$eval("#app .mg-button", (bs) =>
        bs.map((b) => `${b.tagName.toLowerCase()}:${b.shadowRoot !== null}`),
      );
      assert.ok(buttons.length > 0);
      assert.ok(
        buttons.every((b) => b === "vscode-button:true"),
        buttons.join(", "),
      );
      // Our CSP blocks FAST's <style> probe; components/focusProbeShim.ts keeps :focus-visible (not :focus) rings.
      const focusRule = await page.$eval("#app .mg-button", (b) =>
        b
          .shadowRoot!.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText))
          .some((t) => t.includes(":focus-visible")),
      );
      assert.equal(focusRule, true, "the toolkit styles use :focus-visible");
      await page.waitForTimeout(100);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }

  it("inspector: filters are toolkit controls with accessible names, usable from the keyboard", async () => {
    const { page, problems } = await open("inspector");
    await inspectorSnapshot(
      page,
      [httpEntry({ method: "GET", path: "/v1/models" }), httpEntry(), streamEntry()],
      context,
    );
    await page.waitForFunction(() => document.querySelectorAll(".mg-vlist__row").length === 3);
    assert.deepEqual(await shape(page, "#filter-method"), { tag: "vscode-dropdown", shadow: true });
    assert.deepEqual(await shape(page, "#filter-status"), { tag: "vscode-dropdown", shadow: true });
    assert.deepEqual(await shape(page, "#filter-path"), { tag: "vscode-text-field", shadow: true });
    assert.deepEqual(await shape(page, "#filter-text"), { tag: "vscode-text-field", shadow: true });
    // Accessible names reach the inner controls that assistive tech sees.
    await page.getByRole("textbox", { name: "Path contains" }).waitFor();
    await page.getByRole("textbox", { name: "Search bodies" }).waitFor();
    await page.getByRole("combobox", { name: "Method" }).waitFor();

    // Tab from the top: method, status, endpoint, path. ArrowDown on a closed dropdown picks the next option.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "filter-method");
    await page.keyboard.press("ArrowDown"); // "Any method" -> "GET"
    await page.waitForFunction(() => document.querySelectorAll(".mg-vlist__row").length === 1);
    assert.equal(await page.$eval("#filter-method", (d) => (d as HTMLElement & { value: string }).value), "GET");
    await page.keyboard.press("ArrowUp"); // back to "Any method"
    await page.waitForFunction(() => document.querySelectorAll(".mg-vlist__row").length === 3);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "filter-status");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "filter-endpoint");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "filter-path");
    await page.keyboard.type("models");
    await page.waitForFunction(() => document.querySelectorAll(".mg-vlist__row").length === 1);
    assert.equal(await page.locator("#count").textContent(), "1 of 3");
    for (let i = 0; i < 6; i++) await page.keyboard.press("Backspace");
    await page.waitForFunction(() => document.querySelectorAll(".mg-vlist__row").length === 3);
    assert.equal(await rowCount(page), 3);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it("inspector: detail tabs are vscode-panels with arrow-key navigation; headers are a table of text", async () => {
    const { page, problems } = await open("inspector", "dark");
    const s = streamEntry();
    const x = xssEntry();
    await inspectorSnapshot(page, [x, s], context);
    await page.locator(`[data-key="${s.id}"]`).click();
    await detailLoaded(page);
    assert.deepEqual(await shape(page, ".mg-detail .mg-tabs"), { tag: "vscode-panels", shadow: true });
    assert.equal(await page.locator(".mg-detail [role=tab]").count(), 3);
    await page.locator('.mg-tab[data-tab="response"]').click();
    assert.equal(await focusedTab(page), "response");
    await page.keyboard.press("ArrowRight");
    assert.equal(await focusedTab(page), "stream");
    assert.equal(await page.getAttribute('.mg-tab[data-tab="stream"]', "aria-selected"), "true");
    assert.equal(await page.locator('[data-part="reassembled"]').textContent(), "Streamed hello world.");
    await page.keyboard.press("Home");
    assert.equal(await focusedTab(page), "request");
    assert.equal(await page.getAttribute('.mg-tab[data-tab="request"]', "aria-selected"), "true");
    assert.equal(await page.getAttribute('.mg-tab[data-tab="stream"]', "aria-selected"), "false");
    assert.equal(await page.locator('.mg-tabpanel [data-part="request-body"]').isVisible(), true);
    await page.keyboard.press("ArrowLeft"); // wraps to the last tab
    assert.equal(await focusedTab(page), "stream");
    await page.keyboard.press("ArrowLeft");
    assert.equal(await focusedTab(page), "response");

    // Hostile header names and values: a folded table of text, nothing parsed as HTML.
    await page.locator(`[data-key="${x.id}"]`).click();
    await detailLoaded(page);
    await page.locator('.mg-tab[data-tab="request"]').click();
    const headers = page.locator('.mg-tabpanel [data-part="request-headers"]');
    await headers.locator("summary").click();
    const cells = await headers
      .locator("tr")
      .evaluateAll((rows) => rows.flatMap((r) => [...r.children].map((c) => c.textContent ?? "")));
    assert.deepEqual(cells, ["x-evil", XSS.img, "x-link", XSS.link]);
    assert.equal(await page.locator("#app img, #app a, #app script").count(), 0);
    await page.screenshot({ path: join(shots, "components-inspector-headers-dark.png") });
    assert.equal(await page.evaluate(() => (window as { __xss?: unknown }).__xss), undefined);
    assert.deepEqual(problems, []);
    await page.close();
  });

  for (const [theme, primary, secondary, input] of [
    ["light", "#005fb8", "rgb(229, 229, 229)", "rgb(255, 255, 255)"],
    ["dark", "#0078d4", "rgb(49, 49, 49)", "rgb(49, 49, 49)"],
  ] as const) {
    it(`the toolkit picks up the browser theme fallbacks (${theme})`, async () => {
      const { page, problems } = await open("inspector", theme);
      // Painted by the toolkit's own styles (shadow DOM), from its design tokens, from our fallbacks.
      const colours = await page.evaluate(() => ({
        button: getComputedStyle(document.querySelector("#clear")!).backgroundColor, // a secondary button
        field: getComputedStyle(document.querySelector("#filter-path")!.shadowRoot!.querySelector(".root")!)
          .backgroundColor,
        primaryToken: getComputedStyle(document.querySelector("#clear")!)
          .getPropertyValue("--button-primary-background")
          .trim()
          .toLowerCase(),
      }));
      assert.deepEqual(colours, { button: secondary, field: input, primaryToken: primary });
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
});
