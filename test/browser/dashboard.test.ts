import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { RequestLog } from "../../src/core/log/requestLog";
import type { LogEntry } from "../../src/shared/requestLog";
import { StatsTracker, type StatsSnapshot } from "../../src/core/stats";
import { formatCount, formatMs, formatRate } from "../../webview/dashboard/format";
import type { DashboardToPage } from "../../src/shared/pages/dashboard/protocol";
import type { RateLimitSnapshot } from "../../src/shared/rateLimits";
import { artifactsDir, launchChromium } from "../helpers/chromium";
import { deliver, openPage, paintedPixels, sent, startPageHarness, type PageHarness } from "./pageHarness";

const NOW = Date.now();
const server = { state: "running", url: "https://127.0.0.1:8443", scenario: "normal" };

/** Real stats from a real tracker: `n` requests with a spread of methods, statuses and latencies. */
function stats(n: number, extraStatus?: number): StatsSnapshot {
  const log = new RequestLog({ capacity: 10_000 });
  const tracker = new StatsTracker({ now: () => NOW });
  tracker.attach(log);
  for (let i = 0; i < n; i++) {
    const e = log.add({
      id: `r${i}`,
      kind: "http",
      time: NOW - 60_000 + i * (55_000 / n),
      durationMs: null,
      client: null,
      remoteAddress: "127.0.0.1",
      method: i % 7 === 0 ? "GET" : "POST",
      path: "/v1/chat/completions",
      status: null,
      model: "gpt-4o-mini",
      stream: i % 3 === 0,
      scenario: "normal",
      request: { headers: {}, body: "", bodyTruncated: false },
      response: { headers: {}, body: "", bodyTruncated: false },
      chunks: [],
      usage: null,
      error: null,
    } as Omit<LogEntry, "seq">);
    const status = i % 11 === 0 ? 429 : i % 17 === 0 ? 500 : 200;
    log.update(e.id, (x) => {
      x.status = status;
      x.durationMs = 20 + ((i * 37) % 400);
      x.usage = { prompt_tokens: 12, completion_tokens: 30, total_tokens: 42 };
    });
  }
  if (extraStatus) {
    const e = log.add({ ...log.list()[0]!, id: "extra", time: NOW - 500, durationMs: null, status: null });
    log.update(e.id, (x) => ((x.status = extraStatus), (x.durationMs = 900)));
  }
  const inFlight = log.add({
    ...log.list()[0]!,
    id: "live",
    stream: true,
    durationMs: null,
    status: null,
    time: NOW - 100,
  });
  void inFlight;
  return tracker.snapshot();
}

const text = (page: Page, key: string) => page.$eval(`[data-stat="${key}"]`, (e) => e.textContent);
const dataUrl = (page: Page, sel: string) => page.$eval(sel, (c) => (c as HTMLCanvasElement).toDataURL());

describe("dashboard page (browser, fake host)", () => {
  let browser: Browser;
  let harness: PageHarness;
  const shots = artifactsDir("browser");

  before(async () => {
    harness = await startPageHarness();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await harness?.close();
  });

  it("renders the live numbers from the snapshot", async () => {
    const s = stats(120);
    const { page, errors } = await openPage(browser, harness.url("dashboard"));
    await deliver(page, { type: "dashboard/snapshot", stats: s, server } satisfies DashboardToPage);
    assert.equal(await text(page, "total"), formatCount(s.total));
    assert.equal(s.total, 121);
    assert.equal(await text(page, "success"), formatRate(s.successRate, s.completed));
    // 429s from the rate limiter and 500s are the red card's; none of the fixture's failures are client errors.
    assert.equal(await text(page, "server-errors"), formatRate(s.serverErrorRate, s.completed));
    assert.ok(s.serverErrorRate > 0);
    assert.equal(await text(page, "client-errors"), formatRate(0, s.completed));
    assert.equal(await text(page, "p50"), formatMs(s.latency.p50));
    assert.equal(await text(page, "p95"), formatMs(s.latency.p95));
    assert.equal(await text(page, "p99"), formatMs(s.latency.p99));
    assert.equal(await text(page, "streams"), "1");
    assert.equal(await text(page, "tokens"), formatCount(120 * 42));
    assert.match((await page.textContent(".db-server")) ?? "", /running.*127\.0\.0\.1:8443.*normal/);
    // Handshakes clients abandoned are not refusals: counted under the TLS card, not in it.
    const tlsDetail = () => page.textContent('section[aria-label="TLS Rejected"] .db-card__detail');
    assert.equal(await tlsDetail(), "");
    await deliver(page, {
      type: "stats/update",
      stats: { ...s, tlsRejected: 1, handshakesAborted: 2 },
    } satisfies DashboardToPage);
    assert.equal(await text(page, "tls"), "1");
    assert.equal(await tlsDetail(), "2 handshakes abandoned by clients");
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("keeps a test's own 4xx out of the red card, and labels both kinds", async () => {
    const log = new RequestLog({ capacity: 100 });
    const tracker = new StatsTracker({ now: () => NOW });
    tracker.attach(log);
    const entry = (id: string, status: number, fault: string | null) => {
      const e = log.add({
        id,
        kind: "http",
        time: NOW - 1000,
        durationMs: null,
        client: null,
        remoteAddress: "127.0.0.1",
        method: "POST",
        path: "/v1/chat/completions",
        status: null,
        model: "gpt-4o-mini",
        stream: false,
        scenario: "normal",
        request: { headers: {}, body: "", bodyTruncated: false },
        response: { headers: {}, body: "", bodyTruncated: false },
        chunks: [],
        usage: null,
        error: null,
      });
      log.update(e.id, (x) => ((x.status = status), (x.durationMs = 10), (x.fault = fault)));
    };
    entry("a", 200, null);
    entry("b", 400, null);
    entry("c", 404, null);
    entry("d", 422, null);
    const { page, errors } = await openPage(browser, harness.url("dashboard"));
    await deliver(page, { type: "dashboard/snapshot", stats: tracker.snapshot(), server } satisfies DashboardToPage);
    assert.equal(await text(page, "client-errors"), "75.0 %");
    assert.equal(await text(page, "server-errors"), "0.0 %");
    const red = () => page.$eval('[data-stat="server-errors"]', (e) => e.classList.contains("mg-error"));
    assert.equal(await red(), false, "deliberate client errors do not turn the card red");
    const labels = await page.$$eval(".db-card__label", (ls) => ls.map((l) => l.textContent));
    assert.ok(labels.includes("Client Errors") && labels.includes("Server & Injected Errors"), labels.join(", "));
    entry("e", 503, "HTTP 503 server_error (x-mock-fault)");
    await deliver(page, { type: "stats/update", stats: tracker.snapshot() } satisfies DashboardToPage);
    assert.equal(await text(page, "server-errors"), "20.0 %");
    assert.equal(await red(), true);
    assert.match(
      (await page.textContent('[aria-label="Server & Injected Errors"] .db-card__detail')) ?? "",
      /1 injected · 0 server errors/,
    );
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("says when the statistics were reset because the request log was cleared", async () => {
    const { page, errors } = await openPage(browser, harness.url("dashboard"));
    await deliver(page, { type: "dashboard/snapshot", stats: stats(40), server } satisfies DashboardToPage);
    assert.doesNotMatch((await page.textContent("#db-status")) ?? "", /reset/);
    const title = await page.getAttribute('[aria-label="Total Requests"]', "title");
    assert.match(title ?? "", /Clear Requests and Stats in the Requests view resets these statistics too/);
    await deliver(page, { type: "stats/update", stats: stats(1) } satisfies DashboardToPage);
    assert.equal(await text(page, "total"), "2");
    assert.match((await page.textContent("#db-status")) ?? "", /reset at .*: the request log was cleared/);
    await deliver(page, { type: "stats/update", stats: stats(3) } satisfies DashboardToPage);
    assert.match(
      (await page.textContent("#db-status")) ?? "",
      /reset at .*the request log was cleared/,
      "it stays said",
    );
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("shows a lone busy second between idle ones on the latency chart", async () => {
    // Pixels in the average series' colour: the legend swatch has some; the lone point must add more.
    const seriesPixels = () =>
      page.$eval("#db-chart-latency", (c) => {
        const hex = getComputedStyle(document.body).getPropertyValue("--vscode-charts-blue").trim() || "#3794ff";
        const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
        const canvas = c as HTMLCanvasElement;
        const d = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4)
          if (d[i + 3]! > 200 && Math.abs(d[i]! - r!) + Math.abs(d[i + 1]! - g!) + Math.abs(d[i + 2]! - b!) < 60) n++;
        return n;
      });
    const { page, errors } = await openPage(browser, harness.url("dashboard"));
    const s = stats(1);
    const at = Math.floor(s.series.length / 2);
    const idle = s.series.map((p) => ({ ...p, avgMs: null, maxMs: null, count: 0 }));
    await deliver(page, {
      type: "dashboard/snapshot",
      stats: { ...s, series: idle },
      server,
    } satisfies DashboardToPage);
    const before = await seriesPixels();
    const lone = idle.map((p, i) => (i === at ? { ...p, avgMs: 120, maxMs: 180, count: 2 } : p));
    await deliver(page, { type: "stats/update", stats: { ...s, series: lone } } satisfies DashboardToPage);
    const after = await seriesPixels();
    assert.ok(
      after > before + 10,
      `the isolated point is drawn (${after} series-coloured pixels, ${before} without it)`,
    );
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("joins latency points across idle seconds, and Max stays visible over an equal Average", async () => {
    // Pixels near a colour inside a band of columns (fractions of the canvas width), below the legend.
    const pixels = (variable: string, from: number, to: number) =>
      page.$eval(
        "#db-chart-latency",
        (c, [name, a, b]) => {
          const hex = getComputedStyle(document.body)
            .getPropertyValue(name as string)
            .trim();
          const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
          const canvas = c as HTMLCanvasElement;
          const x0 = Math.floor(canvas.width * (a as number));
          const x1 = Math.floor(canvas.width * (b as number));
          const y0 = Math.floor(canvas.height * 0.25);
          const d = canvas.getContext("2d")!.getImageData(x0, y0, x1 - x0, canvas.height - y0).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4)
            if (d[i + 3]! > 200 && Math.abs(d[i]! - r!) + Math.abs(d[i + 1]! - g!) + Math.abs(d[i + 2]! - bl!) < 60)
              n++;
          return n;
        },
        [variable, from, to] as const,
      );
    const { page, errors } = await openPage(browser, harness.url("dashboard"));
    const s = stats(1);
    const n = s.series.length;
    // Two busy seconds far apart, one request each: average and max are the same number. A busier
    // last second lifts the axis, so that line runs mid-height, well below the legend.
    const series = s.series.map((p, i) =>
      i === Math.floor(n * 0.2) || i === Math.floor(n * 0.8)
        ? { ...p, avgMs: 120, maxMs: 120, count: 1 }
        : i === n - 1
          ? { ...p, avgMs: 60, maxMs: 240, count: 4 }
          : { ...p, avgMs: null, maxMs: null, count: 0 },
    );
    await deliver(page, { type: "dashboard/snapshot", stats: { ...s, series }, server } satisfies DashboardToPage);
    const avg = await pixels("--vscode-charts-blue", 0.4, 0.6);
    const max = await pixels("--vscode-charts-orange", 0.4, 0.6);
    assert.ok(avg > 20, `a line joins the two points across the idle middle (${avg} Average pixels there)`);
    assert.ok(max > 20, `Max is drawn over the equal Average, not hidden behind it (${max} Max pixels there)`);
    const legend = await page.$eval("#db-chart-latency", (c) => c.getAttribute("aria-label"));
    assert.match(legend ?? "", /Latency over Time: 3 active seconds/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("draws the three charts with chart.js", async () => {
    const { page, errors } = await openPage(browser, harness.url("dashboard"));
    const empty: Record<string, number> = {};
    for (const id of ["methods", "status", "latency"]) empty[id] = await paintedPixels(page, `#db-chart-${id}`); // axes only
    assert.equal(empty.methods, 0, "no doughnut before data");
    await deliver(page, { type: "dashboard/snapshot", stats: stats(120), server } satisfies DashboardToPage);
    for (const id of ["methods", "status", "latency"]) {
      const box = await page.locator(`#db-chart-${id}`).boundingBox();
      assert.ok(box && box.width > 100 && box.height > 100, `${id} canvas has a size: ${JSON.stringify(box)}`);
      const painted = await paintedPixels(page, `#db-chart-${id}`);
      assert.ok(painted > empty[id]! + 1000, `${id}: chart.js drew ${painted} pixels (${empty[id]} before data)`);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal overflow (${overflow}px)`);
    const [methodsBox, statusBox] = [
      await page.locator("#db-chart-methods").boundingBox(),
      await page.locator("#db-chart-status").boundingBox(),
    ];
    assert.ok(methodsBox!.x + methodsBox!.width <= statusBox!.x, "methods and status charts side by side");
    assert.match((await page.getAttribute("#db-chart-methods", "aria-label")) ?? "", /POST \d+, GET \d+/);
    assert.match((await page.getAttribute("#db-chart-status", "aria-label")) ?? "", /200: \d+, 429: \d+, 500: \d+/);
    await page.screenshot({ path: join(shots, "dashboard-light.png"), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("pause keeps receiving without redrawing; resume catches up", async () => {
    const { page } = await openPage(browser, harness.url("dashboard"));
    await deliver(page, { type: "dashboard/snapshot", stats: stats(50), server } satisfies DashboardToPage);
    const before = { total: await text(page, "total"), chart: await dataUrl(page, "#db-chart-status") };
    await page.click("#db-pause");
    assert.equal(await page.getAttribute("#db-pause", "aria-pressed"), "true");
    await deliver(page, { type: "stats/update", stats: stats(80) } satisfies DashboardToPage);
    await deliver(page, { type: "stats/update", stats: stats(90, 503) } satisfies DashboardToPage);
    assert.equal(await text(page, "total"), before.total, "numbers frozen while paused");
    assert.equal(await dataUrl(page, "#db-chart-status"), before.chart, "chart frozen while paused");
    assert.match((await page.textContent("#db-status")) ?? "", /Paused: 2 updates waiting/);
    await page.click("#db-pause");
    assert.equal(await page.getAttribute("#db-pause", "aria-pressed"), "false");
    assert.equal(await text(page, "total"), "92");
    assert.notEqual(await dataUrl(page, "#db-chart-status"), before.chart);
    assert.match((await page.getAttribute("#db-chart-status", "aria-label")) ?? "", /503: 1/);
    await page.close();
  });

  it("keeps the pause across a reload and still draws the first snapshot", async () => {
    const { page } = await openPage(browser, harness.url("dashboard"));
    await page.click("#db-pause");
    await page.reload();
    await page.waitForFunction(() => window.__mockGptFakeHost?.sent.some((m) => m.type === "ready"));
    assert.equal(await page.getAttribute("#db-pause", "aria-pressed"), "true");
    await deliver(page, { type: "dashboard/snapshot", stats: stats(30), server } satisfies DashboardToPage);
    assert.equal(await text(page, "total"), "31");
    await deliver(page, { type: "stats/update", stats: stats(40) } satisfies DashboardToPage);
    assert.equal(await text(page, "total"), "31");
    await page.close();
  });

  it("refreshes from the keyboard and the button", async () => {
    const { page } = await openPage(browser, harness.url("dashboard"));
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "db-refresh");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "db-pause");
    await page.keyboard.press("Space");
    assert.equal(await page.getAttribute("#db-pause", "aria-pressed"), "true");
    assert.deepEqual(
      (await sent(page)).map((m) => m.type),
      ["ready", "stats/refresh"],
    );
    // An explicit refresh draws even while paused.
    await page.click("#db-refresh");
    await deliver(page, { type: "stats/update", stats: stats(10) } satisfies DashboardToPage);
    assert.equal(await text(page, "total"), "11");
    await page.close();
  });

  it("lists each client's rate-limit standing, hostile labels as text", async () => {
    const { page, errors } = await openPage(browser, harness.url("dashboard"));
    assert.match((await page.textContent("#db-limits")) ?? "", /Waiting for data/);
    const hostile = `<img src=x onerror="window.__pwned=1">`;
    const rateLimits: RateLimitSnapshot = {
      at: NOW,
      enforced: true,
      requestsPerMinute: 30,
      tokensPerMinute: 10_000,
      models: {},
      clients: [
        {
          client: { id: "cn:evil", label: hostile, kind: "certificate" },
          model: "gpt-4o-mini",
          limitRequests: 30,
          remainingRequests: 0,
          resetRequests: "2s",
          resetRequestsMs: 2000,
          limitTokens: 10_000,
          remainingTokens: 9_500,
          resetTokens: "3s",
          resetTokensMs: 3000,
          refused: 4,
          idleMs: 10,
        },
      ],
    };
    await deliver(page, { type: "dashboard/snapshot", stats: stats(5), server, rateLimits } satisfies DashboardToPage);
    const cells = await page.$$eval(
      '#db-limits-grid vscode-data-grid-row[data-client="cn:evil"] vscode-data-grid-cell',
      (cs) => cs.map((c) => c.textContent?.trim()),
    );
    assert.deepEqual(cells, [hostile, "gpt-4o-mini", "0 / 30", "9,500 / 10,000", "3s", "4"]);
    assert.equal(await page.$$eval("#db-limits img", (x) => x.length), 0, "the label is text, not markup");
    assert.equal(await page.evaluate(() => (window as { __pwned?: number }).__pwned), undefined);
    assert.match((await page.textContent("#db-limits-summary")) ?? "", /enforced.*30 req\/min/);
    // The toolkit's own rowsData path renders values as text too (our wrapper builds rows itself).
    await page.evaluate((img) => {
      const g = document.createElement("vscode-data-grid") as HTMLElement & { rowsData: object[] };
      g.id = "rows-data-probe";
      g.rowsData = [{ name: img, value: "<b>bold</b>" }];
      document.getElementById("app")!.append(g);
    }, hostile);
    const probe = page.locator('#rows-data-probe vscode-data-grid-row:not([row-type="header"]) vscode-data-grid-cell');
    await page.locator('#rows-data-probe vscode-data-grid-row[row-type="header"]').waitFor();
    await probe.first().waitFor();
    assert.deepEqual(
      (await probe.allTextContents()).map((t) => t.trim()),
      [hostile, "<b>bold</b>"],
    );
    assert.equal(await page.locator("#rows-data-probe img, #rows-data-probe b").count(), 0);
    await page.evaluate(() => document.getElementById("rows-data-probe")!.remove());
    await deliver(page, {
      type: "stats/update",
      stats: stats(6),
      rateLimits: { ...rateLimits, enforced: false, clients: [] },
    } satisfies DashboardToPage);
    assert.equal(await page.$$eval("#db-limits-grid", (x) => x.length), 0);
    assert.match((await page.textContent("#db-limits-empty")) ?? "", /No client/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("recolours the charts when the theme changes, and screenshots dark and high contrast", async () => {
    const { page, errors } = await openPage(browser, harness.url("dashboard", "dark"));
    await deliver(page, { type: "dashboard/snapshot", stats: stats(120), server } satisfies DashboardToPage);
    await page.screenshot({ path: join(shots, "dashboard-dark.png"), fullPage: true });
    const dark = await dataUrl(page, "#db-chart-latency");
    await page.evaluate(() => document.body.classList.replace("vscode-dark", "vscode-high-contrast"));
    await page.waitForFunction(
      (prev) => (document.querySelector("#db-chart-latency") as HTMLCanvasElement).toDataURL() !== prev,
      dark,
    );
    await page.screenshot({ path: join(shots, "dashboard-high-contrast.png"), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
