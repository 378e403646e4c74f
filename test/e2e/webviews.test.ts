// The packaged extension's webviews in a real VS Code (code-server), driven like a user: start the
// server from the palette (certificates generated from the notification), open the "Mock GPT"
// side panel, call the server with the official openai SDK over mutual TLS (one plain and one
// streamed chat completion), find both in the Requests inspector, open the streamed one's detail
// (request body, chunk timeline, reassembled text), then check the Dashboard's live numbers and
// charts and the Health panel's state, URL, certificates and configuration sources.
//
// Selectors go by visible text, ARIA roles and labels (and our own data-* attributes), not by
// element tag names, so the pages can move to @vscode/webview-ui-toolkit elements unchanged.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { test } from "node:test";
import type { FrameLocator, Locator } from "playwright-core";
import { extensionVsix, freePort, skipWithoutVsix, withWorkbench, type Workbench } from "./harness";
import { readChatStream, waitForWorkspaceCerts, withClient } from "./client";

const vsix = extensionVsix;
const skip = skipWithoutVsix;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const clip = (s: string | undefined, n = 600) => (s && s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

/**
 * Polls `read` until `check` accepts its value or `timeoutMs` passes; returns the last value.
 * Errors from `read` (a frame being replaced, an element not there yet) count as "not yet".
 */
async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  check: (v: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      lastError = undefined;
      if (check(last)) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not true within ${timeoutMs} ms (last value: ${clip(JSON.stringify(last))}${lastError ? `, last error: ${String(lastError)}` : ""})`,
      );
    }
    await sleep(250);
  }
}

/** Shows the "Mock GPT" view container (activity bar, then palette as fallback) and returns the Requests webview. */
/** How each showInspector call got the view on screen, reported as a test diagnostic. */
const shownVia: string[] = [];

async function showInspector(wb: Workbench, timeoutMs = 45_000): Promise<FrameLocator> {
  const deadline = Date.now() + timeoutMs;
  const activityItem = wb.page
    .locator("#workbench\\.parts\\.activitybar")
    .getByRole("tab", { name: /^Mock GPT/ })
    .first();
  let attempt = 0;
  let lastError: unknown;
  while (Date.now() < deadline) {
    attempt++;
    let via: string;
    try {
      if (attempt % 2 === 1 && (await activityItem.isVisible())) {
        // A click on an already active container collapses the side bar: only click when not active.
        const checked =
          (await activityItem.getAttribute("aria-selected")) ?? (await activityItem.getAttribute("aria-checked"));
        if (checked !== "true") await activityItem.click({ timeout: 5_000 });
        via = checked === "true" ? "already shown" : "activity bar";
      } else {
        await wb.runCommand("View: Show Mock GPT", 10_000);
        via = "palette";
      }
      const frame = await wb.webviewFrame(/^Requests$/, 8_000);
      await requestList(frame).waitFor({ state: "visible", timeout: 8_000 });
      shownVia.push(`${via} (attempt ${attempt})`);
      return frame;
    } catch (e) {
      lastError = e;
      await sleep(500);
    }
  }
  throw new Error(`the Requests view did not show within ${timeoutMs} ms: ${String(lastError)}`);
}

/** Runs a palette command that opens a webview panel and returns that panel's frame, retrying the command if needed. */
async function openPanel(wb: Workbench, command: string, title: RegExp, timeoutMs = 45_000): Promise<FrameLocator> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await wb.runCommand(command, 15_000);
      return await wb.webviewFrame(title, 10_000);
    } catch (e) {
      lastError = e;
      await sleep(500);
    }
  }
  throw new Error(
    `${command} did not show a webview titled ${String(title)} within ${timeoutMs} ms: ${String(lastError)}`,
  );
}

/** The request list: a listbox today; a data grid labelled "Requests" would do too. */
const requestList = (frame: FrameLocator): Locator =>
  frame
    .getByRole("listbox", { name: "Requests" })
    .or(frame.getByRole("grid", { name: "Requests" }))
    .first();
/** The list's entries (options of the listbox, or rows of a grid other than the header). */
const requestRows = (frame: FrameLocator): Locator =>
  requestList(frame)
    .getByRole("option")
    .or(requestList(frame).getByRole("row").filter({ hasText: "/v1/" }));

const text = async (l: Locator) => ((await l.innerText({ timeout: 5_000 })) ?? "").trim();

test(
  "e2e: webviews show live traffic: Requests inspector (list, stream detail), Dashboard numbers and charts, Health panel",
  { skip, timeout: 300_000 },
  async (ctx) => {
    const port = await freePort();
    const marker = `e2e-webviews-${randomUUID().slice(0, 8)}`;
    await withWorkbench(
      { name: "webviews", vsix: [vsix], settings: { "mockGpt.port": port, "mockGpt.autoStart": false } },
      async (wb) => {
        // 1. Start the server; certificates come from the notification.
        await wb.runCommand("Mock GPT: Start Server");
        await wb.waitForNotification(/certificate/i);
        await wb.clickNotificationButton("Generate Certificates");
        assert.match(await wb.waitForStatusBarText(/Mock GPT.*normal/, 60_000), /Mock GPT.*normal/);
        await wb.screenshot("running");

        // 2. The side panel, empty for now.
        let inspector = await showInspector(wb);
        await eventually(
          "inspector says it has no requests",
          () => text(inspector.locator("#count")),
          (t) => /^0 requests$/.test(t),
          15_000,
        ).catch(async () => {
          // The count element is ours; if it was renamed, fall back on the visible empty message.
          await inspector.getByText(/No requests yet/).waitFor({ state: "visible", timeout: 5_000 });
        });
        await wb.screenshot("inspector-empty");

        // 3. Two requests with the official SDK over mTLS.
        const tls = await waitForWorkspaceCerts(wb.workspace);
        const { plainText, streamedText, streamedChunks } = await withClient(port, tls, async (client) => {
          const plain = await client.chat.completions.create({
            model: "gpt-4o-mini",
            messages: [{ role: "user", content: `${marker} plain: say hello` }],
          });
          const stream = await client.chat.completions.create({
            model: "gpt-4o-mini",
            messages: [{ role: "user", content: `${marker} streamed: tell a story` }],
            stream: true,
          });
          const { text, chunks } = await readChatStream(stream);
          return { plainText: plain.choices[0]?.message.content ?? "", streamedText: text, streamedChunks: chunks };
        });
        assert.ok(plainText.trim(), "non-streaming completion has content");
        assert.ok(streamedChunks > 1, `stream yields several chunks (got ${streamedChunks})`);
        assert.ok(streamedText.trim(), "stream carries text");

        // 4. Both appear in the inspector; the streamed one's detail shows body, chunks and text.
        inspector = await showInspector(wb);
        const list = requestList(inspector);
        const rows = requestRows(inspector);
        await eventually(
          "two completed POST /v1/chat/completions rows",
          async () => (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, " ")),
          (r) => r.length === 2 && r.every((t) => /POST \/v1\/chat\/completions 200\b/.test(t)),
          20_000,
        );
        await wb.screenshot("inspector-two-requests");
        // Newest first, so the streamed request is on top. (The side bar is too narrow for the Stream
        // column, which a container query hides below 520 px; the detail's Stream tab tells them apart.)
        const streamRow = rows.first();

        await streamRow.click({ timeout: 10_000 });
        const detail = inspector.getByRole("region", { name: "Request detail" });
        await detail.waitFor({ state: "visible", timeout: 10_000 });
        assert.match(await text(detail), /POST \/v1\/chat\/completions/);
        assert.equal(
          await detail.getByRole("tab", { name: /^Stream/ }).count(),
          1,
          "the newest request (the streamed one) has a Stream tab",
        );

        await detail.getByRole("tab", { name: /^Request$/ }).click({ timeout: 10_000 });
        await eventually(
          "request tab shows the request body",
          () => text(detail.getByRole("tabpanel")),
          (t) => t.includes(`${marker} streamed: tell a story`) && /"stream":\s*true/.test(t),
          10_000,
        );
        await wb.screenshot("detail-request");

        const streamTab = detail.getByRole("tab", { name: /^Stream/ });
        await streamTab.click({ timeout: 10_000 });
        const streamPanel = detail.getByRole("tabpanel");
        const panelText = await eventually(
          "stream tab shows the reassembled text and chunks",
          () => text(streamPanel),
          (t) => /reassembled text/i.test(t) && t.includes("[DONE]"),
          10_000,
        );
        const reassembled = await text(streamPanel.locator("[data-part=reassembled]"));
        assert.equal(reassembled, streamedText.trim(), "the reassembled text is what the SDK received");
        const tabLabel = await text(streamTab);
        const chunkCount = Number(/\((\d+)\)/.exec(tabLabel)?.[1] ?? NaN);
        // The SDK drops the final "[DONE]" line; the log keeps every data line, [DONE] included.
        assert.ok(
          chunkCount >= streamedChunks,
          `the Stream tab counts ${chunkCount} chunk(s), at least the ${streamedChunks} the SDK saw`,
        );
        assert.match(panelText, new RegExp(`\\b${chunkCount} chunk\\(s\\)`));
        assert.match(panelText, /finish_reason: stop/i);
        assert.match(panelText, /\+\d+ ms/, "the chunk timeline lists offsets");
        // One compact row per event; a row unfolds to its raw JSON on demand.
        assert.doesNotMatch(panelText, /"chat\.completion\.chunk"/, "raw chunks stay folded");
        await streamPanel.locator(".mg-event summary").nth(1).click({ timeout: 10_000 });
        assert.match(
          await text(streamPanel.locator("[data-part=raw-event]").nth(1)),
          /"chat\.completion\.chunk"/,
          "an unfolded event shows its raw chunk",
        );
        await wb.screenshot("detail-stream");

        // Keyboard: Escape closes the detail, Down selects the older (plain) request, Enter opens it.
        await list.focus();
        await wb.page.keyboard.press("Escape");
        await detail.waitFor({ state: "hidden", timeout: 10_000 });
        await wb.page.keyboard.press("ArrowDown");
        await wb.page.keyboard.press("Enter");
        await detail.waitFor({ state: "visible", timeout: 10_000 });
        await detail.getByRole("tab", { name: /^Response$/ }).click({ timeout: 10_000 });
        await eventually(
          "the plain request's response body is shown",
          () => text(detail.getByRole("tabpanel")),
          (t) => t.includes(JSON.stringify(plainText).slice(1, -1).slice(0, 40)) && /"chat\.completion"/.test(t),
          10_000,
        );
        assert.equal(
          await detail.getByRole("tab", { name: /^Stream/ }).count(),
          0,
          "a non-streamed request has no Stream tab",
        );
        await wb.screenshot("detail-plain-keyboard");

        // 5a. Dashboard: live numbers and drawn charts.
        const dashboard = await openPanel(wb, "Mock GPT: Open Dashboard", /Dashboard/);
        const total = await eventually(
          "dashboard total requests",
          async () => Number((await text(dashboard.locator("[data-stat=total]"))).replace(/[^\d]/g, "")),
          (n) => n >= 2,
          20_000,
        );
        assert.ok(total >= 2, `total requests ${total} >= 2`);
        const totalCard = await text(dashboard.getByRole("region", { name: "Total Requests" }));
        assert.match(totalCard, /\b2 completed\b/i);
        assert.match(await text(dashboard.getByRole("region", { name: "Success Rate" })), /100(\.0+)?\s*%/);
        assert.match(await text(dashboard.getByRole("region", { name: "Latency p50" })), /\d+ samples/i);
        assert.match(await text(dashboard.locator("body")), new RegExp(`running[\\s\\S]*127\\.0\\.0\\.1:${port}`, "i"));
        const charts = dashboard.getByRole("img");
        await eventually(
          "four chart canvases: methods, status codes, latency, endpoints",
          () => charts.count(),
          (n) => n === 4,
          10_000,
        );
        for (const [i, name] of ["HTTP Methods", "Status Codes", "Endpoints", "Latency over Time"].entries()) {
          const chart = charts.nth(i);
          const label = (await chart.getAttribute("aria-label", { timeout: 5_000 })) ?? "";
          assert.ok(label.startsWith(name), `chart ${i} is "${name}" (aria-label "${label}")`);
          const box = await chart.boundingBox({ timeout: 5_000 });
          assert.ok(
            box && box.width > 20 && box.height > 20,
            `chart "${name}" has a visible size (${JSON.stringify(box)})`,
          );
          const painted = await eventually(
            `chart "${name}" has drawn pixels`,
            () =>
              chart.evaluate((c) => {
                const canvas = c as HTMLCanvasElement;
                const ctx = canvas.getContext("2d");
                if (!ctx || !canvas.width || !canvas.height) return 0;
                const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
                let n = 0;
                for (let p = 3; p < data.length; p += 4) if (data[p]! > 0) n++;
                return n;
              }),
            (n) => n > 50,
            10_000,
          );
          assert.ok(painted > 50, `chart "${name}" painted ${painted} pixels`);
        }
        assert.match(
          (await charts.nth(0).getAttribute("aria-label")) ?? "",
          /POST [2-9]/,
          "the methods chart counts the POSTs",
        );
        assert.match(
          (await charts.nth(1).getAttribute("aria-label")) ?? "",
          /200: [2-9]/,
          "the status chart counts the 200s",
        );
        assert.match(
          (await charts.nth(3).getAttribute("aria-label")) ?? "",
          /\d+ active seconds?, last average \d+ ms/,
          "the latency chart has data points",
        );
        await wb.screenshot("dashboard");

        // 5b. Health: state, URL, certificates, configuration sources.
        const health = await openPanel(wb, "Mock GPT: Open Health", /Health/);
        const server = health.getByRole("region", { name: "Server", exact: true });
        await eventually(
          "health shows the server running on our port",
          () => text(server),
          (t) => /\brunning\b/i.test(t) && t.includes(`https://127.0.0.1:${port}`),
          15_000,
        );
        assert.match(await text(server), new RegExp(`127\\.0\\.0\\.1:${port}`), "bound address");
        const tlsSection = health.getByRole("region", { name: "TLS" });
        const tlsText = await text(tlsSection);
        assert.match(tlsText, /Mutual TLS: client certificate required/i);
        assert.match(tlsText, /Server certificate/i);
        assert.match(tlsText, /CA certificate/i);
        assert.ok(
          tlsText.includes(join(wb.workspace, "certs")),
          "certificate paths point into the workspace's certs folder",
        );
        const daysLeft = health.locator("[data-days-left]");
        assert.equal(await daysLeft.count(), 2, "days left for the server and CA certificates");
        for (const d of await daysLeft.all()) {
          const n = Number(await d.getAttribute("data-days-left"));
          assert.ok(Number.isInteger(n) && n > 0, `a fresh certificate has days left (${n})`);
          assert.equal(await text(d), String(n));
        }
        const config = health.getByRole("region", { name: "Effective Configuration" });
        const portRow = config.getByRole("row").filter({ hasText: "server.port" });
        await portRow.first().waitFor({ state: "visible", timeout: 10_000 });
        const portRowText = (await text(portRow.first())).replace(/\s+/g, " ");
        assert.match(
          portRowText,
          new RegExp(`server\\.port ${port} setting mockGpt\\.port`, "i"),
          `server.port comes from the mockGpt.port setting (row: "${portRowText}")`,
        );
        const configText = await text(config);
        for (const h of ["Key", "Value", "Source", "Set by"])
          assert.ok(configText.toLowerCase().includes(h.toLowerCase()), `configuration table has a "${h}" column`);
        assert.match(configText, /\bdefault\b/i, "some values come from the defaults");
        assert.ok((await config.getByRole("row").count()) > 5, "the configuration table lists many keys");
        await wb.screenshot("health");

        // Hide the side panel (Explorer takes the side bar; VS Code may destroy the hidden webview) and
        // show it again: the list comes back from the server's log, the open detail and tab from the page state.
        await wb.page
          .locator("#workbench\\.parts\\.activitybar")
          .getByRole("tab", { name: /^Explorer/ })
          .first()
          .click({ timeout: 10_000 });
        await eventually(
          "the Requests view is hidden",
          async () =>
            await wb.webviewFrame(/^Requests$/, 500).then(
              () => true,
              () => false,
            ),
          (shown) => !shown,
          10_000,
        );
        await wb.screenshot("inspector-hidden");
        inspector = await showInspector(wb);
        await eventually(
          "inspector lists the two requests again",
          () => requestRows(inspector).count(),
          (n) => n === 2,
          15_000,
        );
        const restored = inspector.getByRole("region", { name: "Request detail" });
        await restored.waitFor({ state: "visible", timeout: 10_000 });
        assert.equal(
          await restored.getByRole("tab", { name: /^Stream/ }).count(),
          0,
          "the reopened detail is the plain request's, as left",
        );
        assert.equal(
          await restored.getByRole("tab", { name: /^Response$/ }).getAttribute("aria-selected"),
          "true",
          "on the Response tab, as left",
        );
        await wb.screenshot("inspector-again");
        ctx.diagnostic(`Requests view shown via: ${shownVia.join("; ")}`);
      },
    );
  },
);
