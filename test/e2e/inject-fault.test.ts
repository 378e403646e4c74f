// Test control in a real VS Code: the status-bar picker lists the new built-in scenarios, "Mock GPT:
// Inject Fault…" queues a 503 for the next request, the official SDK gets it, and the Requests
// inspector shows the fault on that entry and filters by it.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { FrameLocator, Locator } from "playwright-core";
import { APIError } from "openai";
import { extensionVsix, freePort, skipWithoutVsix, withWorkbench, type Workbench } from "./harness";
import { waitForWorkspaceCerts, withClient } from "./client";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function eventually<T>(what: string, read: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      if (check(last)) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: not true within ${timeoutMs} ms (last: ${JSON.stringify(last)}, ${String(lastError)})`);
    await sleep(250);
  }
}

const requestList = (frame: FrameLocator): Locator =>
  frame
    .getByRole("listbox", { name: "Requests" })
    .or(frame.getByRole("grid", { name: "Requests" }))
    .first();
const requestRows = (frame: FrameLocator): Locator =>
  requestList(frame)
    .getByRole("option")
    .or(requestList(frame).getByRole("row").filter({ hasText: "/v1/" }));

async function showInspector(wb: Workbench): Promise<FrameLocator> {
  const deadline = Date.now() + 45_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await wb.runCommand("View: Show Mock GPT", 10_000);
      const frame = await wb.webviewFrame(/^Requests$/, 8_000);
      await requestList(frame).waitFor({ state: "visible", timeout: 8_000 });
      return frame;
    } catch (e) {
      lastError = e;
      await sleep(500);
    }
  }
  throw new Error(`the Requests view did not show: ${String(lastError)}`);
}

test(
  "e2e: Inject Fault… queues a 503 that the SDK gets and the inspector shows and filters; the picker lists the new built-ins",
  { skip: skipWithoutVsix, timeout: 300_000 },
  async () => {
    const port = await freePort();
    await withWorkbench(
      { name: "inject-fault", vsix: [extensionVsix], settings: { "mockGpt.port": port, "mockGpt.autoStart": false } },
      async (wb) => {
        await wb.runCommand("Mock GPT: Start Server");
        await wb.waitForNotification(/certificate/i);
        await wb.clickNotificationButton("Generate Certificates");
        await wb.waitForStatusBarText(/Mock GPT.*normal/, 60_000);

        // The status-bar picker lists the new built-ins.
        await wb.clickStatusBar(/Mock GPT.*normal/);
        const labels = await wb.quickInputLabels();
        for (const name of ["realistic", "rate-limited", "flaky-stream"])
          assert.ok(
            labels.some((l) => l.includes(name)),
            `picker lists ${name}: ${labels.join(" | ")}`,
          );
        await wb.closeQuickInput();

        // Inject Fault…: pick the 503, then ask for 1 request.
        await wb.runCommand("Mock GPT: Inject Fault…", 30_000, { mayOpenQuickInput: true });
        const row = wb
          .quickInputRows()
          .filter({ has: wb.page.locator(".label-name", { hasText: /^503 overloaded$/ }) })
          .first();
        await row.waitFor({ state: "visible", timeout: 15_000 });
        await row.click();
        const input = wb.page.locator(".quick-input-widget input.input");
        await eventually(
          "the count input box",
          async () => (await input.inputValue()).trim(),
          (v) => v === "1",
          10_000,
        );
        await wb.page.keyboard.press("Enter");
        await wb.waitForNotification(/503 overloaded queued for the next request/);

        // The next request gets it; the one after does not.
        const tls = await waitForWorkspaceCerts(wb.workspace);
        await withClient(port, tls, async (client) => {
          await assert.rejects(
            client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }),
            (e: unknown) => e instanceof APIError && e.status === 503,
          );
          const ok = await client.chat.completions.create({
            model: "gpt-4o-mini",
            messages: [{ role: "user", content: "hi again" }],
          });
          assert.equal(ok.object, "chat.completion");
        });

        // The inspector shows the fault on the failed entry, and the control filter finds it alone.
        const inspector = await showInspector(wb);
        const rows = requestRows(inspector);
        const texts = await eventually(
          "two chat rows, one with the fault",
          async () => (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, " ")),
          (r) => r.length === 2 && r.some((t) => t.includes("HTTP 503 overloaded (queued)")),
        );
        assert.ok(
          texts.some((t) => t.includes("HTTP 503 overloaded (queued)")),
          `fault badge in the row: ${texts.join(" | ")}`,
        );
        await inspector.getByRole("textbox", { name: "Scenario, fault or rule contains" }).fill("overloaded");
        await eventually(
          "the control filter keeps only the faulted entry",
          async () => (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, " ")),
          (r) => r.length === 1 && r[0]!.includes("503"),
        );
        await wb.screenshot("inspector-fault-filter");
      },
    );
  },
);
