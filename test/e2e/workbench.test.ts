// Smoke test of the e2e harness with built-in VS Code only: code-server starts, the workbench
// loads in Chromium, palette commands run and show their effect. If this fails, the machine or
// the harness is broken, not the extension.
import assert from "node:assert/strict";
import { test } from "node:test";
import { withWorkbench } from "./harness";

test("e2e harness: code-server workbench runs built-in palette commands", { timeout: 180_000 }, async () => {
  await withWorkbench(
    { name: "workbench", git: true, files: { "hello.txt": "hello from the e2e workspace\n" } },
    async (wb) => {
      await wb.screenshot("loaded");

      // The terminal needs node-pty, which setup-test-deps.sh builds by hand.
      const terminal = wb.page.locator(".terminal-wrapper .xterm").first();
      assert.equal(await terminal.isVisible(), false, "terminal should start hidden");
      await wb.runCommand("View: Toggle Terminal");
      await terminal.waitFor({ state: "visible", timeout: 30_000 });
      assert.ok(await terminal.isVisible());
      await wb.screenshot("terminal");

      await wb.runCommand("Preferences: Open User Settings");
      const settings = wb.page.locator(".settings-editor");
      await settings.waitFor({ state: "visible", timeout: 30_000 });
      const tab = wb.page.locator(".tabs-container .tab.active");
      assert.match(await tab.innerText(), /Settings/);
      await wb.screenshot("settings");

      // The workspace is open: its file shows in the Explorer.
      await wb.runCommand("View: Show Explorer");
      await wb.page
        .locator(".explorer-folders-view .monaco-list-row", { hasText: "hello.txt" })
        .waitFor({ state: "visible", timeout: 30_000 });
    },
  );
});
