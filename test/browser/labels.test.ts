// Every label a user reads as a name (buttons, headings, card and table labels, column headers,
// region names) on the dashboard and health pages is in Title Case, and the inspector's Clear
// button says that it resets the statistics too.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { HealthSnapshot } from "../../src/core/health";
import { realHealthSnapshot } from "../helpers/healthServer";
import { StatsTracker } from "../../src/core/stats";
import type { DashboardToPage } from "../../src/shared/pages/dashboard/protocol";
import type { HealthToPage } from "../../src/shared/pages/health/protocol";
import { launchChromium } from "../helpers/chromium";
import { deliver, openPage, startPageHarness, type PageHarness } from "./pageHarness";
import { titleCaseProblem } from "./titleCase";

/** The label texts on the page: own text only, so a heading's summary span does not count. */
async function labels(page: Page): Promise<string[]> {
  // tsx keeps function names with an __name helper the page does not have.
  await page.evaluate("globalThis.__name ??= (f) => f");
  return page.evaluate(() => {
    const own = (e: Element) =>
      [...e.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join("")
        .trim();
    const out: string[] = [];
    for (const e of document.querySelectorAll(
      "vscode-button, button, h1, h2, h3, th, .db-card__label, vscode-data-grid-cell[cell-type='columnheader']",
    ))
      out.push(own(e));
    for (const e of document.querySelectorAll("section[aria-label], [role='region'][aria-label]"))
      out.push(e.getAttribute("aria-label") ?? "");
    return out.filter(Boolean);
  });
}

describe("labels in Title Case (browser)", () => {
  let browser: Browser;
  let harness: PageHarness;
  let health: HealthSnapshot;
  const tmp = mkdtempSync(join(tmpdir(), "mock-gpt-labels-"));

  before(async () => {
    health = await realHealthSnapshot(tmp, 12);
    harness = await startPageHarness();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await harness?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("the checker accepts Title Case and rejects sentence case", () => {
    for (const ok of [
      "Use Another Port",
      "Latency over Time",
      "Rate Limits per Client",
      "Set By",
      "Latency p50",
      "TLS",
    ])
      assert.equal(titleCaseProblem(ok), null, ok);
    for (const bad of ["Use another port", "Error rate", "Latency Over Time", "Set by"])
      assert.notEqual(titleCaseProblem(bad), null, bad);
  });

  it("dashboard: every label", async () => {
    const { page, errors } = await openPage(browser, harness.url("dashboard"));
    await deliver(page, {
      type: "dashboard/snapshot",
      stats: new StatsTracker().snapshot(),
      server: { state: "running", url: "https://127.0.0.1:8443", scenario: "normal" },
      rateLimits: {
        at: Date.now(),
        enforced: true,
        requestsPerMinute: 3,
        tokensPerMinute: 100,
        models: {},
        clients: [
          {
            client: { id: "cn:a", label: "a", kind: "certificate" },
            model: "gpt-4o-mini",
            limitRequests: 3,
            remainingRequests: 1,
            resetRequests: "1s",
            resetRequestsMs: 1000,
            limitTokens: 100,
            remainingTokens: 50,
            resetTokens: "1s",
            resetTokensMs: 1000,
            refused: 0,
            idleMs: 1,
          },
        ],
      },
    } satisfies DashboardToPage);
    await page.waitForSelector("#db-limits-grid vscode-data-grid-cell[cell-type='columnheader']");
    const found = await labels(page);
    assert.ok(found.length > 25, `labels found: ${found.join(" | ")}`);
    assert.ok(found.includes("Server & Injected Errors") && found.includes("Requests Left"), found.join(" | "));
    assert.deepEqual(found.map(titleCaseProblem).filter(Boolean), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("health: every label", async () => {
    const { page, errors } = await openPage(browser, harness.url("health"));
    await deliver(page, { type: "health/snapshot", health } satisfies HealthToPage);
    await page.waitForSelector("#hp-config-table vscode-data-grid-cell[cell-type='columnheader']");
    const found = await labels(page);
    assert.ok(found.length > 25, `labels found: ${found.join(" | ")}`);
    assert.ok(found.includes("Effective Configuration") && found.includes("Set By"), found.join(" | "));
    assert.deepEqual(found.map(titleCaseProblem).filter(Boolean), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("the inspector's Clear says it resets the statistics too", async () => {
    const { page } = await openPage(browser, harness.url("inspector"));
    const clear = page.locator("#clear");
    assert.equal((await clear.textContent())?.trim(), "Clear Requests and Stats");
    assert.match((await clear.getAttribute("title")) ?? "", /request log and reset the dashboard's statistics/);
    await page.close();
  });
});
