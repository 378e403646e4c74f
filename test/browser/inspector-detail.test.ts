// The inspector's detail made readable (issue 12 §4), in Chromium against a fake host: the body
// before folded headers, the compact stream timeline with raw JSON on demand, list columns that fit
// the default side bar, the detail closing when a filter hides its entry, and the editor-tab view
// that follows the sidebar's choice.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { artifactsDir, launchChromium } from "../helpers/chromium";
import { buildInspectorBundle, serveFakeHost, startHarness } from "./inspectorHarness";
import { httpEntry, streamEntry } from "./inspectorFixtures";
import type { LogEntry } from "../../src/shared/requestLog";
import { summarize } from "../../src/shared/pages/inspector/protocol";

let browser: Browser;
let harness: Awaited<ReturnType<typeof startHarness>>;
const shots = artifactsDir("browser");
const context = { serverUrl: "https://127.0.0.1:8443", clientTls: null, capacity: 1000 };
/** The default side bar is about 300 px wide. */
const SIDEBAR = { width: 300, height: 640 };

before(async () => {
  harness = await startHarness(await buildInspectorBundle());
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await harness?.close();
});

async function open(
  size = SIDEBAR,
  o: { view?: "editor"; editorFontPx?: number } = {},
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: size });
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(harness.url("dark", o.view));
  await page.waitForFunction(() => window.__mockGptFakeHost !== undefined);
  // VS Code's default editor font is 14 px (the harness theme uses 12 px): measure with what users have.
  if (o.editorFontPx)
    await page.evaluate(
      (px) => document.documentElement.style.setProperty("--vscode-editor-font-size", `${px}px`),
      o.editorFontPx,
    );
  return { page, errors };
}
const deliver = (page: Page, message: object) =>
  page.evaluate((m) => window.__mockGptFakeHost!.deliver(m as { type: string }), message);
async function snapshot(page: Page, entries: LogEntry[]): Promise<void> {
  await serveFakeHost(page, entries);
  await deliver(page, { type: "requests/snapshot", entries: entries.map(summarize), context });
}
const detailLoaded = (page: Page) =>
  page.waitForFunction(
    () =>
      document.querySelector(".mg-detail:not([hidden])") && !document.querySelector('.mg-detail [data-part="loading"]'),
  );
const sent = (page: Page) => page.evaluate(() => window.__mockGptFakeHost!.sent);

/** A 400 with the 14-odd headers a real answer carries. */
function badRequest(): LogEntry {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-request-id": "req_0123456789abcdef0123456789abcdef",
    "openai-organization": "mock-gpt",
    "openai-processing-ms": "3",
    "openai-version": "2020-10-01",
    "x-ratelimit-limit-requests": "10000",
    "x-ratelimit-limit-tokens": "200000",
    "x-ratelimit-remaining-requests": "9999",
    "x-ratelimit-remaining-tokens": "199990",
    "x-ratelimit-reset-requests": "6ms",
    "x-ratelimit-reset-tokens": "3ms",
    "strict-transport-security": "max-age=31536000; includeSubDomains; preload",
    "access-control-expose-headers": "X-Request-ID, openai-organization, openai-processing-ms, openai-version",
    "cache-control": "no-store",
  };
  return httpEntry({
    status: 400,
    response: {
      headers,
      body: JSON.stringify({
        error: { message: "Missing required parameter: 'messages'.", type: "invalid_request_error", param: "messages" },
      }),
      bodyTruncated: false,
    },
  });
}

describe("inspector detail, readable", () => {
  test("body first: a 400's message is on screen at 300 px, headers folded until asked for", async () => {
    const { page, errors } = await open();
    const e = badRequest();
    await snapshot(page, [e]);
    await page.locator(`[data-key="${e.id}"]`).click();
    await detailLoaded(page);
    const body = page.locator('[data-part="response-body"]');
    await body.waitFor({ state: "visible" });
    assert.match((await body.textContent()) ?? "", /Missing required parameter: 'messages'\./);
    // On screen without scrolling: the message's line lies inside the viewport and the scrolled panel.
    const line = await body.evaluate((pre) => {
      const range = document.createRange();
      const text = pre.firstChild!;
      const at = text.textContent!.indexOf("Missing");
      range.setStart(text, at);
      range.setEnd(text, at + 7);
      const r = range.getBoundingClientRect();
      const panel = pre.closest(".mg-tabpanel")!.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, panelBottom: panel.bottom, viewport: window.innerHeight };
    });
    await page.screenshot({ path: join(shots, "inspector-detail-400-300px.png") });
    assert.ok(
      line.bottom <= Math.min(line.panelBottom, line.viewport),
      `the error message is visible without scrolling (${JSON.stringify(line)})`,
    );
    const headers = page.locator('[data-part="response-headers"]');
    assert.equal(await headers.getAttribute("open"), null, "headers start folded");
    assert.match((await headers.locator("summary").textContent()) ?? "", /^Headers \(14\)$/);
    assert.equal(await headers.locator("table").isVisible(), false);
    await headers.locator("summary").click();
    assert.equal(await headers.locator("table").isVisible(), true, "a click unfolds them");
    // Names on one line: "content-type" is not broken at its hyphen, even at 300 px.
    const nameLines = await headers.locator("th").evaluateAll((ths) =>
      ths.map((th) => {
        const range = document.createRange();
        range.selectNodeContents(th);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        return { name: th.textContent, lines: tops.size };
      }),
    );
    assert.equal(nameLines.length, 14);
    for (const n of nameLines) assert.equal(n.lines, 1, `header name "${n.name}" stays on one line`);
    // A live update re-renders the detail: the unfolded headers stay unfolded.
    await deliver(page, { type: "requests/updated", entries: [summarize({ ...e, durationMs: 13 })] });
    await page.waitForFunction(() => document.querySelector(".mg-detail__head")?.textContent?.includes("13 ms"));
    assert.equal(await page.locator('[data-part="response-headers"]').getAttribute("open"), "");
    await page.screenshot({ path: join(shots, "inspector-detail-400-300px-headers.png") });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("stream timeline: one compact row per event with offset and delta, raw JSON only when opened", async () => {
    const { page, errors } = await open({ width: 420, height: 700 });
    const s = streamEntry();
    await snapshot(page, [s]);
    await page.locator(`[data-key="${s.id}"]`).click();
    await detailLoaded(page);
    await page.locator('.mg-tab[data-tab="stream"]').click();
    const events = page.locator(".mg-timeline .mg-event");
    assert.equal(await events.count(), s.chunks.length, "one row per event");
    const texts = (await events.allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
    assert.deepEqual(texts, [
      "+5 ms chunk role: assistant",
      "+9 ms chunk Streamed",
      "+14 ms chunk hello",
      "+20 ms chunk world.",
      "+22 ms chunk finish_reason: stop",
      "+23 ms [DONE]",
    ]);
    // Compact: every row is one line high, and no raw JSON is in the page until asked for.
    const heights = await events.evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
    assert.ok(
      heights.every((h) => h > 0 && h <= 24),
      `rows are one line each: ${heights.join(", ")}`,
    );
    assert.ok(!((await page.locator(".mg-timeline").textContent()) ?? "").includes("chat.completion.chunk"));
    await events.nth(1).locator("summary").click();
    const raw = events.nth(1).locator('[data-part="raw-event"]');
    await raw.waitFor({ state: "visible" });
    const rawText = (await raw.textContent()) ?? "";
    assert.deepEqual(JSON.parse(rawText), JSON.parse(s.chunks[1]!.data), "the raw event, pretty-printed");
    assert.ok(rawText.includes('\n  "object": "chat.completion.chunk"'), "pretty-printed, not one long line");
    // New chunks re-render the tab: the opened row stays open.
    await deliver(page, {
      type: "requests/chunks",
      id: s.id,
      from: s.chunks.length,
      chunks: [{ t: 30, data: JSON.stringify({ error: { message: "The server stopped mid-stream", code: "x" } }) }],
    });
    await page.waitForFunction(() => document.querySelectorAll(".mg-timeline .mg-event").length === 7);
    assert.equal(await events.nth(1).getAttribute("open"), "", "the unfolded row stays unfolded");
    const errorRow = events.last();
    assert.match((await errorRow.textContent()) ?? "", /\+30 ms\s*error\s*The server stopped mid-stream/);
    assert.ok(((await errorRow.getAttribute("class")) ?? "").includes("mg-event--error"));
    await page.screenshot({ path: join(shots, "inspector-stream-timeline.png") });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("a Responses stream: event names and text deltas, one row each", async () => {
    const { page } = await open({ width: 420, height: 700 });
    const chunks = [
      { t: 1, data: JSON.stringify({ type: "response.created", response: { status: "in_progress" } }) },
      { t: 4, data: JSON.stringify({ type: "response.output_text.delta", output_index: 0, delta: "Hi\nthere" }) },
      { t: 7, data: JSON.stringify({ type: "response.completed", response: { status: "completed" } }) },
    ];
    const r = streamEntry({ path: "/v1/responses", chunks });
    await snapshot(page, [r]);
    await page.locator(`[data-key="${r.id}"]`).click();
    await detailLoaded(page);
    await page.locator('.mg-tab[data-tab="stream"]').click();
    const texts = (await page.locator(".mg-timeline .mg-event").allInnerTexts()).map((t) =>
      t.replace(/\s+/g, " ").trim(),
    );
    assert.deepEqual(texts, ["+1 ms created", "+4 ms output_text.delta Hi↵there", "+7 ms completed status: completed"]);
    await page.close();
  });

  for (const fontPx of [14, 20]) {
    test(`columns fit the 300 px side bar: the time is whole, names are whole (editor font ${fontPx}px)`, async () => {
      const { page } = await open(SIDEBAR, { editorFontPx: fontPx });
      const entries = [httpEntry({ method: "DELETE", path: "/v1/files/file-abc" }), streamEntry(), badRequest()];
      await snapshot(page, entries);
      await page.waitForFunction(() => document.querySelectorAll(".mg-vlist__row").length === 3);
      const cells = await page.locator(".mg-vlist__row .mg-c-time, .mg-req-header .mg-c-time").evaluateAll((els) =>
        els.map((c) => ({
          text: c.textContent,
          visible: c.getBoundingClientRect().width > 0,
          scroll: c.scrollWidth,
          client: c.clientWidth,
        })),
      );
      assert.equal(cells.length, 4, "the Time column is shown at 300 px");
      for (const c of cells) {
        assert.ok(c.visible, `time cell "${c.text}" is visible`);
        assert.ok(c.scroll <= c.client, `time cell "${c.text}" is not cut (${c.scroll} > ${c.client})`);
      }
      assert.match(cells[1]!.text ?? "", /^\d\d:\d\d:\d\d\.\d{3}$/);
      const headerCut = await page
        .locator(".mg-req-header > span")
        .evaluateAll((els) =>
          els
            .filter((c) => c.getBoundingClientRect().width > 0 && c.scrollWidth > c.clientWidth)
            .map((c) => c.textContent),
        );
      assert.deepEqual(headerCut, [], "column titles are whole");
      for (const col of ["mg-c-method", "mg-c-status"]) {
        const cut = await page
          .locator(`.mg-vlist__row .${col}`)
          .evaluateAll((els) => els.filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent));
        assert.deepEqual(cut, [], `${col} values are whole`);
      }
      const pathWidth = await page
        .locator(".mg-vlist__row .mg-c-path")
        .first()
        .evaluate((c) => c.clientWidth);
      assert.ok(pathWidth >= 40, `the path keeps some room (${pathWidth}px)`);
      await page.screenshot({ path: join(shots, `inspector-columns-300px-${fontPx}.png`) });
      await page.close();
    });
  }

  test("a filter that hides the open entry closes its detail", async () => {
    const { page } = await open();
    const a = httpEntry({ path: "/v1/models", method: "GET" });
    const b = httpEntry({ path: "/v1/embeddings" });
    await snapshot(page, [a, b]);
    await page.locator(`[data-key="${b.id}"]`).click();
    await detailLoaded(page);
    await page.fill("#filter-path input", "/v1/embeddings");
    await page.waitForFunction(() => document.querySelectorAll(".mg-vlist__row").length === 1);
    assert.equal(await page.locator(".mg-detail").isVisible(), true, "a filter that keeps the entry keeps the detail");
    await page.fill("#filter-path input", "/v1/models");
    await page.waitForFunction(() => document.querySelector(".mg-detail")?.hasAttribute("hidden"));
    assert.equal(await page.locator("#app").evaluate((r) => r.classList.contains("mg-inspector--detail")), false);
    // It stays closed when the filter is cleared: the reader chose nothing since.
    await page.fill("#filter-path input", "");
    await page.waitForFunction(() => document.querySelectorAll(".mg-vlist__row").length === 2);
    assert.equal(await page.locator(".mg-detail").isVisible(), false);
    await page.close();
  });

  test("editor tab view: the detail alone, following the entry the sidebar chose", async () => {
    const { page, errors } = await open({ width: 800, height: 600 }, { view: "editor" });
    const a = badRequest();
    const b = streamEntry();
    await snapshot(page, [a, b]);
    assert.equal(await page.locator(".mg-vlist").count(), 0, "no list in the editor tab");
    assert.equal(await page.locator("#filter-path").count(), 0, "no filters in the editor tab");
    assert.equal(await page.locator("#editor-hint").isVisible(), true, "a hint until something is chosen");
    await deliver(page, { type: "detail/focus", id: a.id });
    await detailLoaded(page);
    assert.match((await page.locator(".mg-detail__head").textContent()) ?? "", /400/);
    assert.match((await page.locator('[data-part="response-body"]').textContent()) ?? "", /Missing required/);
    assert.equal(await page.locator("#close-detail").count(), 0, "the tab itself closes: no Close button");
    assert.equal(await page.locator("#open-in-editor").count(), 0);
    assert.equal(await page.locator("#editor-hint").isVisible(), false);
    await deliver(page, { type: "detail/focus", id: b.id });
    await page.waitForFunction(() => document.querySelector('.mg-tab[data-tab="stream"]') !== null);
    await detailLoaded(page);
    const asked = (await sent(page))
      .filter((m) => m.type === "requests/detail")
      .map((m) => (m as unknown as { id: string }).id);
    assert.deepEqual(asked, [a.id, b.id], "each followed entry is fetched from the host");
    assert.ok(!(await sent(page)).some((m) => m.type === "requests/select"), "the tab reports no choice of its own");
    await deliver(page, { type: "requests/evicted", ids: [b.id] });
    await page.waitForFunction(() => document.querySelector(".mg-detail")?.hasAttribute("hidden"));
    assert.equal(await page.locator("#editor-hint").isVisible(), true);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("a finished stream with no events says so; Streaming… only while it is in flight", async () => {
    const { page, errors } = await open();
    const empty = { headers: { "content-type": "text/event-stream" }, body: "", bodyTruncated: false };
    const ended = streamEntry({ chunks: [], response: empty, durationMs: 4, fault: "truncated after 0 chunks" });
    const live = streamEntry({ chunks: [], response: empty, durationMs: null, status: 200 });
    await snapshot(page, [ended, live]);
    const responseText = async (id: string) => {
      await page.locator(`[data-key="${id}"]`).click();
      await detailLoaded(page);
      await page.locator('.mg-tab[data-tab="response"]').click();
      return (await page.locator(".mg-detail .mg-tabpanel").textContent()) ?? "";
    };
    const endedText = await responseText(ended.id);
    assert.doesNotMatch(endedText, /Streaming…/);
    assert.match(endedText, /The stream ended without sending any events \(fault: truncated after 0 chunks\)\./);
    assert.match(await responseText(live.id), /Streaming… see the Stream tab/);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
