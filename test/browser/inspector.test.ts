// The inspector page bundle in Chromium against a fake host: list, filters, detail, XSS, scale, keyboard.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { artifactsDir, launchChromium } from "../helpers/chromium";
import { buildInspectorBundle, serveFakeHost, startHarness, type Theme } from "./inspectorHarness";
import { httpEntry, streamEntry, tlsEntry, XSS, xssEntry } from "./inspectorFixtures";
import type { LogEntry } from "../../src/shared/requestLog";
import { summarize } from "../../src/shared/pages/inspector/protocol";
import { toHar } from "../../src/shared/pages/inspector/har";

let browser: Browser;
let harness: Awaited<ReturnType<typeof startHarness>>;
const shots = artifactsDir("browser");
const context = {
  serverUrl: "https://127.0.0.1:8443",
  clientTls: { caPath: "/w/certs/ca.pem", certPath: "/w/certs/client.pem", keyPath: "/w/certs/client-key.pem" },
  capacity: 1000,
};

before(async () => {
  harness = await startHarness(await buildInspectorBundle());
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await harness?.close();
});

/** Opens the page; collects console errors (CSP violations included) into the returned array. */
async function open(
  theme: Theme = "light",
  size = { width: 900, height: 700 },
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: size });
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(harness.url(theme));
  await page.waitForFunction(() => window.__mockGptFakeHost !== undefined);
  return { page, errors };
}

const deliver = (page: Page, message: object) =>
  page.evaluate((m) => window.__mockGptFakeHost!.deliver(m as { type: string }), message);
/** Like the real host: summaries in the snapshot; details and body search answered from `entries`. */
async function snapshot(page: Page, entries: LogEntry[]): Promise<void> {
  await serveFakeHost(page, entries);
  await deliver(page, { type: "requests/snapshot", entries: entries.map(summarize), context });
}
/** Waits until the open detail has its full entry. */
const detailLoaded = (page: Page) =>
  page.waitForFunction(
    () =>
      document.querySelector(".mg-detail:not([hidden])") && !document.querySelector('.mg-detail [data-part="loading"]'),
  );
const sentTypes = (page: Page) => page.evaluate(() => window.__mockGptFakeHost!.sent.map((m) => m.type));
const rows = (page: Page) => page.locator(".mg-vlist__row");
/** Picks an option the way a user does: open the toolkit dropdown, click the option. */
async function choose(page: Page, dropdown: string, value: string): Promise<void> {
  await page.locator(dropdown).click();
  await page.locator(`${dropdown} vscode-option[value="${value}"]`).click();
}
const frame = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));

function sample(): LogEntry[] {
  return [
    httpEntry({
      method: "GET",
      path: "/v1/models",
      model: null,
      request: { headers: {}, body: "", bodyTruncated: false },
    }),
    streamEntry(),
    httpEntry({
      status: 429,
      response: {
        headers: {},
        body: '{"error":{"message":"Rate limit reached","type":"requests"}}',
        bodyTruncated: false,
      },
    }),
    tlsEntry(),
    httpEntry({ method: "DELETE", path: "/v1/nowhere", status: 404, model: null }),
    httpEntry({
      status: 500,
      request: { headers: {}, body: '{"messages":[{"content":"needle in the haystack"}]}', bodyTruncated: false },
    }),
  ];
}

describe("inspector page", () => {
  test("sends ready first, renders the snapshot and filters by method, status, path and body text", async () => {
    const { page, errors } = await open();
    assert.deepEqual(await page.evaluate(() => window.__mockGptFakeHost!.sent[0]), { type: "ready" });
    await snapshot(page, sample());
    await assert.doesNotReject(rows(page).nth(5).waitFor());
    assert.equal(await rows(page).count(), 6);
    assert.equal(await page.locator("#count").textContent(), "6 requests");
    assert.match((await rows(page).first().textContent()) ?? "", /500/, "newest first");
    assert.match(
      (await page.locator(".mg-req-row--tls").textContent()) ?? "",
      /handshake refused: peer did not return a certificate.*127\.0\.0\.9/,
    );

    await choose(page, "#filter-method", "POST");
    await page.waitForFunction(() => document.querySelectorAll(".mg-vlist__row").length === 3);
    await choose(page, "#filter-status", "4xx");
    await page.waitForFunction(() => document.querySelectorAll(".mg-vlist__row").length === 1);
    assert.match((await rows(page).first().textContent()) ?? "", /429/);
    await choose(page, "#filter-method", "");
    await page.waitForFunction(() => document.querySelectorAll(".mg-vlist__row").length === 2);
    await choose(page, "#filter-status", "tls");
    await page.waitForFunction(() => document.querySelectorAll(".mg-vlist__row").length === 1);
    await choose(page, "#filter-status", "all");
    await page.fill("#filter-path input", "MODELS");
    await page.waitForFunction(() => document.querySelectorAll(".mg-vlist__row").length === 1);
    assert.match((await rows(page).first().textContent()) ?? "", /GET\/v1\/models/);
    await page.fill("#filter-path input", "");
    await page.fill("#filter-text input", "needle");
    await page.waitForFunction(
      () =>
        document.querySelectorAll(".mg-vlist__row").length === 1 &&
        !document.querySelector(".mg-vlist__row")!.textContent!.includes("models"),
    );
    assert.match((await rows(page).first().textContent()) ?? "", /500/);
    assert.equal(await page.locator("#count").textContent(), "1 of 6");
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("applies batched deltas: added, updated, evicted, cleared", async () => {
    const { page } = await open();
    const [a, b] = [httpEntry(), httpEntry({ status: null, durationMs: null })];
    await snapshot(page, [a]);
    await deliver(page, { type: "requests/added", entries: [summarize(b)] });
    await page.waitForFunction(() => document.querySelectorAll(".mg-vlist__row").length === 2);
    assert.match((await rows(page).first().textContent()) ?? "", /…/, "in flight");
    await deliver(page, { type: "requests/updated", entries: [summarize({ ...b, status: 201, durationMs: 40 })] });
    await page.waitForFunction(() => document.querySelector(".mg-vlist__row")?.textContent?.includes("201"));
    await deliver(page, { type: "requests/evicted", ids: [a.id] });
    await page.waitForFunction(() => document.querySelectorAll(".mg-vlist__row").length === 1);
    await deliver(page, { type: "requests/cleared" });
    await page.waitForFunction(() => document.querySelectorAll(".mg-vlist__row").length === 0);
    assert.match((await page.locator(".mg-empty").textContent()) ?? "", /No requests yet/);
    await page.close();
  });

  test("detail shows a streamed response's chunk timeline and reassembled text", async () => {
    const { page } = await open();
    const s = streamEntry();
    await snapshot(page, [httpEntry(), s]);
    await page.locator(`[data-key="${s.id}"]`).click();
    await detailLoaded(page);
    assert.ok((await sentTypes(page)).includes("requests/detail"), "the body is fetched when the detail opens");
    await page.locator('.mg-tab[data-tab="stream"]').click();
    assert.equal(await page.locator('[data-part="reassembled"]').textContent(), "Streamed hello world.");
    const timeline = page.locator(".mg-timeline .mg-event");
    assert.equal(await timeline.count(), s.chunks.length);
    assert.match((await timeline.nth(1).textContent()) ?? "", /^\+9 ms\s*chunk\s*Streamed $/);
    assert.match((await timeline.last().textContent()) ?? "", /\[DONE\]/);
    assert.match((await page.locator(".mg-part--stream").textContent()) ?? "", /finish_reason: stop/);
    // New chunks of the open entry extend it in place.
    await deliver(page, {
      type: "requests/chunks",
      id: s.id,
      from: s.chunks.length,
      chunks: [{ t: 30, data: JSON.stringify({ choices: [{ index: 0, delta: { content: " More." } }] }) }],
    });
    await page.waitForFunction(
      () => document.querySelector('[data-part="reassembled"]')?.textContent === "Streamed hello world. More.",
    );
    assert.match((await page.locator('.mg-tab[data-tab="stream"]').textContent()) ?? "", /Stream \(7\)/);
    // Chunks out of step with what the page holds: it fetches the entry again.
    await deliver(page, { type: "requests/chunks", id: s.id, from: 99, chunks: [{ t: 40, data: "x" }] });
    await page.waitForFunction(
      () => document.querySelector('[data-part="reassembled"]')?.textContent === "Streamed hello world.",
    );
    assert.equal((await sentTypes(page)).filter((t) => t === "requests/detail").length, 2);
    await page.locator('.mg-tab[data-tab="request"]').click();
    assert.equal(
      await page.locator('[data-part="request-body"]').textContent(),
      JSON.stringify(JSON.parse(s.request.body), null, 2),
      "pretty-printed JSON",
    );
    await page.close();
  });

  test("XSS payloads in path, headers and bodies stay inert and visible as text", async () => {
    const { page, errors } = await open();
    const x = xssEntry();
    await snapshot(page, [x]);
    await rows(page).first().click();
    await detailLoaded(page);
    for (const tab of ["request", "response"]) {
      await page.locator(`.mg-tab[data-tab="${tab}"]`).click();
      await frame(page);
    }
    await page.locator('.mg-tab[data-tab="request"]').click();
    const text = (await page.locator("body").textContent()) ?? "";
    assert.ok(text.includes(XSS.script), "script payload shown as text");
    assert.ok(text.includes(XSS.img), "img payload shown as text");
    assert.ok(text.includes(XSS.link), "javascript: payload shown as text");
    assert.equal(await page.evaluate(() => (window as { __xss?: unknown }).__xss), undefined);
    assert.equal(await page.locator("#app img, #app a, #app script").count(), 0, "no element came from request data");
    await page.locator('.mg-tab[data-tab="response"]').click();
    assert.ok(((await page.locator('[data-part="response-body"]').textContent()) ?? "").includes(XSS.img));
    await page.waitForTimeout(50); // an injected onerror would have fired by now
    assert.equal(await page.evaluate(() => (window as { __xss?: unknown }).__xss), undefined);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("10,000 entries: the DOM holds few rows and scrolling to the end shows the oldest entry", async () => {
    const { page } = await open();
    const many = Array.from({ length: 10_000 }, (_, i) => httpEntry({ path: `/v1/chat/completions?n=${i}` }));
    await deliver(page, { type: "requests/snapshot", entries: many.map(summarize), context });
    assert.equal(await page.locator("#count").textContent(), "10000 requests");
    const count = await rows(page).count();
    assert.ok(count > 5 && count < 200, `rendered ${count} rows`);
    await page.locator(".mg-vlist__scroller").evaluate((s) => (s.scrollTop = s.scrollHeight));
    await page.waitForSelector(`[data-key="${many[0]!.id}"]`);
    assert.ok((await rows(page).count()) < 200);
    const last = page.locator(`[data-key="${many[0]!.id}"]`);
    assert.ok(await last.isVisible());
    assert.equal(await last.locator(".mg-c-path").textContent(), "/v1/chat/completions?n=0");
    await page.close();
  });

  test("a redacted query credential reads as its hint (sk-…cret), not percent-encoded", async () => {
    const { page } = await open();
    const e = httpEntry({ method: "GET", path: "/v1/models?api_key=sk-%E2%80%A6cret&limit=2", model: null });
    await snapshot(page, [e]);
    const row = page.locator(`[data-key="${e.id}"]`);
    assert.equal(await row.locator(".mg-c-path").textContent(), "/v1/models?api_key=sk-…cret&limit=2");
    assert.match((await row.getAttribute("title")) ?? "", /^GET \/v1\/models\?api_key=sk-…cret&limit=2 /);
    await row.click();
    assert.equal(await page.locator(".mg-detail__title").textContent(), "GET /v1/models?api_key=sk-…cret&limit=2");
    await page.close();
  });

  test("keyboard: arrows move the selection, Enter opens the detail, Escape closes it", async () => {
    const { page } = await open();
    const entries = sample();
    await snapshot(page, entries);
    await page.locator(".mg-vlist__scroller").focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    const newestFirst = [...entries].reverse();
    assert.equal(
      await page.locator('.mg-vlist__row[aria-selected="true"]').getAttribute("data-key"),
      newestFirst[1]!.id,
    );
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    assert.equal(
      await page.locator('.mg-vlist__row[aria-selected="true"]').getAttribute("data-key"),
      newestFirst[2]!.id,
    );
    assert.equal(await page.locator(".mg-detail").isVisible(), false);
    await page.keyboard.press("Enter");
    await page.locator(".mg-detail").waitFor();
    assert.match((await page.locator(".mg-detail__title").textContent()) ?? "", /TLS handshake from 127\.0\.0\.9/);
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    assert.equal(await page.locator(".mg-detail__title").textContent(), "GET /v1/models");
    await page.keyboard.press("Escape");
    assert.equal(await page.locator(".mg-detail").isVisible(), false);
    await page.close();
  });

  test("filter, selection and open detail survive a reload (getState/setState)", async () => {
    const { page } = await open();
    const entries = sample();
    await snapshot(page, entries);
    await page.fill("#filter-path input", "completions");
    await page.waitForFunction(() => document.querySelectorAll(".mg-vlist__row").length === 3);
    await rows(page).nth(1).click();
    const opened = await rows(page).nth(1).getAttribute("data-key");
    await page.reload();
    await page.waitForFunction(() => window.__mockGptFakeHost !== undefined);
    await snapshot(page, entries);
    assert.equal(await page.inputValue("#filter-path input"), "completions");
    await page.waitForFunction(() => document.querySelectorAll(".mg-vlist__row").length === 3);
    assert.equal(await page.locator('.mg-vlist__row[aria-selected="true"]').getAttribute("data-key"), opened);
    assert.ok(await page.locator(".mg-detail").isVisible());
    await detailLoaded(page);
    const asked = await page.evaluate(() => window.__mockGptFakeHost!.sent.filter((m) => m.type === "requests/detail"));
    assert.deepEqual(asked, [{ type: "requests/detail", id: opened }], "the open detail's entry is fetched again");
    await page.close();
  });

  test("commands: clear, replay and export go to the host; curl is copied in the browser", async () => {
    const { page } = await open();
    const e = httpEntry({
      request: {
        headers: { "content-type": "application/json", connection: "keep-alive" },
        body: `{"content":"it's"}`,
        bodyTruncated: false,
      },
    });
    await snapshot(page, [e]);
    await page.locator("#clear").click();
    await rows(page).first().click();
    await detailLoaded(page);
    await page.locator("#replay").click();
    assert.deepEqual(await sentTypes(page), [
      "ready",
      "requests/clear",
      "requests/select", // the sidebar's choice, which an editor tab follows
      "requests/detail",
      "requests/replay",
    ]);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.locator("#copy-curl").click();
    await page.waitForFunction(() => document.getElementById("status")?.textContent === "Copied curl command");
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(
      clip,
      /^curl \\\n {2}--cacert '\/w\/certs\/ca\.pem' --cert '\/w\/certs\/client\.pem' --key '\/w\/certs\/client-key\.pem' \\\n {2}-X 'POST' \\\n {2}'https:\/\/127\.0\.0\.1:8443\/v1\/chat\/completions'/,
    );
    assert.ok(clip.includes(`--data-raw '{"content":"it'\\''s"}'`));
    assert.ok(!clip.includes("keep-alive"));
    const download = page.waitForEvent("download");
    await page.locator("#export-har").click();
    // The host builds exports from its log: the page asks with the listed ids and downloads the answer.
    const asked = await page.evaluate(() => window.__mockGptFakeHost!.sent.at(-1));
    assert.deepEqual(asked, { type: "requests/export", format: "har", ids: [e.id] });
    await deliver(page, {
      type: "requests/exported",
      format: "har",
      fileName: "x.har",
      count: 1,
      content: JSON.stringify(toHar([e], { serverUrl: context.serverUrl })),
    });
    const file = await (await download).path();
    const har = JSON.parse(await (await import("node:fs/promises")).readFile(file, "utf8")) as {
      log: { version: string; entries: unknown[] };
    };
    assert.equal(har.log.version, "1.2");
    assert.equal(har.log.entries.length, 1);
    await page.close();
  });

  for (const theme of ["light", "dark", "high-contrast"] as const) {
    test(`screenshot (${theme})`, async () => {
      const { page, errors } = await open(theme, { width: 760, height: 620 });
      await snapshot(page, [...sample(), streamEntry({ path: "/v1/chat/completions?stream=1" })]);
      await rows(page).first().click();
      await detailLoaded(page);
      await page.locator('.mg-tab[data-tab="stream"]').click();
      await page.locator(".mg-vlist__scroller").focus();
      const path = join(shots, `inspector-${theme}.png`);
      await page.screenshot({ path });
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(
        bg,
        { light: "rgb(248, 248, 248)", dark: "rgb(24, 24, 24)", "high-contrast": "rgb(0, 0, 0)" }[theme],
      );
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
  test("screenshot (narrow sidebar, dark)", async () => {
    const { page } = await open("dark", { width: 340, height: 620 });
    await snapshot(page, [...sample(), xssEntry()]);
    await rows(page).first().click();
    await detailLoaded(page);
    await page.screenshot({ path: join(shots, "inspector-narrow-dark.png") });
    assert.equal(
      await page.locator(".mg-req-header .mg-c-client").isVisible(),
      false,
      "narrow view hides the client column",
    );
    // With the SSE column hidden, streamed rows still say so, before their path.
    const marks = await page.$$eval(".mg-vlist__row", (rs) =>
      rs.map((r) => getComputedStyle(r.querySelector(".mg-c-path")!, "::before").content),
    );
    assert.ok(marks.includes('"SSE "'), `a streamed row is marked: ${marks.join(" | ")}`);
    assert.ok(
      marks.some((m) => m === "none" || m === "normal"),
      "plain rows are not",
    );
    await page.close();
  });
});
