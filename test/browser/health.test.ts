import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import type { HealthSnapshot } from "../../src/core/health";
import { realHealthSnapshot } from "../helpers/healthServer";
import type { HealthToPage } from "../../src/shared/pages/health/protocol";
import { artifactsDir, launchChromium } from "../helpers/chromium";
import { deliver, openPage, sent, startPageHarness, type PageHarness } from "./pageHarness";

const XSS = ["<script>window.__xss=1</script>", '<img src=x onerror="window.__xss=1">', "javascript:window.__xss=1"];

describe("health page (browser, fake host)", () => {
  let browser: Browser;
  let harness: PageHarness;
  const shots = artifactsDir("browser");
  const tmp = mkdtempSync(join(tmpdir(), "mock-gpt-health-page-"));
  /** Real snapshots of a running server: certificates valid for 12 days (warning) and for 400 (none). */
  const snapshots: Record<"expiring" | "fine", HealthSnapshot> = {} as never;

  before(async () => {
    for (const [name, days] of [
      ["expiring", 12],
      ["fine", 400],
    ] as const) {
      snapshots[name] = await realHealthSnapshot(join(tmp, name), days, new Date(Date.now() + 3_723_000));
    }
    harness = await startPageHarness();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await harness?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("shows a visible certificate warning under 30 days left", async () => {
    const { page, errors } = await openPage(browser, harness.url("health"));
    await deliver(page, { type: "health/snapshot", health: snapshots.expiring } satisfies HealthToPage);
    const banner = page.locator("#hp-warnings");
    assert.ok(await banner.isVisible());
    assert.match((await banner.textContent()) ?? "", /Server certificate: Expires in 1[12] days/);
    const days = page.locator('[data-cert="server"] .hp-days');
    assert.match((await days.textContent()) ?? "", /^1[12]$/);
    assert.equal(await days.evaluate((e) => e.classList.contains("mg-warning")), true);
    assert.equal(await page.textContent('[data-cert="server"] .mg-badge--warning'), "expires soon");
    assert.match((await page.textContent('[data-cert="server"]')) ?? "", /Subject.*CN=.*Issuer.*Mock GPT Local CA/s);
    await page.screenshot({ path: join(shots, "health-light.png"), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("shows no warning at 30 days or more, and hides a previous one", async () => {
    const { page } = await openPage(browser, harness.url("health"));
    await deliver(page, { type: "health/snapshot", health: snapshots.expiring } satisfies HealthToPage);
    await deliver(page, { type: "health/update", health: snapshots.fine } satisfies HealthToPage);
    assert.equal(await page.locator("#hp-warnings").isVisible(), false);
    assert.equal(await page.locator('[data-cert="server"] .hp-days.mg-warning').count(), 0);
    await page.close();
  });

  it("lists the effective configuration with the source of each value", async () => {
    const { page } = await openPage(browser, harness.url("health", "dark"));
    await deliver(page, { type: "health/snapshot", health: snapshots.fine } satisfies HealthToPage);
    const rows = page.locator('#hp-config-table vscode-data-grid-row:not([row-type="header"])');
    assert.equal(await rows.count(), snapshots.fine.config.length);
    const cells = (key: string) =>
      page.$$eval(`#hp-config-table vscode-data-grid-row[data-key="${key}"] vscode-data-grid-cell`, (tds) =>
        tds.map((td) => td.textContent),
      );
    assert.deepEqual(await cells("server.port"), ["server.port", "0", "env", "MOCK_GPT_SERVER_PORT"]);
    const host = await cells("server.host");
    assert.equal(host[2], "default");
    assert.match(host[3] ?? "", /default\.toml$/);
    assert.match(
      (await page.textContent("#hp-server")) ?? "",
      /State\s*running.*Bound Address\s*127\.0\.0\.1:\d+.*Uptime\s*1h 2m/s,
    );
    assert.match((await page.textContent("#hp-tls")) ?? "", /Mutual TLS/);
    assert.match((await page.textContent("#hp-memory")) ?? "", /RSS\s*\d+(\.\d)? MiB/);
    // The CLI serves this page too: the label must not claim VS Code's extension host.
    assert.doesNotMatch((await page.textContent("#hp-memory")) ?? "", /extension host/i);
    await page.screenshot({ path: join(shots, "health-dark.png"), fullPage: true });
    await page.close();
  });

  it("renders hostile strings as inert text", async () => {
    const { page } = await openPage(browser, harness.url("health"));
    const h: HealthSnapshot = structuredClone(snapshots.expiring);
    h.config[0]!.value = XSS.join(" ");
    h.config[1]!.origin = XSS[1]!;
    h.scenario.description = XSS[0]!;
    h.tls.certificates[0]!.info!.subject = XSS[2]!;
    h.tls.certificates[0]!.warning = XSS[1]!;
    await deliver(page, { type: "health/snapshot", health: h } satisfies HealthToPage);
    assert.equal(await page.evaluate(() => (window as { __xss?: number }).__xss), undefined);
    assert.equal(await page.locator("#app script, #app img, #app a").count(), 0);
    const text = (await page.textContent("#app")) ?? "";
    for (const payload of XSS) assert.ok(text.includes(payload), `shown as text: ${payload}`);
    await page.close();
  });

  it("refreshes from the keyboard", async () => {
    const { page } = await openPage(browser, harness.url("health"));
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "hp-refresh");
    await page.keyboard.press("Enter");
    assert.deepEqual(
      (await sent(page)).map((m) => m.type),
      ["ready", "health/refresh"],
    );
    await page.close();
  });
});
