// The Requests view in a real VS Code (code-server), as a user meets it: while the server is off the
// view's welcome shows a Start Server button, and clicking it really starts the server (the SDK then
// gets answers over mTLS); a request's detail opens in an editor tab beside the code with Open in
// Editor, reads the same entry there, and follows when another request is chosen in the side bar;
// Mock GPT: Open Request in Editor reopens it on the chosen request. The tab is titled after the request.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import type { FrameLocator, Locator } from "playwright-core";
import { extensionVsix, freePort, skipWithoutVsix, withWorkbench, type Workbench } from "./harness";
import { waitForWorkspaceCerts, withClient } from "./client";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const text = async (l: Locator) => ((await l.innerText({ timeout: 5_000 })) ?? "").trim();

/** Polls `read` until `check` accepts it; errors (a frame being replaced) count as "not yet". */
async function eventually<T>(what: string, read: () => Promise<T>, check: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T | undefined;
  let error: unknown;
  for (;;) {
    try {
      last = await read();
      if (check(last)) return last;
    } catch (e) {
      error = e;
    }
    if (Date.now() > deadline)
      throw new Error(
        `${what}: not true within ${ms} ms (last: ${JSON.stringify(last)?.slice(0, 400)}, ${String(error)})`,
      );
    await sleep(250);
  }
}

/** Shows the Mock GPT side bar and returns the Requests webview, retrying the palette command. */
async function showRequests(wb: Workbench, timeoutMs = 45_000): Promise<FrameLocator> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await wb.runCommand("View: Show Mock GPT", 10_000);
      const frame = await wb.webviewFrame(/^Requests$/, 8_000);
      await frame.locator("#count").waitFor({ state: "attached", timeout: 8_000 });
      return frame;
    } catch (e) {
      lastError = e;
      await sleep(500);
    }
  }
  throw new Error(`the Requests view did not show: ${String(lastError)}`);
}

test(
  "e2e: the Requests view's Start Server button starts the server; Open in Editor shows the detail in an editor tab that follows the side bar",
  { skip: skipWithoutVsix, timeout: 300_000 },
  async () => {
    const port = await freePort();
    const marker = `e2e-editor-${randomUUID().slice(0, 8)}`;
    await withWorkbench(
      {
        name: "inspector-editor",
        vsix: [extensionVsix],
        settings: { "mockGpt.port": port, "mockGpt.autoStart": false },
      },
      async (wb) => {
        // 1. The server is off: the view's welcome offers Start Server, and it really starts it.
        let requests = await showRequests(wb);
        const start = requests.locator("#welcome-start");
        await start.waitFor({ state: "visible", timeout: 20_000 });
        assert.match(await text(requests.locator("#welcome")), /not running/);
        await wb.screenshot("welcome-start");
        await start.click({ timeout: 10_000 });
        // A fresh folder has no certificates: the start asks for them first.
        await wb.waitForNotification(/certificate/i, 30_000);
        await wb.clickNotificationButton("Generate Certificates");
        const status = await wb.waitForStatusBarText(new RegExp(`Mock GPT.*:${port}`), 60_000);
        assert.match(status, new RegExp(`:${port}`), `the status bar shows the port (${status})`);
        const tls = await waitForWorkspaceCerts(wb.workspace);
        await withClient(port, tls, async (client) => {
          const models = await client.models.list();
          assert.ok(models.data.length > 0, "the server started by the welcome button answers the SDK");
          for (const n of [1, 2])
            await client.chat.completions.create({
              model: "gpt-4o-mini",
              messages: [{ role: "user", content: `${marker} request ${n}` }],
            });
        });

        // 2. The newest request's detail, opened in an editor tab from the side bar.
        requests = await showRequests(wb);
        const rows = requests.getByRole("listbox", { name: "Requests" }).getByRole("option");
        await eventually(
          "the view lists the three requests, welcome gone",
          async () => ({ n: await rows.count(), welcome: await requests.locator("#welcome").isVisible() }),
          (v) => v.n === 3 && !v.welcome,
        );
        await rows.first().click({ timeout: 10_000 });
        const sideDetail = requests.getByRole("region", { name: "Request detail" });
        await sideDetail.waitFor({ state: "visible", timeout: 10_000 });
        await sideDetail.locator("#open-in-editor").click({ timeout: 10_000 });

        // The tab is titled after the request it shows (its page keeps the generic <title>).
        const tabTitled = (title: string) => wb.page.locator(".tabs-container .tab").filter({ hasText: title });
        const editorTab = tabTitled("POST /v1/chat/completions · 200");
        await editorTab.first().waitFor({ state: "visible", timeout: 20_000 });
        const tab = await wb.webviewFrame(/^Mock GPT Request$/, 20_000);
        const detail = tab.getByRole("region", { name: "Request detail" });
        await detail.waitFor({ state: "visible", timeout: 20_000 });
        assert.match(await text(detail), /POST \/v1\/chat\/completions/);
        assert.equal(await tab.getByRole("listbox", { name: "Requests" }).count(), 0, "the tab shows the detail alone");
        await detail.getByRole("tab", { name: /^Request$/ }).click({ timeout: 10_000 });
        await eventually(
          "the editor tab reads the entry's request body",
          () => text(tab.locator("[data-part=request-body]")),
          (t) => t.includes(`${marker} request 2`),
        );
        // Beside the code: the side bar stays, with its own detail still open.
        assert.equal(await sideDetail.isVisible(), true);
        await wb.screenshot("detail-in-editor");

        // 3. Choosing another request in the side bar: the tab follows.
        requests = await showRequests(wb);
        await requests.getByRole("listbox", { name: "Requests" }).getByRole("option").nth(1).click({ timeout: 10_000 });
        const followed = await wb.webviewFrame(/^Mock GPT Request$/, 20_000);
        await followed
          .getByRole("tab", { name: /^Request$/ })
          .click({ timeout: 10_000 })
          .catch(() => {});
        await eventually(
          "the editor tab follows to the older request",
          () => text(followed.locator("[data-part=request-body]")),
          (t) => t.includes(`${marker} request 1`),
        );
        await wb.screenshot("detail-followed");

        // 4. Closed, then reopened from the palette: the tab comes back on the chosen request.
        await wb.runCommand("View: Close All Editors");
        await editorTab.first().waitFor({ state: "hidden", timeout: 10_000 });
        await wb.runCommand("Mock GPT: Open Request in Editor");
        const reopened = await wb.webviewFrame(/^Mock GPT Request$/, 20_000);
        await reopened
          .getByRole("tab", { name: /^Request$/ })
          .click({ timeout: 10_000 })
          .catch(() => {});
        await eventually(
          "the palette command reopens the tab on the chosen request",
          () => text(reopened.locator("[data-part=request-body]")),
          (t) => t.includes(`${marker} request 1`),
        );

        // 5. The tab's title follows too: choosing the models request renames it.
        requests = await showRequests(wb);
        await requests.getByRole("listbox", { name: "Requests" }).getByRole("option").nth(2).click({ timeout: 10_000 });
        await tabTitled("GET /v1/models · 200").first().waitFor({ state: "visible", timeout: 20_000 });
        assert.equal(await tabTitled("Mock GPT Request").count(), 0, "no tab keeps the generic title");
        await wb.screenshot("detail-title-followed");
      },
    );
  },
);
