// WCAG AA for status colours: every ok/warning/error/info text and badge on the dashboard, health
// and inspector pages, measured as rendered (computed colour against the background really behind
// it, translucent layers composited), at least 4.5:1. Twice over: inside VS Code with its real
// default themes' token values, and on /ui with styles.css's own fallbacks.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { HealthSnapshot } from "../../src/core/health";
import { realHealthSnapshot } from "../helpers/healthServer";
import { RequestLog } from "../../src/core/log/requestLog";
import { StatsTracker } from "../../src/core/stats";
import type { DashboardToPage } from "../../src/shared/pages/dashboard/protocol";
import type { HealthToPage } from "../../src/shared/pages/health/protocol";
import { summarize } from "../../src/shared/pages/inspector/protocol";
import type { RateLimitSnapshot } from "../../src/shared/rateLimits";
import type { LogEntry } from "../../src/shared/requestLog";
import { launchChromium } from "../helpers/chromium";
import { httpEntry, streamEntry, tlsEntry } from "./inspectorFixtures";
import { deliver, openPage, startPageHarness, type PageHarness, type ThemeKind } from "./pageHarness";
import { VSCODE_THEMES } from "./vscodeThemes";

const AA = 4.5;
const STATUS_SELECTOR = [
  ".mg-tone-success",
  ".mg-tone-warning",
  ".mg-tone-error",
  ".mg-tone-info",
  ".mg-error",
  ".mg-warning",
  ".mg-muted",
  ".hp-banner",
  "vscode-tag.mg-badge",
].join(", ");

interface Measured {
  selector: string;
  text: string;
  fg: string;
  bg: string;
  ratio: number;
  /** For list rows: the ratio when the pointer hovers the row. */
  hover: number | null;
}

/** Runs in the page: every visible status element's contrast against what is behind it. */
function measureInPage(selector: string): Measured[] {
  type RGBA = [number, number, number, number];
  const parse = (c: string): RGBA => {
    const m = c.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
    return [m[0]!, m[1]!, m[2]!, m.length > 3 ? m[3]! : 1];
  };
  const over = (top: RGBA, under: RGBA): RGBA => {
    const a = top[3] + under[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const mix = (i: number) => (top[i]! * top[3] + under[i]! * under[3] * (1 - top[3])) / a;
    return [mix(0), mix(1), mix(2), a];
  };
  const lum = ([r, g, b]: RGBA) => {
    const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a: RGBA, b: RGBA) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x! + 0.05) / (y! + 0.05);
  };
  const parentOf = (n: Element): Element | null =>
    n.parentElement ?? ((n.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
  /** Background layers from the element up to the root, composited; the canvas is white. */
  const backdrop = (from: Element, extra?: RGBA): RGBA => {
    const layers: RGBA[] = [];
    for (let n: Element | null = from; n; n = parentOf(n)) layers.push(parse(getComputedStyle(n).backgroundColor));
    let bg: RGBA = [255, 255, 255, 1];
    for (const l of layers.reverse()) bg = over(l, bg);
    return extra ? over(extra, bg) : bg;
  };
  const hex = (c: RGBA) =>
    "#" +
    c
      .slice(0, 3)
      .map((v) => Math.round(v).toString(16).padStart(2, "0"))
      .join("");
  const out: Measured[] = [];
  for (const el of document.querySelectorAll(selector)) {
    const text = (el.textContent ?? "").trim();
    if (!text || el.getClientRects().length === 0) continue;
    // A toolkit tag draws its text in its shadow part.
    const painted = el.shadowRoot?.querySelector(".control") ?? el;
    const bg = backdrop(painted);
    const fg = over(parse(getComputedStyle(painted).color), bg);
    const row = el.closest(".mg-vlist__row");
    let hover: number | null = null;
    if (row && row.getAttribute("aria-selected") !== "true") {
      // The token may be hex or rgba(): let the browser resolve it.
      const probe = document.createElement("div");
      probe.style.backgroundColor = "var(--vscode-list-hoverBackground, transparent)";
      row.append(probe);
      const hoverBg = parse(getComputedStyle(probe).backgroundColor);
      probe.remove();
      const hovered = backdrop(painted, hoverBg[3] ? hoverBg : undefined);
      hover = ratio(over(parse(getComputedStyle(painted).color), hovered), hovered);
    }
    const cls =
      [...el.classList].find((c) => /^mg-(tone|badge--|error|warning|muted)|^hp-banner/.test(c)) ?? el.tagName;
    out.push({ selector: cls, text: text.slice(0, 40), fg: hex(fg), bg: hex(bg), ratio: ratio(fg, bg), hover });
  }
  return out;
}

async function measure(page: Page): Promise<Measured[]> {
  // tsx keeps function names with an __name helper the page does not have.
  await page.evaluate("globalThis.__name ??= (f) => f");
  return page.evaluate(measureInPage, STATUS_SELECTOR);
}

function failures(where: string, measured: Measured[]): string[] {
  return measured.flatMap((m) => {
    const bad: string[] = [];
    if (m.ratio < AA) bad.push(`${where}: .${m.selector} "${m.text}" ${m.fg} on ${m.bg} is ${m.ratio.toFixed(2)}:1`);
    if (m.hover !== null && m.hover < AA)
      bad.push(`${where}: .${m.selector} "${m.text}" on a hovered row is ${m.hover.toFixed(2)}:1`);
    return bad;
  });
}

/** Sets the theme's variables on <html>, as VS Code's webview host does. */
async function applyVsCodeTheme(page: Page, colors: Record<string, string>): Promise<void> {
  await page.evaluate((c) => {
    for (const [k, v] of Object.entries(c)) document.documentElement.style.setProperty(`--vscode-${k}`, v);
  }, colors);
}

function dashboardMessage(): DashboardToPage {
  const now = Date.now();
  const log = new RequestLog({ capacity: 100 });
  const stats = new StatsTracker({ now: () => now });
  stats.attach(log);
  for (const [i, status] of [200, 200, 404, 500].entries()) {
    const e = log.add({ ...httpEntry({ id: `d${i}`, time: now - 2000, durationMs: null, status: null }) });
    log.update(e.id, (x) => ((x.status = status), (x.durationMs = 30)));
  }
  const rateLimits: RateLimitSnapshot = {
    at: now,
    enforced: true,
    requestsPerMinute: 3,
    tokensPerMinute: 1000,
    models: {},
    clients: [
      {
        client: { id: "cn:a", label: "client-a", kind: "certificate" },
        model: "gpt-4o-mini",
        limitRequests: 3,
        remainingRequests: 0,
        resetRequestsMs: 1000,
        resetRequests: "1s",
        limitTokens: 1000,
        remainingTokens: 0,
        resetTokensMs: 1000,
        resetTokens: "1s",
        refused: 2,
        idleMs: 5,
      },
    ],
  };
  return {
    type: "dashboard/snapshot",
    stats: stats.snapshot(),
    server: { state: "running", url: "https://127.0.0.1:8443", scenario: "normal" },
    rateLimits,
  };
}

const inspectorEntries = (): LogEntry[] => [
  httpEntry(),
  httpEntry({ status: 404 }),
  httpEntry({ status: 429, fault: "HTTP 429 rate_limit_exceeded (x-mock-fault)" }),
  httpEntry({ status: 500 }),
  streamEntry(),
  httpEntry({ status: null, durationMs: null }),
  tlsEntry(),
];

describe("status colour contrast, WCAG AA (browser)", () => {
  let browser: Browser;
  let harness: PageHarness;
  let health: HealthSnapshot;
  const tmp = mkdtempSync(join(tmpdir(), "mock-gpt-contrast-"));

  before(async () => {
    // A real snapshot whose server certificate expires in 12 days (the warning banner and badge).
    const snap = await realHealthSnapshot(tmp, 12);
    health = { ...snap, server: { ...snap.server, lastError: { code: "EADDRINUSE", message: "port busy" } } };
    harness = await startPageHarness();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await harness?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  /** Opens the three pages in one theme, fills them with every status, and measures. */
  async function measureAll(theme: ThemeKind, host: "vscode" | "browser", colors?: Record<string, string>) {
    const where = (p: string) => `${host === "vscode" ? "VS Code" : "/ui"} ${theme} ${p}`;
    const found: Measured[] = [];
    const bad: string[] = [];
    const run = async (name: "dashboard" | "health" | "inspector", fill: (page: Page) => Promise<void>) => {
      const { page, errors } = await openPage(browser, harness.url(name, theme, host));
      if (colors) await applyVsCodeTheme(page, colors);
      await fill(page);
      const m = await measure(page);
      found.push(...m);
      bad.push(...failures(where(name), m));
      assert.deepEqual(errors, [], `${where(name)}: no page errors`);
      await page.close();
    };
    await run("dashboard", async (page) => {
      await deliver(page, dashboardMessage());
      // A second pass with the failed state: its badge is the error tone.
      const running = await measure(page);
      found.push(...running);
      bad.push(...failures(where("dashboard (running)"), running));
      await deliver(page, { type: "server/status", server: { state: "failed", url: null, scenario: "normal" } });
    });
    await run("health", (page) => deliver(page, { type: "health/snapshot", health } satisfies HealthToPage));
    await run("inspector", async (page) => {
      const entries = inspectorEntries();
      await deliver(page, {
        type: "requests/snapshot",
        entries: entries.map(summarize),
        context: { serverUrl: "https://127.0.0.1:8443", clientTls: null, capacity: 1000 },
      });
      await page.waitForSelector(".mg-vlist__row");
    });
    return { found, bad };
  }

  /** Every tone is present, so a page that stopped rendering one cannot pass by having nothing to check. */
  function assertCoverage(found: Measured[], label: string): void {
    const kinds = new Set(found.map((m) => m.selector));
    for (const k of [
      "mg-tone-success",
      "mg-tone-warning",
      "mg-tone-error",
      "mg-error",
      "mg-warning",
      "mg-muted",
      "hp-banner",
      "mg-badge--success",
      "mg-badge--error",
      "mg-badge--warning",
    ])
      assert.ok(kinds.has(k), `${label}: no ${k} element was measured (found: ${[...kinds].join(", ")})`);
  }

  for (const theme of VSCODE_THEMES)
    it(`VS Code ${theme.name}: every status colour is at least 4.5:1`, async () => {
      const { found, bad } = await measureAll(theme.kind, "vscode", theme.colors);
      assertCoverage(found, theme.name);
      assert.deepEqual(bad, []);
    });

  for (const theme of ["light", "dark", "high-contrast", "high-contrast-light"] as const)
    it(`/ui ${theme} fallbacks: every status colour is at least 4.5:1`, async () => {
      const { found, bad } = await measureAll(theme, "browser");
      assertCoverage(found, theme);
      assert.deepEqual(bad, []);
    });

  it("the check fails on Light Modern's own testing.iconPassed (#73c991), the colour the issue measured", async () => {
    const light = VSCODE_THEMES.find((t) => t.name === "Light Modern")!;
    const { page } = await openPage(browser, harness.url("inspector", "light", "vscode"));
    await applyVsCodeTheme(page, light.colors);
    await page.evaluate(() => document.body.style.setProperty("--mg-ok", "var(--vscode-testing-iconPassed)"));
    await deliver(page, {
      type: "requests/snapshot",
      entries: [summarize(httpEntry())],
      context: { serverUrl: "https://127.0.0.1:8443", clientTls: null, capacity: 1000 },
    });
    await page.waitForSelector(".mg-tone-success");
    const bad = failures("old colours", await measure(page));
    assert.match(bad[0] ?? "", /mg-tone-success "200" #73c991 on #f8f8f8 is 1\.88:1/, bad.join("\n"));
    await page.close();
  });
});
