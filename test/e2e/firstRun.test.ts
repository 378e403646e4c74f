// The first five minutes in a real VS Code (code-server), as a new user meets them (issue 12):
// Start in an empty folder and in a git repository ends in "Mock GPT running at <url>" with no
// red state on the way (the certificate and .gitignore questions are questions, not failures, and
// the .gitignore one does not hold the server up); Replay of an SDK request from the Requests view;
// a broken config/local.toml neither goes unnoticed nor takes the running server down, Restart included.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { FrameLocator, Locator } from "playwright-core";
import { extensionVsix, freePort, skipWithoutVsix, withWorkbench, type Workbench } from "./harness";
import { readChatStream, waitForWorkspaceCerts, withClient, type ClientTlsFiles } from "./client";

const skip = skipWithoutVsix;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One status-bar rendering of our item: its text and whether it had a (warning/error) background. */
interface SeenState {
  text: string;
  background: boolean;
}

/** Records every rendering of the Mock GPT status-bar item from now on (a MutationObserver in the page). */
async function recordStatusBar(wb: Workbench): Promise<() => Promise<SeenState[]>> {
  // A string, not a function: tsx's keepNames would add a __name helper the page does not have.
  await wb.page.evaluate(`(() => {
    const seen = (window.__mockGptSeen = []);
    const bar = document.querySelector("#workbench\\\\.parts\\\\.statusbar");
    const read = () => {
      for (const item of bar.querySelectorAll(".statusbar-item")) {
        const text = item.innerText.trim();
        if (!/Mock GPT/.test(text)) continue;
        const state = { text, background: item.classList.contains("has-background-color") };
        const last = seen[seen.length - 1];
        if (!last || last.text !== state.text || last.background !== state.background) seen.push(state);
      }
    };
    read();
    new MutationObserver(read).observe(bar, { subtree: true, childList: true, characterData: true, attributes: true });
  })()`);
  return () =>
    wb.page.evaluate(
      () => (window as unknown as { __mockGptSeen: Array<{ text: string; background: boolean }> }).__mockGptSeen,
    );
}

/** The Mock GPT status-bar item's element. */
const statusItem = (wb: Workbench): Locator => wb.statusBarItem(/Mock GPT/);

async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    try {
      last = await read();
      if (ok(last)) return last;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
    await sleep(250);
  }
}

/** Start from the palette, answer the certificate question, and wait for the success message. */
async function firstStart(wb: Workbench, port: number): Promise<{ seen: () => Promise<SeenState[]> }> {
  const seen = await recordStatusBar(wb);
  await wb.runCommand("Mock GPT: Start Server");
  await wb.waitForNotification(/No mTLS certificates in certs\/ yet/);
  assert.match(await wb.waitForStatusBarText(/Mock GPT: needs certificates/, 10_000), /needs certificates/);
  await wb.screenshot("certificate-question");
  await wb.clickNotificationButton("Generate Certificates");
  const toast = await wb.waitForNotification(`Mock GPT running at https://127.0.0.1:${port}`, 60_000);
  for (const action of ["Copy Client Snippet", "Show Requests"])
    assert.equal(
      await toast.locator(".monaco-button").filter({ hasText: action }).count(),
      1,
      `the success message offers ${action}`,
    );
  assert.equal(await wb.waitForStatusBarText(new RegExp(`Mock GPT :${port} · normal`)), `Mock GPT :${port} · normal`);
  await wb.screenshot("running");
  return { seen };
}

function assertNoRedState(states: SeenState[]): void {
  assert.ok(states.length >= 2, `the status bar changed on the way (${JSON.stringify(states)})`);
  for (const s of states) {
    assert.doesNotMatch(s.text, /failed/i, `no "failed" on the way: ${JSON.stringify(states)}`);
    assert.equal(s.background, false, `no error or warning background on the way: ${JSON.stringify(states)}`);
  }
}

function chat(port: number, tls: ClientTlsFiles, stream: boolean): Promise<string> {
  return withClient(port, tls, async (client) => {
    const messages = [{ role: "user" as const, content: `first-run ${stream ? "streamed" : "plain"}` }];
    if (!stream)
      return (
        (await client.chat.completions.create({ model: "gpt-4o-mini", messages })).choices[0]!.message.content ?? ""
      );
    return (
      await readChatStream(await client.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true }))
    ).text;
  });
}

const requestRows = (frame: FrameLocator): Locator =>
  frame
    .getByRole("listbox", { name: "Requests" })
    .or(frame.getByRole("grid", { name: "Requests" }))
    .first()
    .getByRole("option")
    .or(frame.getByRole("grid", { name: "Requests" }).getByRole("row").filter({ hasText: "/v1/" }));

test(
  "e2e first run, empty folder: a question, not a failure, then 'running at'; Replay of SDK requests (streamed and not)",
  { skip, timeout: 300_000 },
  async () => {
    const port = await freePort();
    await withWorkbench(
      { name: "first-run-empty", vsix: [extensionVsix], settings: { "mockGpt.port": port } },
      async (wb) => {
        const { seen } = await firstStart(wb, port);
        assertNoRedState(await seen());

        const tls = await waitForWorkspaceCerts(wb.workspace);
        assert.ok((await chat(port, tls, false)).trim());
        assert.ok((await chat(port, tls, true)).trim());

        // "Show Requests" from the success message opens the Requests view.
        await wb.clickNotificationButton("Show Requests");
        const frame = await wb.webviewFrame(/^Requests$/, 30_000);
        const rows = requestRows(frame);
        await eventually(
          "two SDK requests listed",
          () => rows.count(),
          (n) => n === 2,
        );

        // Replay each, newest first: the streamed one (on top), then the plain one (below it and
        // below the first replay).
        for (const [i, kind, index] of [
          [0, "streamed", 0],
          [1, "plain", 2],
        ] as const) {
          await rows.nth(index).click();
          const detail = frame.getByRole("region", { name: "Request detail" });
          await detail.waitFor({ state: "visible", timeout: 10_000 });
          await detail.getByRole("button", { name: /^Replay$/ }).click();
          const toast = await wb.waitForNotification(
            /Replayed POST \/v1\/chat\/completions → 200 \(with a placeholder API key/,
            30_000,
          );
          assert.equal(await toast.locator(".monaco-button").filter({ hasText: "Set Replay API Key…" }).count(), 1);
          await wb.screenshot(`replayed-${kind}`);
          await toast
            .locator(".codicon-notifications-clear, .codicon-close")
            .first()
            .click()
            .catch(() => {});
          await eventually(
            `${kind} replay listed`,
            () => rows.count(),
            (n) => n === 3 + i,
          );
        }
        const texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, " "));
        assert.ok(
          texts.every((t) => /POST \/v1\/chat\/completions 200\b/.test(t)),
          `every row, replays included, is a 200: ${JSON.stringify(texts)}`,
        );
      },
    );
  },
);

test(
  "e2e first run, git repository: .gitignore asked after the start without holding it; a broken local.toml and Restart keep the server",
  { skip, timeout: 300_000 },
  async () => {
    const port = await freePort();
    await withWorkbench(
      { name: "first-run-git", vsix: [extensionVsix], git: true, settings: { "mockGpt.port": port } },
      async (wb) => {
        const { seen } = await firstStart(wb, port);
        // The .gitignore question is up, and the server already serves: nothing waits for the answer.
        await wb.waitForNotification(/Keep the generated keys out of git\?/, 30_000);
        const tls = await waitForWorkspaceCerts(wb.workspace);
        assert.ok((await chat(port, tls, false)).trim(), "served while the .gitignore question is open");
        assertNoRedState(await seen());
        await wb.screenshot("gitignore-question");
        await wb.clickNotificationButton("Add to .gitignore");
        await eventually(
          ".gitignore lists the private keys",
          async () => readFileSync(join(wb.workspace, ".gitignore"), "utf8"),
          (t) => /certs\//.test(t),
        );

        // Open Configuration: config/local.toml, as TOML, under a header about that file.
        await wb.runCommand("Mock GPT: Open Configuration");
        const editor = wb.page.locator(".editor-instance .monaco-editor").first();
        await editor.waitFor({ state: "visible", timeout: 20_000 });
        await wb.page.locator(".tab.active").filter({ hasText: "local.toml" }).waitFor({ timeout: 20_000 });
        assert.match(await wb.waitForStatusBarText(/^TOML$/, 10_000), /TOML/, "the editor's language mode is TOML");
        const local = join(wb.workspace, "config", "local.toml");
        const seed = readFileSync(local, "utf8");
        assert.match(seed.split("\n")[0]!, /^# config\/local\.toml: this workspace's Mock GPT settings/);
        assert.doesNotMatch(seed.split("\n").slice(0, 3).join("\n"), /built-in defaults\./);

        // A save the server cannot use: status-bar warning and one notification; the server keeps running.
        const replaceAndSave = async (lines: string[]) => {
          await editor.locator(".view-lines").click();
          await wb.page.keyboard.press("Control+A");
          await wb.page.keyboard.press("Delete");
          for (const line of lines) {
            // Typed, as a user would; auto-closed quotes and brackets are typed over.
            await wb.page.keyboard.type(line, { delay: 10 });
            await wb.page.keyboard.press("Escape"); // a suggestion widget must not take the Enter
            await wb.page.keyboard.press("Enter");
          }
          await wb.page.keyboard.press("Control+S");
          await eventually(
            "saved",
            async () => readFileSync(local, "utf8"),
            (t) => t === lines.join("\n") + "\n",
          );
        };
        await replaceAndSave(["[server]", 'port = "abc"']);
        await wb.waitForNotification(
          /Mock GPT kept its last good configuration: config\/local\.toml:2:1: server\.port/,
          30_000,
        );
        await eventually(
          "status-bar warning",
          () => statusItem(wb).getAttribute("class"),
          (c) => /has-background-color/.test(c ?? ""),
        );
        assert.match(await wb.waitForStatusBarText(new RegExp(`Mock GPT :${port} · normal`)), /normal/);
        await wb.screenshot("config-rejected");

        // Restart validates first: the server is not stopped, and still answers.
        await wb.runCommand("Mock GPT: Restart Server");
        await sleep(1_500);
        assert.ok(
          (await chat(port, tls, false)).trim(),
          "the server still answers after Restart with an invalid config",
        );
        assert.equal(
          await wb.waitForStatusBarText(new RegExp(`Mock GPT :${port} · normal`)),
          `Mock GPT :${port} · normal`,
        );
        const toasts = await wb.page.locator(".notification-toast").allInnerTexts();
        assert.ok(
          toasts.some((t) => /kept its last good configuration/.test(t)),
          `Restart says why it did not restart: ${JSON.stringify(toasts)}`,
        );

        // Fixed: the warning goes away.
        await replaceAndSave(["[server]", "# port = 8443"]);
        await eventually(
          "warning cleared",
          () => statusItem(wb).getAttribute("class"),
          (c) => !/has-background-color/.test(c ?? ""),
          30_000,
        );
        await wb.screenshot("config-fixed");
      },
    );
  },
);
