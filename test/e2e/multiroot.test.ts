// The packaged extension (dist/mock-gpt.vsix) in a real VS Code (code-server) with a multi-root
// workspace (.code-workspace listing folders "alpha" and "beta", each with its own
// config/local.toml: a different port and scenario). "Mock GPT: Start Server" must ask which
// folder to use, then run from that folder alone: beta's port and scenario, certificates generated
// into beta/certs/, nothing written to alpha, nothing listening on alpha's port. Started again
// after a stop, it must not ask again (the choice is remembered for the workspace) and must come
// back on beta's port with beta's existing certificates. "Mock GPT: Choose Workspace Folder…" then
// asks again (beta marked current); picking alpha restarts the server there: the certificate
// question names "alpha/certs/", alpha's port, scenario and CA answer, beta's port closes. Back on
// beta, removing beta from the .code-workspace file stops the server with a warning naming beta,
// whose "Start Again" starts on alpha, the one folder left, without asking.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { test } from "node:test";
import { extensionVsix, freePort, skipWithoutVsix, withWorkbench, type Workbench } from "./harness";
import { waitForWorkspaceCerts, withClient, type ClientTlsFiles } from "./client";

const skip = skipWithoutVsix;
/** The placeholder of the folder pick (FOLDER_PICK_PLACEHOLDER in src/extension/model/folderChoice.ts), for Start and Choose alike. */
const FOLDER_PICK_PLACEHOLDER = "Which folder's config/ and certs/ should Mock GPT use?";
/** A settled server state: running under some scenario, or failed (not off, starting or stopping). */
const SETTLED = /Mock GPT(?: :\d+ · \w|: failed)/;
/** Running under some scenario ("Mock GPT :PORT · scenario"). */
const RUNNING = /Mock GPT :\d+ · \w/;
/** The palette title of mockGpt.chooseFolder. */
const CHOOSE_FOLDER = "Mock GPT: Choose Workspace Folder…";

/** How a TCP connect to 127.0.0.1:port ends: "connected", "timeout" or the error code (ECONNREFUSED when nothing listens). */
function probe(port: number): Promise<string> {
  return new Promise((resolve) => {
    const sock = connect({ host: "127.0.0.1", port, timeout: 2_000 });
    sock.once("connect", () => {
      sock.destroy();
      resolve("connected");
    });
    sock.once("timeout", () => {
      sock.destroy();
      resolve("timeout");
    });
    sock.once("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

/** Resolves when nothing listens on the port; rejects if it still accepts connections after `timeoutMs`. */
async function waitForRefused(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const code = await probe(port);
    if (code === "ECONNREFUSED") return;
    if (Date.now() > deadline) throw new Error(`port ${port} still accepts connections (last: ${code})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Counts, in the page, every time a quick input opens with the folder pick's placeholder. A
 * MutationObserver sees it even if it is open only briefly, between two polls of the test.
 */
async function countFolderPicks(wb: Workbench): Promise<void> {
  // A string, not a function: tsx (esbuild keepNames) would wrap the inner arrow in a __name()
  // helper that does not exist in the page.
  await wb.page.evaluate(`(() => {
    const placeholder = ${JSON.stringify(FOLDER_PICK_PLACEHOLDER)};
    window.__mockGptFolderPicks = 0;
    let open = false;
    const check = () => {
      const widget = document.querySelector(".quick-input-widget");
      const input = widget && widget.querySelector("input.input");
      const now = !!widget && !!input && widget.getClientRects().length > 0 && input.getAttribute("placeholder") === placeholder;
      if (now && !open) window.__mockGptFolderPicks++;
      open = now;
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["placeholder", "style", "class", "aria-hidden"] });
    check();
  })()`);
}

/**
 * Records, in the page, the text of every notification toast that appears, so that one shown only
 * briefly (the progress of a 50 ms certificate generation) is still seen.
 */
async function recordToasts(wb: Workbench): Promise<void> {
  await wb.page.evaluate(`(() => {
    const seen = (window.__mockGptToasts = []);
    const check = () => {
      for (const el of document.querySelectorAll(".notification-toast")) {
        const text = (el.textContent || "").trim();
        if (text && !seen.includes(text)) seen.push(text);
      }
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
    check();
  })()`);
}

async function toastsSeen(wb: Workbench): Promise<string[]> {
  return wb.page.evaluate(() => (window as unknown as { __mockGptToasts: string[] }).__mockGptToasts);
}

/** Whether the palette lists a command row with exactly this title (waits up to `ms` for it). */
async function paletteLists(wb: Workbench, title: string, ms = 3_000): Promise<boolean> {
  await wb.closeQuickInput();
  await wb.page
    .locator(".monaco-workbench")
    .focus()
    .catch(() => {});
  await wb.page.keyboard.press("F1");
  const widget = wb.page.locator(".quick-input-widget");
  await widget.waitFor({ state: "visible", timeout: 5_000 });
  await widget.locator("input.input").fill(`>${title}`);
  const row = widget.locator(".quick-input-list .monaco-list-row .label-name").filter({ hasText: title });
  const listed = await row
    .first()
    .waitFor({ state: "visible", timeout: ms })
    .then(
      () => true,
      () => false,
    );
  await wb.closeQuickInput();
  return listed;
}

async function folderPicksSeen(wb: Workbench): Promise<number> {
  return wb.page.evaluate(() => (window as unknown as { __mockGptFolderPicks: number }).__mockGptFolderPicks);
}

/** Every file name under `dir` (recursively), sorted; [] when it does not exist. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** One completion over mTLS on `port` with the given client files; returns its content and how long it took. */
function complete(port: number, tls: ClientTlsFiles): Promise<{ content: string; ms: number }> {
  return withClient(port, tls, async (client) => {
    const t0 = Date.now();
    const completion = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Say hello in one sentence." }],
    });
    return { content: completion.choices[0]?.message.content ?? "", ms: Date.now() - t0 };
  });
}

test(
  "e2e: in a multi-root workspace Mock GPT asks for a folder, runs on that folder's config/ and certs/ only, and remembers the choice",
  { skip, timeout: 300_000 },
  async () => {
    const portA = await freePort();
    let portB = await freePort();
    while (portB === portA) portB = await freePort();

    await withWorkbench(
      {
        name: "multiroot",
        vsix: [extensionVsix],
        workspaceFolders: ["alpha", "beta"],
        // No mockGpt.port anywhere: it would override the folders' config/local.toml.
        settings: { "mockGpt.autoStart": false },
        files: {
          "alpha/config/local.toml": `[server]\nport = ${portA}\n\n[scenario]\nactive = "fast"\n`,
          "beta/config/local.toml": `[server]\nport = ${portB}\n\n[scenario]\nactive = "slow"\n`,
        },
      },
      async (wb) => {
        const folderA = join(wb.workspace, "alpha");
        const folderB = join(wb.workspace, "beta");
        assert.ok(wb.workspaceFile, "a .code-workspace file was opened");
        // VS Code titles a window opened on e2e.code-workspace "... e2e (Workspace)"; a single folder would be "alpha" or "mock-gpt-ws-…".
        assert.match(await wb.page.title(), /\be2e \(Workspace\)/, "the multi-root workspace is open");
        for (const f of [folderA, folderB])
          assert.equal(existsSync(join(f, "certs")), false, `${f} starts without certs/`);
        assert.equal(await probe(portA), "ECONNREFUSED", "nothing listens on alpha's port before the start");
        assert.equal(await probe(portB), "ECONNREFUSED", "nothing listens on beta's port before the start");
        await wb.waitForStatusBarText(/Mock GPT: off/, 30_000);
        await wb.screenshot("loaded");
        await countFolderPicks(wb);

        // First start: the folder pick, with both folders and the product's question.
        // The folder pick may reuse the palette's widget without it ever hiding.
        await wb.runCommand("Mock GPT: Start Server", 30_000, { mayOpenQuickInput: true });
        const labels = await wb.quickInputLabels();
        assert.deepEqual(
          [...labels].sort(),
          ["alpha", "beta"],
          `the pick lists the workspace's two folders (got ${JSON.stringify(labels)})`,
        );
        const placeholder = await wb.page.locator(".quick-input-widget input.input").getAttribute("placeholder");
        assert.equal(placeholder, FOLDER_PICK_PLACEHOLDER);
        await wb.screenshot("folder-pick");
        assert.equal(await folderPicksSeen(wb), 1, "the page-side counter saw the folder pick open");
        await wb.pickQuickInput(/^\s*beta\s*$/);

        // beta has no certificates yet: the extension offers to generate them (into beta/certs/).
        await wb.waitForNotification(/No mTLS certificates in .*certs\//);
        await wb.screenshot("no-certificates");
        await wb.clickNotificationButton("Generate Certificates");
        const tls = await waitForWorkspaceCerts(folderB);
        const running = await wb.waitForStatusBarText(RUNNING, 60_000);
        assert.match(
          running,
          /Mock GPT :\d+ · slow\b/,
          `beta's scenario ("slow"), not alpha's ("fast") or the default (status bar: ${running})`,
        );
        await wb.screenshot("running-beta");

        const certFilesB = filesUnder(join(folderB, "certs"));
        const certBytesB = certFilesB.map((f) => readFileSync(f));
        assert.ok(
          certFilesB.length >= 5,
          `beta/certs/ holds the CA, server and client files (got ${certFilesB.join(", ")})`,
        );
        assert.equal(existsSync(join(folderA, "certs")), false, "alpha/certs/ was not created");
        assert.deepEqual(
          filesUnder(folderA),
          [join(folderA, "config", "local.toml")],
          "nothing was written into alpha",
        );
        assert.equal(await probe(portA), "ECONNREFUSED", "nothing listens on alpha's port");

        // The official SDK over mTLS on beta's port, trusting only beta's CA; "slow" makes each answer take 5–30 s.
        const first = await complete(portB, tls);
        assert.ok(first.content.trim().length > 0, "the completion has content");
        assert.ok(first.ms >= 2_500, `beta's "slow" scenario delays the answer (took ${first.ms} ms)`);

        await wb.runCommand("Mock GPT: Stop Server");
        assert.match(await wb.waitForStatusBarText(/Mock GPT: off/, 30_000), /off/);
        await waitForRefused(portB);
        await wb.screenshot("stopped");

        // Second start: no folder pick (the choice is remembered), the existing certificates, beta's port.
        // mayOpenQuickInput here too: were a folder pick to open again, the test should fail on the
        // assertions below, not as a palette that "did not close".
        await wb.runCommand("Mock GPT: Start Server", 30_000, { mayOpenQuickInput: true });
        // Fails as soon as a folder pick opens rather than after the status bar wait times out.
        const deadline = Date.now() + 60_000;
        let again = "";
        while (!again) {
          assert.equal(await folderPicksSeen(wb), 1, "no folder pick on the second start");
          const item = wb.statusBarItem(SETTLED);
          if (await item.isVisible()) again = (await item.innerText()).trim();
          else if (Date.now() > deadline)
            throw new Error("the server did not come back within 60 s of the second start");
          else await new Promise((r) => setTimeout(r, 250));
        }
        assert.match(again, /Mock GPT :\d+ · slow\b/, `running on beta's config again (status bar: ${again})`);
        assert.equal(await folderPicksSeen(wb), 1, "no folder pick on the second start");
        assert.equal(
          await wb.page
            .locator(".notification-toast")
            .filter({ hasText: /No mTLS certificates/ })
            .count(),
          0,
          "no certificate prompt on the second start",
        );
        await wb.screenshot("restarted-beta");

        assert.deepEqual(filesUnder(join(folderB, "certs")), certFilesB, "beta/certs/ has the same files");
        assert.ok(
          filesUnder(join(folderB, "certs")).every((f, i) => readFileSync(f).equals(certBytesB[i]!)),
          "beta's certificates were reused, not regenerated",
        );
        const second = await complete(portB, tls);
        assert.ok(second.content.trim().length > 0, "the completion after the restart has content");
        assert.ok(second.ms >= 2_500, `still beta's "slow" scenario (took ${second.ms} ms)`);
        assert.equal(existsSync(join(folderA, "certs")), false, "alpha/certs/ still does not exist");
        assert.equal(await probe(portA), "ECONNREFUSED", "nothing listens on alpha's port after the restart");

        // Choose Workspace Folder…, while running on beta: the same pick, beta marked current.
        await recordToasts(wb);
        await wb.runCommand(CHOOSE_FOLDER, 30_000, { mayOpenQuickInput: true });
        const chooseLabels = await wb.quickInputLabels();
        assert.deepEqual(
          chooseLabels,
          ["alpha", "beta"],
          `the pick lists both folders in workspace order (got ${JSON.stringify(chooseLabels)})`,
        );
        assert.equal(
          await wb.page.locator(".quick-input-widget input.input").getAttribute("placeholder"),
          FOLDER_PICK_PLACEHOLDER,
        );
        const description = (label: string) =>
          wb
            .quickInputRows()
            .filter({ has: wb.page.locator(".label-name", { hasText: new RegExp(`^\\s*${label}\\s*$`) }) })
            .locator(".label-description")
            .first()
            .innerText();
        assert.match(await description("beta"), /^current\b/, "beta is marked as the current folder");
        assert.doesNotMatch(await description("alpha"), /current/, "alpha is not marked current");
        assert.equal(await folderPicksSeen(wb), 2, "Choose Workspace Folder opened the folder pick");
        await wb.screenshot("choose-folder");
        await wb.pickQuickInput(/^\s*alpha\s*$/);

        // The server restarts on alpha, which has no certificates: the question names alpha's folder.
        const question = await wb.waitForNotification(/No mTLS certificates in/, 60_000);
        assert.match(
          await question.innerText(),
          /No mTLS certificates in alpha\/certs\/ yet\.[^]*Generate them now\?/,
          "the question names alpha/certs/",
        );
        await wb.screenshot("no-certificates-alpha");
        await wb.clickNotificationButton("Generate Certificates");
        const tlsA = await waitForWorkspaceCerts(folderA);
        const runningA = await wb.waitForStatusBarText(RUNNING, 60_000);
        assert.match(
          runningA,
          /Mock GPT :\d+ · fast\b/,
          `alpha's scenario ("fast"), not beta's ("slow") (status bar: ${runningA})`,
        );
        await wb.screenshot("running-alpha");
        await waitForRefused(portB);
        const toasts = await toastsSeen(wb);
        assert.ok(
          toasts.some((t) => t.includes("Mock GPT: generating certificates in alpha/certs/")),
          `the progress named alpha/certs/ (toasts seen: ${JSON.stringify(toasts)})`,
        );

        // alpha's port, alpha's CA and client certificate, alpha's "fast" scenario (no delay).
        const onAlpha = await complete(portA, tlsA);
        assert.ok(onAlpha.content.trim().length > 0, "the completion on alpha has content");
        assert.ok(onAlpha.ms < 2_500, `alpha's "fast" scenario answers without beta's delay (took ${onAlpha.ms} ms)`);
        await assert.rejects(complete(portA, tls), "alpha's server refuses beta's client certificate (another CA)");
        assert.deepEqual(filesUnder(join(folderB, "certs")), certFilesB, "beta/certs/ is untouched");
        assert.ok(
          filesUnder(join(folderB, "certs")).every((f, i) => readFileSync(f).equals(certBytesB[i]!)),
          "beta's certificates are unchanged",
        );

        // Back to beta (existing certificates: no question), so that removing it does not remove the
        // workspace's first folder, which would restart the extension host instead.
        await wb.runCommand(CHOOSE_FOLDER, 30_000, { mayOpenQuickInput: true });
        assert.match(await description("alpha"), /^current\b/, "alpha is now the current folder");
        await wb.pickQuickInput(/^\s*beta\s*$/);
        const backOnB = await wb.waitForStatusBarText(/Mock GPT :\d+ · slow\b/, 60_000);
        assert.match(backOnB, /slow/);
        await waitForRefused(portA);
        const third = await complete(portB, tls);
        assert.ok(third.ms >= 2_500, `beta's "slow" scenario again (took ${third.ms} ms)`);
        assert.equal(await folderPicksSeen(wb), 3, "two Choose pick plus the first start's");

        // Remove beta from the workspace by editing the .code-workspace file, which VS Code watches.
        writeFileSync(wb.workspaceFile, JSON.stringify({ folders: [{ path: "alpha" }], settings: {} }, null, 2));
        const removedWarning = await wb.waitForNotification(
          /the folder "beta" it was running on was removed from the workspace/,
          60_000,
        );
        assert.match(await removedWarning.innerText(), /Mock GPT stopped/);
        await wb.waitForStatusBarText(/Mock GPT: off/, 30_000);
        await waitForRefused(portB);
        await wb.screenshot("beta-removed");
        // One folder left: the command is gone from the palette.
        assert.equal(
          await paletteLists(wb, CHOOSE_FOLDER),
          false,
          "Choose Workspace Folder is not offered with a single folder",
        );

        // Start Again goes through Start: one folder left, so no question, and alpha's existing certificates.
        await wb.clickNotificationButton("Start Again");
        const runningAgain = await wb.waitForStatusBarText(RUNNING, 60_000);
        assert.match(
          runningAgain,
          /Mock GPT :\d+ · fast\b/,
          `running on alpha, the folder left (status bar: ${runningAgain})`,
        );
        assert.equal(await folderPicksSeen(wb), 3, "no folder pick with a single folder left");
        const afterRemoval = await complete(portA, tlsA);
        assert.ok(afterRemoval.content.trim().length > 0, "alpha answers after Start Again");
        await wb.screenshot("running-alpha-again");

        await wb.runCommand("Mock GPT: Stop Server");
        assert.match(await wb.waitForStatusBarText(/Mock GPT: off/, 30_000), /off/);
        await waitForRefused(portA);
      },
    );
  },
);
